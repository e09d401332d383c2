/**
 * Field values as the scanner records them: a span of source text plus how to read it.
 * Expansion (delimiters stripped, `@string` macros and `#` concatenation resolved) happens on demand,
 * so a 30 MB file keeps one copy of its text and no per-field substrings.
 */
import type { SourceText } from './sourceText';

/** How a value span is read back. */
export const enum ValueKind {
  /** `{...}` or `"..."`: the text between the delimiters. */
  Delimited = 0,
  /** A bare number: the span itself. */
  Number = 1,
  /** Macros and/or `#` concatenation: re-read piece by piece. */
  Composite = 2,
}

/** BibTeX's predefined month macros, as the standard styles print them. */
export const MONTH_MACROS: Readonly<Record<string, string>> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

/** Resolves a value span to its LaTeX text. Unknown macros stay as their name (the scanner reports them). */
export function expandValue(source: SourceText, start: number, end: number, kind: ValueKind, macros: ReadonlyMap<string, string>): string {
  if (kind === ValueKind.Delimited) return source.slice(start + 1, end - 1);
  if (kind === ValueKind.Number) return source.slice(start, end);
  const text = source.text;
  let out = '';
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x22) { // { or "
      const close = closingDelimiter(text, i, end);
      out += source.slice(i + 1, close);
      i = close + 1;
    } else if (c === 0x23 || c <= 0x20) { // # or whitespace
      i++;
    } else {
      let j = i + 1;
      while (j < end && !isValueBreak(text.charCodeAt(j))) j++;
      const word = source.slice(i, j);
      if (c >= 0x30 && c <= 0x39 && /^\d+$/.test(word)) out += word;
      else out += lookupMacro(word.toLowerCase(), macros) ?? word;
      i = j;
    }
  }
  return out;
}

export function lookupMacro(name: string, macros: ReadonlyMap<string, string>): string | undefined {
  const own = macros.get(name);
  if (own !== undefined) return own;
  return Object.prototype.hasOwnProperty.call(MONTH_MACROS, name) ? MONTH_MACROS[name] : undefined;
}

/** Offset of the `}` or `"` closing the delimiter at `open` (braces nest in both). */
function closingDelimiter(text: string, open: number, end: number): number {
  const quoted = text.charCodeAt(open) === 0x22;
  let depth = 0;
  for (let i = open + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      if (depth === 0 && !quoted) return i;
      depth--;
    } else if (c === 0x22 && quoted && depth === 0) return i;
  }
  return end - 1;
}

function isValueBreak(c: number): boolean {
  return c <= 0x20 || c === 0x23 || c === 0x7b || c === 0x22;
}
