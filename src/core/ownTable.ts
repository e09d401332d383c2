/**
 * A lookup table without a prototype: `table[key]` and `key in table` see only its own entries, so
 * input that names `constructor`, `toString` or `__proto__` (a BibTeX `@constructor{…}`, a LaTeX
 * `\toString`, a CSL `"type": "hasOwnProperty"`) finds nothing instead of a function.
 */
export function ownTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
