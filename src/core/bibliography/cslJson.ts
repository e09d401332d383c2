/**
 * CSL-JSON bibliographies (an array of items, as Zotero and pandoc write them) indexed into the
 * same entry shape as BibTeX: key = id, fields under their BibTeX names, offsets into the file.
 */
import type { BibEntry, BibError, BibParseResult } from './types';

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

const TYPE_TO_BIBTEX: Readonly<Record<string, string>> = {
  'article-journal': 'article', 'article-magazine': 'article', 'article-newspaper': 'article', article: 'article',
  book: 'book', chapter: 'incollection', 'paper-conference': 'inproceedings', thesis: 'phdthesis', report: 'techreport',
  webpage: 'online', 'post-weblog': 'online', dataset: 'dataset', software: 'software', manuscript: 'unpublished',
  patent: 'patent', 'entry-encyclopedia': 'inreference', 'entry-dictionary': 'inreference',
};

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

/** Parses a CSL-JSON text; bad JSON gives one error at its position, bad items one error each. */
export function parseCslJson(text: string): BibParseResult<CslJsonEntry> {
  const errors: BibError[] = [];
  const entries: CslJsonEntry[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  } catch (e) {
    const { start, message } = jsonErrorPosition(e, text);
    errors.push({ message: `Invalid JSON: ${message}`, start, end: Math.min(text.length, start + 1) });
    return { entries, errors };
  }
  const items = Array.isArray(data) ? data : isObject(data) && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
  if (!items) {
    errors.push({ message: 'CSL-JSON must be an array of items', start: 0, end: Math.min(text.length, 1) });
    return { entries, errors };
  }
  const spans = itemSpans(text);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const span = spans[i] ?? { start: 0, end: text.length, idStart: 0, idEnd: 0 };
    if (!isObject(item)) {
      errors.push({ message: `Item ${i + 1} is not an object`, start: span.start, end: span.end });
      return;
    }
    const csl = item as CslItem;
    if (csl.id === undefined || csl.id === null || String(csl.id) === '') {
      errors.push({ message: `Item ${i + 1}${typeof csl.title === 'string' ? ` ('${csl.title.slice(0, 60)}')` : ''} has no id`, start: span.start, end: Math.min(span.end, span.start + 1) });
      return;
    }
    const key = String(csl.id);
    if (seen.has(key)) {
      errors.push({ message: `Duplicate id '${key}': the first item with it is kept`, start: span.idStart, end: span.idEnd });
      return;
    }
    seen.add(key);
    entries.push(new CslJsonEntry(key, TYPE_TO_BIBTEX[String(csl.type)] ?? 'misc', cslToFields(csl), span.start, span.end, span.idStart, span.idEnd, csl));
  });
  return { entries, errors };
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

/**
 * Offsets of each top-level array element and of its `"id"` value, found by one pass over the
 * text that tracks strings and nesting (JSON.parse keeps no positions). Only called on valid JSON.
 */
function itemSpans(text: string): ItemSpan[] {
  const spans: ItemSpan[] = [];
  let depth = 0;
  let current: ItemSpan | undefined;
  let lastKey = '';
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // string: find its end, note it as a key or the id value
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (depth === 1 && !current) spans.push({ start: i, end: j + 1, idStart: i, idEnd: i });
      else if (current && depth === 2) {
        if (expectKey) lastKey = text.slice(i + 1, j);
        else if (lastKey === 'id' && current.idEnd === 0) { current.idStart = i + 1; current.idEnd = j; }
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth === 2 && c === 0x7b) current = { start: i, end: i + 1, idStart: 0, idEnd: 0 };
      if (depth === 2) expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 2 && current) {
        current.end = i + 1;
        if (current.idEnd === 0) { current.idStart = current.start; current.idEnd = current.start + 1; }
        spans.push(current);
        current = undefined;
      }
      depth--;
    } else if (depth === 2 && current) {
      if (c === 0x3a) expectKey = false; // :
      else if (c === 0x2c) expectKey = true; // ,
      else if (lastKey === 'id' && !expectKey && c >= 0x30 && c <= 0x39 && current.idEnd === 0) { // numeric id
        let j = i;
        while (j < text.length && /[\d.eE+-]/.test(text[j])) j++;
        current.idStart = i;
        current.idEnd = j;
        i = j - 1;
      }
    } else if (depth === 1 && c !== 0x2c && c > 0x20 && !current) {
      // a non-object array element (number, literal): keep indices aligned with the parsed array
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== ']') j++;
      spans.push({ start: i, end: j, idStart: i, idEnd: i });
      i = j - 1;
    }
  }
  return spans;
}
