/**
 * CSL-JSON bibliographies (an array of items, as Zotero and pandoc write them) indexed into the
 * same entry shape as BibTeX: key = id, fields under their BibTeX names, offsets into the file.
 */
import type { BibEntry, BibError, BibParseResult, CslItem } from './types';
import { SourceText } from './sourceText';
import { runInSlices, type SliceOptions } from '../slices';
import { checkProgress } from '../progress';
import { sanitizeCslItem } from './cslSanitize';
import { MAX_PROBLEMS } from './bibtexScanner';
import { ownTable } from '../ownTable';

export type { CslItem } from './types';

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
  /** Problems past MAX_PROBLEMS, counted only. */
  private unlisted = 0;
  /** How far items are indented when a file has one per line (-1: not such a file). */
  private readonly typicalIndent: number;
  /** What the structure is read from: ASCII placeholders for non-ASCII are fine, JSON syntax is ASCII. */
  private readonly text: string;
  /** The real text, for what is parsed. */
  private readonly source: SourceText;

  constructor(input: string | SourceText) {
    this.source = typeof input === 'string' ? SourceText.of(input) : input;
    const text = (this.text = this.source.text);
    this.extents = new ElementExtents(text);
    this.typicalIndent = typicalItemIndent(text);
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
    if (this.unlisted > 0) {
      const last = this.errors[this.errors.length - 1];
      this.errors.push({ message: `…and ${this.unlisted} more problems after this one, not listed (the first ${MAX_PROBLEMS} are)`, start: last.start, end: last.end, severity: 'error' });
      this.unlisted = 0;
    }
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
        const after = skipWhitespace(text, p + 1);
        if (after >= text.length) {
          this.done = true;
          return;
        }
        // A `]` with items after it (`…}]},` in a broken item): the array goes on; one bad item costs only itself.
        this.error(`Unexpected ']' before the end of the array (the items after it are read too)`, p, p + 1);
        this.pos = p + 1;
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
      const indent = itemIndent(text, start);
      // How deep an item may start: this one's indentation, or the first good item's if deeper.
      const itemDepth = Math.max(indent?.length ?? -1, this.typicalIndent);
      const end = this.extents.end(start, itemDepth);
      if (end < 0) {
        const at = -end - 1;
        const nextItem = this.extents.cutAtNextItem;
        const why = nextItem ? 'not closed before the next item starts (a missing \'}\' or \']\'?)'
          : at >= text.length ? 'not closed before the end of the file' : 'a string runs past the end of its line (missing closing quote?)';
        this.error(`Item ${this.index + 1}: ${why}`, start, Math.min(text.length, Math.max(start + 1, nextItem ? start + 1 : at)));
        this.index++;
        if (nextItem) this.pos = at;
        else this.resync(start, itemDepth);
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
      this.error(`${label}: ${dropped.map(v => `'${v}'`).join(', ')} ${dropped.length === 1 ? 'has' : 'have'} a value of the wrong type (ignored)`, span.start, Math.min(span.end, span.start + 1), 'warning');
    }
    const key = String(csl.id);
    if (this.seen.has(key)) {
      this.error(`Duplicate id '${key}': the first item with it is kept`, span.idStart, span.idEnd, 'warning');
      return;
    }
    this.seen.add(key);
    this.entries.push(new CslJsonEntry(key, TYPE_TO_BIBTEX[String(csl.type)] ?? 'misc', cslToFields(csl), span.start, span.end, span.idStart, span.idEnd, csl));
  }

  /**
   * After a malformed item: the next line opening an object no deeper than the item (a nested
   * object sits deeper and does not match); for an item that did not start its line, the next line
   * opening an object or the next `{"id"`; or the end.
   */
  private resync(itemStart: number, itemDepth: number): void {
    const next = itemDepth < 0 ? ANY_ITEM_START : itemStartAtMost(itemDepth);
    next.lastIndex = itemStart + 1;
    const m = next.exec(this.text);
    if (m) this.pos = m.index + m[0].length - (m[0].endsWith('{') ? 1 : m[0].length);
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

  /**
   * Records a problem; `error` (the default) means malformed JSON, `warning` a readable oddity. The
   * same message at the very next character extends the previous problem (`}}}}` is one problem);
   * after MAX_PROBLEMS only a count is kept.
   */
  private error(message: string, start: number, end: number, severity: 'error' | 'warning' = 'error'): void {
    const len = this.text.length;
    const s = Math.min(Math.max(0, start), len);
    const e = Math.min(Math.max(s, end), len);
    const last = this.errors[this.errors.length - 1];
    if (last && last.message === message && last.end === s) {
      this.errors[this.errors.length - 1] = { ...last, end: e };
      return;
    }
    if (this.errors.length >= MAX_PROBLEMS) {
      this.unlisted++;
      return;
    }
    this.errors.push({ message, start: s, end: e, severity });
  }
}

/** Where an item may start: a line opening an object, or (one-line files) `{"id":`. */
const ANY_ITEM_START = /\n[ \t]*\{|\{\s*"id"\s*:/g;
const ITEM_STARTS: RegExp[] = [];
/** A line opening an object after at most `indent` blanks. */
function itemStartAtMost(indent: number): RegExp {
  return (ITEM_STARTS[indent] ??= new RegExp(`\\n[ \\t]{0,${indent}}\\{`, 'g'));
}
/** `"id":` right after an object's brace (sticky). */
const ID_AFTER_BRACE = /\s*"id"\s*:/y;
/** How far back an item's indentation is looked for (exports indent by a tab or a few spaces). */
const MAX_INDENT = 64;

/**
 * The indentation most lines opening an item (`{"id"` first on its line) have in the first 256 KB,
 * or -1: how recovery tells the next item from an object nested in a broken one.
 */
function typicalItemIndent(text: string): number {
  const counts = new Map<number, number>();
  const re = /\n([ \t]*)\{\s*"id"/g;
  const limit = Math.min(text.length, 256 * 1024);
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) counts.set(m[1].length, (counts.get(m[1].length) ?? 0) + 1);
  let best = -1;
  let bestCount = 0;
  for (const [indent, count] of counts) if (count > bestCount) { best = indent; bestCount = count; }
  return best;
}

/** The blanks before `start` on its line when only blanks precede it there (an item per line), else undefined. */
function itemIndent(text: string, start: number): string | undefined {
  const i = beforeBlanks(text, start);
  if (i < 0 || text.charCodeAt(i) !== 0x0a) return undefined;
  return text.slice(i + 1, start);
}

/** Index of the character before the blanks (at most MAX_INDENT) that precede `p`, or -1 at the start. */
function beforeBlanks(text: string, p: number): number {
  let i = p - 1;
  while (i >= 0 && p - i <= MAX_INDENT && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  return i;
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
  /** Nested values closed during the current scan (opener, end, …): remembered only if the scan fails. */
  private readonly closed: number[] = [];
  /** Whether the last `end` stopped at a line opening the next item (its `-(offset) - 1` is that item's `{`). */
  cutAtNextItem = false;

  constructor(private readonly text: string) {}

  /**
   * With `itemDepth` >= 0 (items start their lines after at most this many blanks), a line that
   * opens an object no deeper than that while the item is still open is the next item: the scan
   * stops there.
   */
  end(start: number, itemDepth = -1): number {
    this.cutAtNextItem = false;
    const known = this.known.get(start);
    if (known !== undefined) return known;
    const text = this.text;
    const len = text.length;
    const open: number[] = [];
    const closed = this.closed;
    closed.length = 0;
    let stop: number | undefined;
    for (let i = start; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a && itemDepth >= 0 && open.length > 0) {
        let j = i + 1;
        while (j - i - 1 <= itemDepth && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
        if (j - i - 1 <= itemDepth && text.charCodeAt(j) === 0x7b) {
          this.cutAtNextItem = true;
          this.remember();
          return -j - 1; // unclosed openers are not remembered: their answer depends on where a search starts
        }
      }
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
        closed.push(inner, i + 1);
      } else if (open.length === 0 && (c === 0x2c || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09)) {
        return i; // a scalar (number, true, null...)
      }
    }
    if (stop === undefined) {
      if (open.length === 0) return len;
      stop = -len - 1;
    }
    // Unclosed: so is every object or array still open, for the same reason.
    this.remember();
    for (const p of open) if (this.mayBeAsked(p)) this.known.set(p, stop);
    return stop;
  }

  /**
   * After a failed scan, the nested values it closed are remembered: resynchronisation may land on
   * one of them. A scan that succeeds (nearly every item) stores nothing.
   */
  private remember(): void {
    const closed = this.closed;
    for (let k = 0; k < closed.length; k += 2) if (this.mayBeAsked(closed[k])) this.known.set(closed[k], closed[k + 1]);
    closed.length = 0;
  }

  /**
   * Whether reading may later ask about the value opened at `p`: only where resynchronisation lands
   * (an object first on its line, or `{"id"`). Remembering only those keeps `[{{{{…` from filling a
   * map with a million entries nobody asks for.
   */
  private mayBeAsked(p: number): boolean {
    const text = this.text;
    if (text.charCodeAt(p) !== 0x7b) return false;
    const i = beforeBlanks(text, p);
    if (i < 0 || text.charCodeAt(i) === 0x0a) return true;
    ID_AFTER_BRACE.lastIndex = p + 1;
    return ID_AFTER_BRACE.test(text);
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
