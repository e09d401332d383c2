/**
 * CSL-JSON bibliographies (an array of items, as Zotero and pandoc write them) indexed into the
 * same entry shape as BibTeX: key = id, fields under their BibTeX names, offsets into the file.
 */
import type { BibEntry, BibError, BibParseResult } from './types';
import { SourceText } from './sourceText';
import { runInSlices, type SliceOptions } from '../slices';
import { checkProgress } from '../progress';
import { sanitizeCslItem } from './cslSanitize';
import { ownTable } from '../ownTable';

/** A CSL-JSON item; only what we read is typed. */
export interface CslItem {
  id?: string | number;
  type?: string;
  [variable: string]: unknown;
}

interface CslName { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string; suffix?: string }
interface CslDate { 'date-parts'?: unknown[][]; raw?: string; literal?: string }

export class CslJsonEntry implements BibEntry {
  readonly rawFields: Readonly<Record<string, string>>;

  constructor(
    readonly key: string,
    readonly type: string,
    readonly fields: Readonly<Record<string, string>>,
    readonly start: number,
    readonly end: number,
    readonly keyStart: number,
    readonly keyEnd: number,
    /** The item as written, for formatting without a round trip through BibTeX fields. */
    readonly csl: CslItem,
  ) {
    this.rawFields = fields;
  }

  field(name: string): string | undefined {
    return this.fields[name];
  }
}

const TYPE_TO_BIBTEX: Readonly<Record<string, string>> = ownTable({
  'article-journal': 'article', 'article-magazine': 'article', 'article-newspaper': 'article', article: 'article',
  book: 'book', chapter: 'incollection', 'paper-conference': 'inproceedings', thesis: 'phdthesis', report: 'techreport',
  webpage: 'online', 'post-weblog': 'online', dataset: 'dataset', software: 'software', manuscript: 'unpublished',
  patent: 'patent', 'entry-encyclopedia': 'inreference', 'entry-dictionary': 'inreference',
});

/** CSL variable → BibTeX field name, for the plain-text variables. */
const TEXT_VARIABLES: Readonly<Record<string, string>> = {
  title: 'title', 'container-title': 'journal', 'container-title-short': 'shortjournal', 'collection-title': 'series',
  volume: 'volume', issue: 'number', page: 'pages', DOI: 'doi', PMID: 'pmid', PMCID: 'pmcid', URL: 'url',
  ISBN: 'isbn', ISSN: 'issn', publisher: 'publisher', 'publisher-place': 'address', edition: 'edition',
  abstract: 'abstract', note: 'note', language: 'language', keyword: 'keywords', genre: 'type', number: 'number',
  'event-title': 'eventtitle', event: 'eventtitle', 'title-short': 'shorttitle', 'original-title': 'origtitle',
};

const NAME_VARIABLES: Readonly<Record<string, string>> = { author: 'author', editor: 'editor', translator: 'translator' };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Parses a CSL-JSON text. Each item is read on its own: a malformed item is reported at its place and costs only itself. */
export function parseCslJson(text: string | SourceText): BibParseResult<CslJsonEntry> {
  const reader = new CslJsonReader(text);
  reader.read(Infinity);
  return reader.result();
}

/** The same, yielding to `yieldFn` whenever a slice has used `budgetMs` (a 50,000-item export is ~1 s of work). */
export async function parseCslJsonChunked(text: string | SourceText, options: SliceOptions = {}): Promise<BibParseResult<CslJsonEntry>> {
  const reader = new CslJsonReader(text);
  await runInSlices(() => reader.read(64), options);
  return reader.result();
}

/**
 * Reads the top-level array element by element: finds each element's extent (strings, escapes and
 * nesting tracked), parses it alone, converts it. After a malformed element it resumes at the next
 * line that opens an item at the same indentation (exports put one item per indented block).
 */
class CslJsonReader {
  private readonly entries: CslJsonEntry[] = [];
  private readonly errors: BibError[] = [];
  private readonly seen = new Set<string>();
  private pos = 0;
  private index = 0;
  private done = false;
  private readonly extents: ElementExtents;
  /** What the structure is read from: ASCII placeholders for non-ASCII are fine, JSON syntax is ASCII. */
  private readonly text: string;
  /** The real text, for what is parsed. */
  private readonly source: SourceText;

  constructor(input: string | SourceText) {
    this.source = typeof input === 'string' ? SourceText.of(input) : input;
    const text = (this.text = this.source.text);
    this.extents = new ElementExtents(text);
    let p = this.source.codeUnitAt(0) === 0xfeff ? 1 : 0;
    p = skipWhitespace(text, p);
    if (p >= text.length) {
      this.done = true; // an empty file: nothing, and nothing wrong
    } else if (text.charCodeAt(p) === 0x5b) {
      this.pos = p + 1;
    } else {
      this.done = true;
      this.wholeDocument();
    }
  }

  result(): BibParseResult<CslJsonEntry> {
    this.errors.sort((a, b) => a.start - b.start);
    return { entries: this.entries, errors: this.errors };
  }

  /** Reads up to `maxItems` elements; true when the array is done. */
  read(maxItems: number): boolean {
    for (let n = 0; n < maxItems && !this.done; n++) {
      const from = this.pos;
      this.readOne();
      if (!this.done) checkProgress(from, this.pos, 'CSL-JSON reader');
    }
    return this.done;
  }

  /** Reads the next element (or the array's end) at `this.pos`; always moves forward. */
  private readOne(): void {
    const text = this.text;
    {
      let p = skipWhitespace(text, this.pos);
      if (p >= text.length) {
        this.error(`The array of items is never closed (missing ']')`, text.length, text.length);
        this.done = true;
        return;
      }
      const c = text.charCodeAt(p);
      if (c === 0x5d) { // ]
        this.done = true;
        return;
      }
      if (c === 0x2c) { // a stray comma (the one after an item is consumed with it)
        this.error(`Unexpected ',' (an empty item?)`, p, p + 1);
        this.pos = p + 1;
        return;
      }
      if (c === 0x7d || c === 0x3a) { // a stray `}` (one too many) or `:`
        this.error(`Unexpected '${text[p]}' where an item should start`, p, p + 1);
        this.pos = p + 1;
        return;
      }
      const start = p;
      const end = this.extents.end(start);
      if (end < 0) {
        const at = -end - 1;
        this.error(`Item ${this.index + 1}: ${at >= text.length ? 'not closed before the end of the file' : 'a string runs past the end of its line (missing closing quote?)'}`, start, Math.min(text.length, Math.max(start + 1, at)));
        this.index++;
        this.resync(start);
        return;
      }
      this.element(start, end);
      p = skipWhitespace(text, end);
      const next = text.charCodeAt(p);
      if (next === 0x2c) this.pos = p + 1;
      else if (next === 0x5d || p >= text.length) this.pos = p;
      else {
        this.error(`Missing ',' after item ${this.index}`, end, end + 1);
        this.pos = p;
      }
    }
  }

  /** Parses and converts one element at [start, end). */
  private element(start: number, end: number): void {
    const text = this.text;
    const i = this.index++;
    let item: unknown;
    try {
      item = JSON.parse(this.source.slice(start, end));
    } catch (e) {
      const { start: at, message } = jsonErrorPosition(e, this.source.slice(start, end));
      this.error(`Item ${i + 1}: invalid JSON: ${message}`, start + at, Math.min(end, start + at + 1));
      return;
    }
    if (!isObject(item)) {
      this.error(`Item ${i + 1} is not an object`, start, end);
      return;
    }
    this.add(item, i, { start, end, ...idSpan(text, start, end) });
  }

  private add(raw: Record<string, unknown>, i: number, span: ItemSpan): void {
    const { item: csl, dropped } = sanitizeCslItem(raw);
    const label = `Item ${i + 1}${typeof csl.title === 'string' ? ` ('${csl.title.slice(0, 60)}')` : ''}`;
    if (dropped.includes('id')) {
      this.error(`${label}: its id must be a string or a number`, span.idStart, Math.max(span.idEnd, span.idStart + 1));
      return;
    }
    if (csl.id === undefined || csl.id === '') {
      this.error(`${label} has no id`, span.start, Math.min(span.end, span.start + 1));
      return;
    }
    if (dropped.length > 0) {
      this.error(`${label}: ${dropped.map(v => `'${v}'`).join(', ')} ${dropped.length === 1 ? 'has' : 'have'} a value of the wrong type (ignored)`, span.start, Math.min(span.end, span.start + 1));
    }
    const key = String(csl.id);
    if (this.seen.has(key)) {
      this.error(`Duplicate id '${key}': the first item with it is kept`, span.idStart, span.idEnd);
      return;
    }
    this.seen.add(key);
    this.entries.push(new CslJsonEntry(key, TYPE_TO_BIBTEX[String(csl.type)] ?? 'misc', cslToFields(csl), span.start, span.end, span.idStart, span.idEnd, csl));
  }

  /** After a malformed item: the next line opening an item at the same indentation, or the end. */
  private resync(itemStart: number): void {
    const text = this.text;
    const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
    const indent = text.slice(lineStart, itemStart);
    if (lineStart === 0 || !/^[ \t]*$/.test(indent)) {
      this.done = true; // not one item per line (a one-line array): nothing to resume at
      return;
    }
    // Exactly this indentation, then the brace: a nested object sits deeper and does not match.
    const opening = '\n' + indent + '{';
    const at = text.indexOf(opening, itemStart + 1);
    if (at >= 0) this.pos = at + opening.length - 1;
    else this.done = true;
  }

  /** Not an array: a `{"items": [...]}` wrapper is read whole (no positions), anything else is reported. */
  private wholeDocument(): void {
    const text = this.source.slice(0, this.source.length);
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
    } catch (e) {
      const { start, message } = jsonErrorPosition(e, text);
      this.error(`Invalid JSON: ${message}`, start, Math.min(text.length, start + 1));
      return;
    }
    const items = isObject(data) && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
    if (!items) {
      this.error('CSL-JSON must be an array of items', 0, Math.min(text.length, 1));
      return;
    }
    const whole = { start: 0, end: text.length, idStart: 0, idEnd: 0 };
    items.forEach((item, i) => {
      if (isObject(item)) this.add(item, i, whole);
      else this.error(`Item ${i + 1} is not an object`, 0, 0);
    });
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end: Math.max(start, end) });
  }
}

function skipWhitespace(text: string, p: number): number {
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else return p;
  }
}

/**
 * Ends of JSON values: `end(start)` is the end (exclusive) of the value at `start`, balanced braces
 * and brackets, strings skipped with their escapes. A string that reaches a line break (JSON strings
 * cannot hold one) or the end of the text stops the scan: then -(where it stopped) - 1.
 *
 * Every object or array opened during a scan gets its answer recorded, so after an item that never
 * closes, the items found inside it by resynchronisation are answered without scanning again: the
 * whole file is scanned once however many items are broken.
 */
class ElementExtents {
  private readonly known = new Map<number, number>();

  constructor(private readonly text: string) {}

  end(start: number): number {
    const known = this.known.get(start);
    if (known !== undefined) return known;
    const text = this.text;
    const len = text.length;
    const open: number[] = [];
    let stop: number | undefined;
    for (let i = start; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        let j = i + 1;
        for (;;) {
          if (j >= len) { stop = -len - 1; break; }
          const d = text.charCodeAt(j);
          if (d === 0x22) break;
          if (d === 0x0a) { stop = -j - 1; break; }
          j += d === 0x5c ? 2 : 1;
        }
        if (stop !== undefined) break;
        i = j;
        if (open.length === 0) return i + 1;
      } else if (c === 0x7b || c === 0x5b) {
        open.push(i);
      } else if (c === 0x7d || c === 0x5d) {
        const inner = open.pop();
        if (inner === undefined) return i; // a scalar ended by the array's `]`
        if (open.length === 0) return i + 1;
        this.known.set(inner, i + 1);
      } else if (open.length === 0 && (c === 0x2c || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09)) {
        return i; // a scalar (number, true, null...)
      }
    }
    if (stop === undefined) {
      if (open.length === 0) return len;
      stop = -len - 1;
    }
    // Unclosed: so is every object or array still open, for the same reason.
    for (const p of open) this.known.set(p, stop);
    return stop;
  }
}

/** Offsets of an item's `"id"` value (inside the quotes for a string id), or its first character. */
function idSpan(text: string, start: number, end: number): { idStart: number; idEnd: number } {
  let depth = 0;
  let expectKey = false;
  let lastKey = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (depth === 1) {
        if (expectKey) lastKey = text.slice(i + 1, j);
        else if (lastKey === 'id') return { idStart: i + 1, idEnd: j };
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (depth === 1) {
      if (c === 0x3a) expectKey = false;
      else if (c === 0x2c) { expectKey = true; lastKey = ''; }
      else if (lastKey === 'id' && !expectKey && ((c >= 0x30 && c <= 0x39) || c === 0x2d)) {
        let j = i;
        while (j < end && /[\d.eE+-]/.test(text[j])) j++;
        return { idStart: i, idEnd: j };
      }
    }
  }
  return { idStart: start, idEnd: start + 1 };
}

/** A CSL item's variables under BibTeX field names (author as "Family, Given and ..."). */
export function cslToFields(item: CslItem): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [variable, field] of Object.entries(TEXT_VARIABLES)) {
    const value = item[variable];
    if ((typeof value === 'string' || typeof value === 'number') && String(value) !== '' && !(field in fields)) fields[field] = String(value);
  }
  for (const [variable, field] of Object.entries(NAME_VARIABLES)) {
    const names = item[variable];
    if (Array.isArray(names) && names.length) fields[field] = names.filter(isObject).map(n => nameToBibTeX(n as CslName)).join(' and ');
  }
  const issued = item.issued as CslDate | undefined;
  const parts = issued?.['date-parts']?.[0];
  if (parts && parts[0] !== undefined) {
    fields.year = String(parts[0]);
    const month = Number(parts[1]);
    if (month >= 1 && month <= 12) fields.month = MONTH_NAMES[month - 1];
  } else if (issued && (issued.raw || issued.literal)) {
    const year = /\d{4}/.exec(String(issued.raw ?? issued.literal));
    if (year) fields.year = year[0];
  }
  return fields;
}

function nameToBibTeX(name: CslName): string {
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  const withSuffix = name.suffix ? `${family}, ${name.suffix}` : family;
  return given ? `${withSuffix}, ${given}` : withSuffix;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where JSON.parse failed, from its message (V8 gives a position or line/column). */
function jsonErrorPosition(e: unknown, text: string): { start: number; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(message);
  if (pos) return { start: Number(pos[1]), message };
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    let offset = 0;
    for (let line = 1; line < Number(lc[1]); line++) offset = text.indexOf('\n', offset) + 1;
    return { start: offset + Number(lc[2]) - 1, message };
  }
  return { start: /end of (JSON|data) input/i.test(message) ? text.length : 0, message };
}

interface ItemSpan { start: number; end: number; idStart: number; idEnd: number }
