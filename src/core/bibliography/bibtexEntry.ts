/**
 * A parsed BibTeX entry. Holds offsets into the file's text, not copies of its values:
 * values are expanded (macros, `#`), inherited (crossref/xdata) and decoded only when asked for.
 */
import type { BibEntry } from './types';
import { ValueKind, expandValue } from './bibtexValue';
import { decodeFieldValue } from './latexDecode';
import { inheritedFieldName } from './inheritance';
import { parseNameList, type PersonName } from './names';
import type { SourceText } from './sourceText';
import { releaseMemory } from '../memory';

/** Ints per FieldStore page (256 KB): about 4,000 entries of 15 fields. */
const FIELD_PAGE_INTS = 1 << 16;

/**
 * Own fields of all entries of one file in typed-array pages, 4 ints per field: name id, value
 * start, value end, ValueKind. ~16 bytes a field instead of a few hundred for per-entry arrays.
 * A large file fills 256 KB pages in turn, never copying them (no doubling: no copies to
 * collect at 50,000 entries); an entry's fields lie in one page.
 */
export class FieldStore {
  readonly pages: Int32Array[] = [new Int32Array(1 << 10)];
  /** Ints used in the last page. */
  length = 0;
  /** Field name id → lowercase name. */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  /** Index of the page the last `append` wrote to. */
  get lastPage(): number {
    return this.pages.length - 1;
  }

  /** The id of a lowercase field name, assigned on first use. */
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  /** The id of a field name if any entry has used it. */
  knownId(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** Appends one entry's fields (name ids from `idOf`, and value spans); returns their offset in page `lastPage`. */
  append(ids: readonly number[], spans: readonly number[]): number {
    let page = this.pages[this.pages.length - 1];
    let offset = this.length;
    const size = 4 * ids.length;
    if (offset + size > page.length) {
      if (this.pages.length === 1 && offset + size <= FIELD_PAGE_INTS) {
        // A small file's only page grows (entries read their page through `pages`).
        const bigger = new Int32Array(Math.min(FIELD_PAGE_INTS, Math.max(offset + size, page.length * 4)));
        bigger.set(page.subarray(0, offset));
        releaseMemory(page);
        page = this.pages[0] = bigger;
      } else {
        if (this.pages.length === 1) this.trim();
        page = new Int32Array(Math.max(FIELD_PAGE_INTS, size));
        this.pages.push(page);
        offset = 0;
      }
    }
    let o = offset;
    for (let i = 0; i < ids.length; i++) {
      page[o++] = ids[i];
      page[o++] = spans[3 * i];
      page[o++] = spans[3 * i + 1];
      page[o++] = spans[3 * i + 2];
    }
    this.length = offset + size;
    return offset;
  }

  /** Drops the last page's spare capacity once the file is scanned. */
  trim(): void {
    const last = this.pages.length - 1;
    const page = this.pages[last];
    if (page.length > this.length) {
      this.pages[last] = page.slice(0, this.length);
      releaseMemory(page);
    }
  }
}

/** What all entries of one file share. */
export interface BibTeXSource {
  readonly text: SourceText;
  readonly fields: FieldStore;
  /** `@string` macros, lowercase name → LaTeX value. */
  readonly macros: ReadonlyMap<string, string>;
  /** First entry for each key, for crossref/xdata. */
  readonly byKey: ReadonlyMap<string, BibTeXEntry>;
}

/**
 * Longest crossref/xdata chain followed: biber and BibTeX resolve one or two levels in practice; a
 * longer chain (or a generated one of thousands) is cut here, and the scanner reports it.
 */
export const MAX_INHERITANCE_DEPTH = 16;

/** Set when an inheritance resolution ran into a crossref/xdata cycle or the depth limit: its result is not cached. */
let cycleSeen = false;
/** Entries being resolved, outermost first (the recursion is bounded by MAX_INHERITANCE_DEPTH). */
let resolvingDepth = 0;

export class BibTeXEntry implements BibEntry {
  private decoded?: Record<string, string>;
  /** Inherited field → LaTeX value; null once known to have none. */
  private inherited?: Map<string, string> | null;
  private resolving = false;

  constructor(
    private readonly source: BibTeXSource,
    readonly key: string,
    readonly type: string,
    readonly start: number,
    readonly end: number,
    readonly keyStart: number,
    readonly keyEnd: number,
    /** Where this entry's own fields are in the source's FieldStore (page, offset in it), and how many. */
    private readonly fieldPage: number,
    private readonly fieldOffset: number,
    private readonly fieldCount: number,
  ) {}

  private get fieldData(): Int32Array {
    return this.source.fields.pages[this.fieldPage];
  }

  /** Own field names, lowercase, in source order. */
  get fieldNames(): string[] {
    const data = this.fieldData;
    const names = this.source.fields.names;
    const out: string[] = [];
    for (let i = 0; i < this.fieldCount; i++) out.push(names[data[this.fieldOffset + 4 * i]]);
    return out;
  }

  /** Offset in the FieldStore of an own field's record, or -1. */
  private fieldIndex(name: string): number {
    const data = this.fieldData;
    const names = this.source.fields.names;
    for (let i = 0, o = this.fieldOffset; i < this.fieldCount; i++, o += 4) if (names[data[o]] === name) return o;
    return -1;
  }

  /** All fields decoded for display, inherited ones included (computed once). */
  get fields(): Readonly<Record<string, string>> {
    if (this.decoded) return this.decoded;
    const fields: Record<string, string> = {};
    for (const name of this.allFieldNames()) {
      const latex = this.latex(name);
      if (latex !== undefined) fields[name] = decodeFieldValue(name, latex);
    }
    return (this.decoded = fields);
  }

  /** Own field values exactly as written (delimiters, macros and `#` included). */
  get rawFields(): Readonly<Record<string, string>> {
    const raw: Record<string, string> = {};
    const data = this.fieldData;
    const names = this.source.fields.names;
    for (let i = 0, o = this.fieldOffset; i < this.fieldCount; i++, o += 4) {
      raw[names[data[o]]] = this.source.text.slice(data[o + 1], data[o + 2]);
    }
    return raw;
  }

  field(name: string): string | undefined {
    if (this.decoded) return this.decoded[name];
    const latex = this.latex(name);
    return latex === undefined ? undefined : decodeFieldValue(name, latex);
  }

  /** A field's LaTeX value (macros expanded, delimiters stripped, not decoded), own or inherited. */
  latex(name: string): string | undefined {
    return this.ownLatex(name) ?? this.inheritedValues()?.get(name);
  }

  /**
   * Reads a field's LaTeX value without copying it: `read(text, start, end)` gets the span of the
   * file's text for an own braced, quoted or numeric value, or the expanded value otherwise.
   * Undefined when the entry has no such field.
   */
  withLatex<R>(name: string, read: (text: string, start: number, end: number) => R): R | undefined {
    const o = this.fieldIndex(name);
    if (o >= 0) {
      const data = this.fieldData;
      const kind = data[o + 3] as ValueKind;
      const source = this.source.text;
      // A span holding set-aside characters is read from a restored copy (see SourceText).
      if (kind !== ValueKind.Composite && source.hasAside(data[o + 1], data[o + 2])) {
        const value = kind === ValueKind.Delimited ? source.slice(data[o + 1] + 1, data[o + 2] - 1) : source.slice(data[o + 1], data[o + 2]);
        return read(value, 0, value.length);
      }
      if (kind === ValueKind.Delimited) return read(source.text, data[o + 1] + 1, data[o + 2] - 1);
      if (kind === ValueKind.Number) return read(source.text, data[o + 1], data[o + 2]);
    }
    const latex = this.latex(name);
    return latex === undefined ? undefined : read(latex, 0, latex.length);
  }

  /** Parsed names of a name-list field (`author`, `editor`, ...). */
  names(field: string): PersonName[] {
    const latex = this.latex(field);
    return latex === undefined ? [] : parseNameList(latex);
  }

  /** Offsets of an own field's value as written, e.g. to point a diagnostic at it. */
  valueRange(name: string): { start: number; end: number } | undefined {
    const o = this.fieldIndex(name);
    const data = this.fieldData;
    return o < 0 ? undefined : { start: data[o + 1], end: data[o + 2] };
  }

  /** Own and inherited field names. */
  allFieldNames(): string[] {
    const inherited = this.inheritedValues();
    const names = this.fieldNames;
    if (!inherited) return names;
    for (const name of inherited.keys()) if (!names.includes(name)) names.push(name);
    return names;
  }

  toJSON(): object {
    return { key: this.key, type: this.type, fields: this.fields, start: this.start, end: this.end, keyStart: this.keyStart, keyEnd: this.keyEnd };
  }

  private ownLatex(name: string): string | undefined {
    const o = this.fieldIndex(name);
    if (o < 0) return undefined;
    const data = this.fieldData;
    return expandValue(this.source.text, data[o + 1], data[o + 2], data[o + 3] as ValueKind, this.source.macros);
  }

  /** Fields from xdata parents (as if written here), then from the crossref parent; own fields win. */
  private inheritedValues(): Map<string, string> | undefined {
    if (this.inherited !== undefined) return this.inherited ?? undefined;
    if (this.fieldIndex('crossref') < 0 && this.fieldIndex('xdata') < 0) {
      this.inherited = null;
      return undefined;
    }
    if (this.resolving || resolvingDepth >= MAX_INHERITANCE_DEPTH) { // a cycle, or too deep: stop here
      cycleSeen = true;
      return undefined;
    }
    const outerCycle = cycleSeen;
    cycleSeen = false;
    this.resolving = true;
    resolvingDepth++;
    const values = new Map<string, string>();
    try {
      for (const parentKey of parentKeys(this.ownLatex('xdata'))) this.inheritFrom(parentKey, 'xdata', values);
      for (const parentKey of parentKeys(this.ownLatex('crossref'))) this.inheritFrom(parentKey, 'crossref', values);
    } finally {
      this.resolving = false;
      resolvingDepth--;
    }
    // Inside a cycle the result depends on where resolution started: recompute rather than cache it.
    if (!cycleSeen) this.inherited = values.size ? values : null;
    cycleSeen = outerCycle || cycleSeen;
    return values.size ? values : undefined;
  }

  private inheritFrom(parentKey: string, via: 'crossref' | 'xdata', into: Map<string, string>): void {
    const parent = this.source.byKey.get(parentKey);
    if (!parent || parent === this) return;
    if (parent.resolving) { // a crossref cycle through `parent`
      cycleSeen = true;
      return;
    }
    for (const name of parent.allFieldNames()) {
      const target = inheritedFieldName(this.type, parent.type, name, via);
      if (target === undefined || into.has(target) || this.fieldIndex(target) >= 0) continue;
      const value = parent.latex(name);
      if (value !== undefined) into.set(target, value);
    }
  }
}

/** Keys in a crossref/xdata value (xdata takes a comma-separated list). */
export function parentKeys(latex: string | undefined): string[] {
  if (latex === undefined) return [];
  return latex.split(',').map(k => k.replace(/[{}]/g, '').trim()).filter(k => k !== '');
}
