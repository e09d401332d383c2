/**
 * Single-pass, error-tolerant BibTeX/BibLaTeX scanner.
 *
 * Linear in the file size: every character is looked at a bounded number of times, and a
 * malformed entry never makes the scanner look back. After an error it resynchronises at the
 * next `@type{` / `@type(` that starts a line (never at or before the item that failed), so one
 * bad entry costs only itself. `\n`, `\r\n` and a lone `\r` all end a line. Scanning is
 * resumable (`scan(maxItems)`), which the chunked and incremental APIs build on.
 */
import type { BibError, BibParseResult } from './types';
import { BibTeXEntry, FieldStore, MAX_INHERITANCE_DEPTH, parentKeys, type BibTeXSource } from './bibtexEntry';
import { ValueKind, expandValue, lookupMacro } from './bibtexValue';
import { SourceText } from './sourceText';
import { NeedleFinder } from '../manuscript/needleFinder';
import { checkProgress } from '../progress';

export interface BibTeXParseResult extends BibParseResult<BibTeXEntry> {
  /** `@string` macros, lowercase name → LaTeX value. */
  readonly macros: ReadonlyMap<string, string>;
  /** `@preamble` contents, LaTeX as written (macros expanded). */
  readonly preambles: readonly string[];
  /** Key → its entry (a repeated key is reported as an error, and its later entries dropped). */
  readonly byKey: ReadonlyMap<string, BibTeXEntry>;
}

const AT = 0x40, PERCENT = 0x25, LBRACE = 0x7b, RBRACE = 0x7d, LPAREN = 0x28, RPAREN = 0x29;
const COMMA = 0x2c, EQUALS = 0x3d, QUOTE = 0x22, HASH = 0x23, NEWLINE = 0x0a, CR = 0x0d;

/** Problems listed per file; more are counted in one last message. */
export const MAX_PROBLEMS = 1000;

/** An `@type{` or `@type(` (type may be followed by spaces); matched sticky at an `@`. */
const ENTRY_OPENING = /@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/y;
/**
 * The same after a line break (and optional indentation): where scanning resumes after an error.
 * It needs the line break, so a search from `from` finds an `@` beyond `from`, never behind it.
 */
const ENTRY_AT_LINE_START = /[\r\n][ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]/g;
/** A value that swallowed the next fields: a line inside it starting `name =`. */
const SWALLOWED_FIELD = /[\r\n][ \t]*[A-Za-z][\w-]*[ \t]*=/;
/** Text between entries that looks like `name = value`: fields cut off by an early closing brace. */
const STRAY_FIELD = /(?:^|,)[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*[{"\d]/m;

/** 1 for the characters a delimited value's scan stops at: `{` `}` `"` and line breaks (indexed by UTF-16 unit). */
const VALUE_SPECIAL = new Uint8Array(0x10000);
for (const c of [LBRACE, RBRACE, QUOTE, NEWLINE, CR]) VALUE_SPECIAL[c] = 1;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x0b;
}

/** Characters allowed in entry types, field names and macro names. */
function isNameChar(c: number): boolean {
  return c > 0x20 && c !== COMMA && c !== EQUALS && c !== LBRACE && c !== RBRACE && c !== QUOTE && c !== HASH
    && c !== PERCENT && c !== LPAREN && c !== RPAREN && c !== 0x27 && c !== AT && c !== 0x7e && c !== 0x5c;
}

/** Characters allowed in citation keys (`:` `/` `.` `-` `+` included). */
function isKeyChar(c: number, close: number): boolean {
  return c > 0x20 && c !== COMMA && c !== EQUALS && c !== LBRACE && c !== RBRACE && c !== QUOTE && c !== HASH
    && c !== PERCENT && c !== close && c !== 0x5c;
}

interface PendingMacro { name: string; start: number; end: number; entryKey: string; field: string }

/** Why a value could not be read: the caller records the error and resumes at `resumeAt`. */
class ValueError {
  constructor(readonly message: string, readonly start: number, readonly end: number, readonly resumeAt: number) {}
}

export class BibTeXScanner {
  private pos: number;
  private readonly entries: BibTeXEntry[] = [];
  private readonly errors: BibError[] = [];
  private readonly macros = new Map<string, string>();
  private readonly byKey = new Map<string, BibTeXEntry>();
  private readonly preambles: string[] = [];
  private readonly source: BibTeXSource;
  private readonly undefinedMacros: PendingMacro[] = [];
  private readonly linked: BibTeXEntry[] = [];
  /** The current entry's field name ids (FieldStore ids), reused from entry to entry. */
  private readonly ids: number[] = [];
  /** Per field id: the serial number of the last entry that had the field (duplicate fields). */
  private seenIn = new Int32Array(64).fill(-1);
  private entrySerial = 0;
  private readonly spans: number[] = [];
  private readonly previousRawNames: string[] = [];
  private readonly previousIds: number[] = [];
  private previousRawType = '';
  private previousType = '';
  /** Field names as written → field id; per scan, so keys sliced from the text die with it. */
  private readonly fieldIds = new Map<string, number>();
  /** End of the last entry, to check the text after it for fields an early `}` cut off. */
  private lastEntryEnd = -1;
  private lastEntryKey = '';
  /** Problems past MAX_PROBLEMS, counted only. */
  private unlisted = 0;
  /** Where the current top-level item's search began (the previous item's end): look-backs stop there. */
  private itemFloor = 0;
  private readonly nextLF: NeedleFinder;
  private readonly nextCR: NeedleFinder;

  /** What the scanner reads: `src.text`, in which characters above U+00FF may be placeholders (see SourceText). */
  private readonly text: string;
  private readonly src: SourceText;
  /** Whether `text` has placeholders at all (the reuse fast paths below then check the span). */
  private readonly anyAside: boolean;

  constructor(text: string | SourceText) {
    this.src = typeof text === 'string' ? SourceText.of(text) : text;
    this.text = this.src.text;
    this.anyAside = this.src.asideCount > 0;
    this.pos = this.src.codeUnitAt(0) === 0xfeff ? 1 : 0;
    this.source = { text: this.src, fields: new FieldStore(), macros: this.macros, byKey: this.byKey };
    this.nextLF = new NeedleFinder(this.text, '\n');
    this.nextCR = new NeedleFinder(this.text, '\r');
  }

  /** Offset of the line break ending the line at `from` (`\n` or `\r`), or the text's length. */
  private lineEnd(from: number): number {
    const lf = this.nextLF.find(from);
    const cr = this.nextCR.find(from);
    if (lf < 0) return cr < 0 ? this.text.length : cr;
    return cr < 0 || lf < cr ? lf : cr;
  }

  /** The file's real text in [start, end), for keys, names and messages. */
  private slice(start: number, end: number): string {
    return this.src.slice(start, end);
  }

  /** Offset scanned so far. */
  get offset(): number {
    return this.pos;
  }

  get entryCount(): number {
    return this.entries.length;
  }

  /** Scans up to `maxItems` top-level items (entries, @string, @comment ...); true when the text is done. */
  scan(maxItems = Infinity): boolean {
    const text = this.text;
    const len = text.length;
    let items = 0;
    while (this.pos < len) {
      const from = this.pos;
      const at = text.indexOf('@', from);
      const next = at < 0 ? len : at;
      if (this.lastEntryEnd >= 0) this.checkTextAfterEntry(next);
      if (at < 0) {
        this.pos = len;
        break;
      }
      this.itemFloor = from;
      if (this.isInLineComment(at)) {
        this.pos = Math.min(len, this.lineEnd(at) + 1);
      } else {
        this.pos = at;
        this.topLevelItem();
        if (++items >= maxItems) break;
      }
      checkProgress(from, this.pos, 'BibTeX scanner');
    }
    return this.pos >= len;
  }

  /** Finishes the post-pass checks (macros, crossref targets) and returns the result. */
  finish(): BibTeXParseResult {
    for (const use of this.undefinedMacros) {
      if (lookupMacro(use.name.toLowerCase(), this.macros) === undefined) {
        this.error(`Entry '${use.entryKey}': field '${use.field}' uses '${use.name}', which is neither a number nor a defined @string`, use.start, use.end, 'warning');
      }
    }
    for (const entry of this.linked) {
      for (const via of ['crossref', 'xdata'] as const) {
        const range = entry.valueRange(via);
        if (!range) continue;
        for (const parent of parentKeys(entry.latex(via))) {
          if (!this.byKey.has(parent)) this.error(`Entry '${entry.key}': ${via} target '${parent}' not found`, range.start, range.end, 'warning');
        }
      }
    }
    this.checkInheritanceDepth();
    this.errors.sort((a, b) => a.start - b.start);
    if (this.unlisted > 0) {
      const last = this.errors[this.errors.length - 1];
      this.errors.push({ message: `…and ${this.unlisted} more problems after this one, not listed (the first ${MAX_PROBLEMS} are)`, start: last.start, end: last.end, severity: 'error' });
    }
    this.source.fields.trim();
    return { entries: this.entries, errors: this.errors, macros: this.macros, preambles: this.preambles, byKey: this.byKey };
  }

  /**
   * Parent chains (crossref/xdata) longer than MAX_INHERITANCE_DEPTH, and cycles, are reported at the
   * entry's field (BibTeXEntry stops inheriting there). Depths, capped, are computed once per entry
   * by an iterative walk: a chain of 100,000 entries costs no stack.
   */
  private checkInheritanceDepth(): void {
    const cap = MAX_INHERITANCE_DEPTH + 1;
    const depth = new Map<BibTeXEntry, number>();
    const parentsOf = (e: BibTeXEntry): BibTeXEntry[] => {
      const out: BibTeXEntry[] = [];
      for (const via of ['xdata', 'crossref'] as const) {
        for (const key of parentKeys(e.latex(via))) {
          const parent = this.byKey.get(key);
          if (parent && parent !== e) out.push(parent);
        }
      }
      return out;
    };
    const onPath = new Set<BibTeXEntry>();
    for (const start of this.linked) {
      if (depth.has(start)) continue;
      const stack = [{ entry: start, parents: parentsOf(start), next: 0, best: 0 }];
      onPath.add(start);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.next < top.parents.length) {
          const parent = top.parents[top.next++];
          const known = depth.get(parent);
          if (known !== undefined) top.best = Math.max(top.best, Math.min(cap, known + 1));
          else if (onPath.has(parent)) this.inheritanceError(top.entry, `is part of a crossref/xdata cycle (through '${parent.key}')`);
          else if (stack.length >= cap) top.best = cap;
          else {
            onPath.add(parent);
            stack.push({ entry: parent, parents: parentsOf(parent), next: 0, best: 0 });
          }
          continue;
        }
        stack.pop();
        onPath.delete(top.entry);
        depth.set(top.entry, top.best);
        if (stack.length > 0) {
          const child = stack[stack.length - 1];
          child.best = Math.max(child.best, Math.min(cap, top.best + 1));
        }
      }
    }
    // One error per chain: at the first entry past the limit (none of its parents is).
    for (const entry of this.linked) {
      if (depth.get(entry) !== cap) continue;
      if (parentsOf(entry).some(p => depth.get(p) === cap)) continue;
      this.inheritanceError(entry, `has more than ${MAX_INHERITANCE_DEPTH} crossref/xdata ancestors; only the nearest ${MAX_INHERITANCE_DEPTH} pass on their fields`);
    }
  }

  private inheritanceError(entry: BibTeXEntry, what: string): void {
    const range = entry.valueRange('crossref') ?? entry.valueRange('xdata') ?? { start: entry.keyStart, end: entry.keyEnd };
    this.error(`Entry '${entry.key}' ${what}`, range.start, range.end, 'warning');
  }

  /**
   * Records a problem; `error` (the default) means malformed syntax, `warning` a readable oddity.
   * After MAX_PROBLEMS only a count is kept: a file of a million broken lines gets a readable list.
   */
  private error(message: string, start: number, end: number, severity: 'error' | 'warning' = 'error'): void {
    if (this.errors.length >= MAX_PROBLEMS) {
      this.unlisted++;
      return;
    }
    const len = this.text.length;
    const s = Math.min(Math.max(0, start), len);
    this.errors.push({ message, start: s, end: Math.min(Math.max(s, end), len), severity });
  }

  /**
   * `%` before the `@` on its line, between entries: the rest of the line is a comment. Only the
   * text since the previous item is looked at, so a `%` inside an earlier entry's value (`{50%}`)
   * hides nothing, and a file written on one line is still read in linear time.
   */
  private isInLineComment(at: number): boolean {
    const text = this.text;
    for (let i = at - 1; i >= this.itemFloor; i--) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE || c === CR) return false;
      if (c === PERCENT) return true;
    }
    return false;
  }

  private checkTextAfterEntry(next: number): void {
    const from = this.lastEntryEnd;
    this.lastEntryEnd = -1;
    if (next - from < 3) return;
    const between = this.text.slice(from, next);
    const m = STRAY_FIELD.exec(between);
    if (m) {
      const start = from + m.index + m[0].indexOf(m[1]);
      this.error(`Entry '${this.lastEntryKey}' was closed early (one '}' too many?): field '${m[1]}' and what follows are outside any entry`, start, start + m[1].length);
    }
  }

  /** Offset of the next line-start `@type{` at or after `from` (> 0), or the end of the text. */
  private resyncFrom(from: number): number {
    ENTRY_AT_LINE_START.lastIndex = Math.max(0, from - 1);
    const m = ENTRY_AT_LINE_START.exec(this.text);
    return m ? m.index + m[0].indexOf('@') : this.text.length;
  }

  /** At an `@`: entry, @string, @preamble, @comment, or stray text. */
  private topLevelItem(): void {
    const text = this.text;
    const at = this.pos;
    let p = this.skipSpaces(at + 1);
    const typeStart = p;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    if (p === typeStart) {
      this.pos = at + 1; // a lone `@` in comment text
      return;
    }
    const type = this.entryType(typeStart, p);
    p = this.skipSpaces(p);
    const open = text.charCodeAt(p);
    if (open !== LBRACE && open !== LPAREN) {
      // `@comment` without delimiters, or an `@` in prose (an e-mail address): comment text, as in BibTeX.
      if (type !== 'comment' && this.isAtLineStart(at) && /^[a-z]+$/.test(type)) {
        this.error(`'@${type}' is not followed by '{' or '('`, at, p, 'warning');
      }
      this.pos = p;
      return;
    }
    const close = open === LBRACE ? RBRACE : RPAREN;
    this.pos = p + 1;
    if (type === 'comment') this.skipComment(at, open, close);
    else if (type === 'string') this.stringDefinition(at, close);
    else if (type === 'preamble') this.preamble(at, close);
    else this.entry(at, type, close);
  }

  /** Only blanks before `at` on its line (looking back no further than the previous item). */
  private isAtLineStart(at: number): boolean {
    const floor = this.itemFloor;
    for (let i = at - 1; i >= floor; i--) {
      const c = this.text.charCodeAt(i);
      if (c === NEWLINE || c === CR) return true;
      if (c !== 0x20 && c !== 0x09 && this.src.codeUnitAt(i) !== 0xfeff) return false;
    }
    if (floor === 0) return true;
    const before = this.text.charCodeAt(floor - 1);
    return before === NEWLINE || before === CR;
  }

  /** `@comment{...}`: skipped as a balanced group, `@` inside included. */
  private skipComment(at: number, open: number, close: number): void {
    const text = this.text;
    let depth = 1;
    for (let i = this.pos; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.error(`'@comment' is never closed (missing '${String.fromCharCode(close)}')`, at, at + 8);
    this.pos = this.resyncFrom(at + 1);
  }

  private stringDefinition(at: number, close: number): void {
    const text = this.text;
    let p = this.skipSpacesAndComments(this.pos);
    const nameStart = p;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    const name = this.slice(nameStart, p);
    p = this.skipSpaces(p);
    if (name === '' || text.charCodeAt(p) !== EQUALS) {
      this.error(name === '' ? `'@string' without a name` : `'@string' '${name}': missing '='`, at, Math.max(p, at + 7));
      this.pos = this.resyncFrom(at + 1);
      return;
    }
    this.pos = p + 1;
    const value = this.value(`@string ${name}`, name);
    if (value instanceof ValueError) {
      this.error(value.message, value.start, value.end);
      this.pos = value.resumeAt;
      return;
    }
    this.macros.set(name.toLowerCase(), expandValue(this.src, value.start, value.end, value.kind, this.macros));
    this.expectClose(at, close, `@string '${name}'`);
  }

  private preamble(at: number, close: number): void {
    const value = this.value('@preamble', 'preamble');
    if (value instanceof ValueError) {
      this.error(value.message, value.start, value.end);
      this.pos = value.resumeAt;
      return;
    }
    this.preambles.push(expandValue(this.src, value.start, value.end, value.kind, this.macros));
    this.expectClose(at, close, '@preamble');
  }

  private expectClose(at: number, close: number, what: string): void {
    const p = this.skipSpaces(this.pos);
    if (this.text.charCodeAt(p) === close) {
      this.pos = p + 1;
    } else {
      this.error(`${what}: missing '${String.fromCharCode(close)}'`, p, p + 1);
      this.pos = this.resyncFrom(at + 1);
    }
  }

  private entry(at: number, type: string, close: number): void {
    const text = this.text;
    const len = text.length;
    let p = this.skipSpaces(this.pos);
    const keyStart = p;
    if (p > this.pos && this.isLineStartEntry(p)) {
      // `@article{` and nothing more on its line, then the next entry: this one has no key (nor fields).
      this.error(`'@${type}' entry has no citation key (the next entry starts first)`, at, this.pos);
      this.pos = p;
      return;
    }
    while (p < len && isKeyChar(text.charCodeAt(p), close)) p++;
    let keyEnd = p;
    let key = this.slice(keyStart, keyEnd);
    // Reused for every entry (FieldStore.append copies them): fewer short-lived arrays to collect.
    const ids = this.ids;
    const spans = this.spans;
    ids.length = 0;
    spans.length = 0;
    const serial = ++this.entrySerial;
    let fieldIndex = 0;
    p = this.skipSpacesAndComments(p);
    let c = text.charCodeAt(p);
    if (c === EQUALS || (key === '' && c !== close)) {
      // `@article{title = ...`: no key at all. Read the fields to move past them, keep nothing.
      this.error(`'@${type}' entry has no citation key`, at, keyStart);
      if (c === EQUALS) p = keyStart;
      else if (c === COMMA) p++;
      key = '';
      keyEnd = keyStart;
    } else if (c === COMMA) {
      p++;
    } else if (c !== close) {
      if (isNameChar(c) && this.followedByEquals(p)) {
        this.error(`Entry '${key}': missing comma after the key`, keyEnd, keyEnd + 1);
      } else {
        this.error(`Entry '${key}': unexpected '${p < len ? this.slice(p, p + 1) : 'end of file'}' after the key`, p, p + 1);
        this.pos = this.resyncFrom(p);
        this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
        return;
      }
    }
    this.pos = p;
    let lastValueEnd = p;
    let lastValueStart = p;
    let lastField = '';
    // Fields: `name = value` separated by commas, until the closing delimiter.
    for (;;) {
      p = this.skipSpacesAndComments(this.pos);
      c = text.charCodeAt(p);
      if (c === close) {
        this.pos = p + 1;
        break;
      }
      if (c === COMMA) { // `,,` or a trailing comma: harmless
        this.pos = p + 1;
        continue;
      }
      if (p >= len || c === AT) {
        const what = p >= len ? 'the file ends' : 'the next entry starts';
        if (lastField !== '' && SWALLOWED_FIELD.test(text.slice(lastValueStart, lastValueEnd))) {
          // `title = {{Foo},` — the value ran on through the following fields to the entry's last `}`.
          this.error(`Entry '${key}': field '${lastField}' has unbalanced braces (one '{' too many): it runs on to the end of the entry`, lastValueStart, lastValueStart + 1);
        } else {
          this.error(`Entry '${key}': missing '${String.fromCharCode(close)}' at the end of the entry (${what} first)`, lastValueEnd, lastValueEnd + 1);
        }
        this.pos = p;
        this.addEntry(at, type, key, keyStart, keyEnd, lastValueEnd, ids, spans);
        return;
      }
      if (!isNameChar(c)) {
        this.error(`Entry '${key}': unexpected '${this.slice(p, p + 1)}' where a field name should be`, p, p + 1);
        this.pos = this.resyncFrom(p);
        this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
        return;
      }
      const nameStart = p;
      while (p < len && isNameChar(text.charCodeAt(p))) p++;
      const nameEnd = p;
      p = this.skipSpaces(p);
      if (text.charCodeAt(p) !== EQUALS) {
        this.error(`Entry '${key}': missing '=' after field '${this.slice(nameStart, nameEnd)}'`, nameStart, p);
        this.pos = this.resyncFrom(nameStart);
        this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
        return;
      }
      this.pos = p + 1;
      const id = this.fieldIdAt(nameStart, nameEnd, fieldIndex++);
      const name = this.source.fields.names[id];
      const value = this.value(key, name);
      if (value instanceof ValueError) {
        this.error(value.message, Math.min(nameStart, value.start), value.end);
        this.pos = value.resumeAt;
        this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
        return;
      }
      if (id >= this.seenIn.length) {
        const bigger = new Int32Array(Math.max(id + 1, this.seenIn.length * 2)).fill(-1);
        bigger.set(this.seenIn);
        this.seenIn = bigger;
      }
      if (this.seenIn[id] === serial) {
        this.error(`Entry '${key}': duplicate field '${name}' (the first one is kept)`, nameStart, p, 'warning');
      } else {
        this.seenIn[id] = serial;
        ids.push(id);
        spans.push(value.start, value.end, value.kind);
      }
      lastValueEnd = value.end;
      lastValueStart = value.start;
      lastField = name;
      p = this.skipSpaces(this.pos);
      c = text.charCodeAt(p);
      if (c === COMMA) {
        this.pos = p + 1;
      } else if (c === close) {
        this.pos = p + 1;
        break;
      } else if (c !== AT && p < len && isNameChar(c) && this.followedByEquals(p)) {
        let e = p;
        while (e < len && isNameChar(text.charCodeAt(e))) e++;
        this.error(`Entry '${key}': missing comma before field '${this.fieldName(this.slice(p, e))}'`, lastValueEnd, e);
        this.pos = p;
      } else {
        this.pos = p; // the loop reports a missing closer at `@` / end of file
        if (c !== AT && p < len && c !== PERCENT) {
          this.error(`Entry '${key}': unexpected '${this.slice(p, p + 1)}' after field '${name}'`, p, p + 1);
          this.pos = this.resyncFrom(p);
          this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
          return;
        }
      }
    }
    this.addEntry(at, type, key, keyStart, keyEnd, this.pos, ids, spans);
    this.lastEntryEnd = this.pos;
    this.lastEntryKey = key;
  }

  private addEntry(start: number, type: string, key: string, keyStart: number, keyEnd: number, end: number, ids: number[], spans: number[]): void {
    if (key === '') return;
    const existing = this.byKey.get(key);
    if (existing) {
      this.error(`Duplicate key '${key}': already defined by the entry at offset ${existing.start}; this one is ignored`, keyStart, keyEnd, 'warning');
      return;
    }
    const fields = this.source.fields;
    const offset = fields.append(ids, spans);
    const entry = new BibTeXEntry(this.source, key, type, start, end, keyStart, keyEnd, fields.lastPage, offset, ids.length);
    this.entries.push(entry);
    this.byKey.set(key, entry);
    const crossref = fields.knownId('crossref');
    const xdata = fields.knownId('xdata');
    if ((crossref !== undefined && ids.includes(crossref)) || (xdata !== undefined && ids.includes(xdata))) this.linked.push(entry);
  }

  /** Reads `part # part # ...` from `this.pos`; leaves `this.pos` after the value. */
  private value(entryKey: string, field: string): { start: number; end: number; kind: ValueKind } | ValueError {
    const text = this.text;
    const len = text.length;
    let p = this.skipSpaces(this.pos);
    const start = p;
    let parts = 0;
    let kind = ValueKind.Delimited;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === LBRACE || c === QUOTE) {
        const end = this.delimitedEnd(p);
        if (end < 0) {
          const resumeAt = -end - 1;
          const what = c === LBRACE ? `unbalanced braces (no closing '}')` : `unterminated quoted value (no closing '"')`;
          const stop = resumeAt >= len ? 'before the end of the file' : 'before the next entry';
          return new ValueError(`Entry '${entryKey}': field '${field}' has ${what} ${stop}`, p, p + 1, resumeAt);
        }
        p = end + 1;
      } else if (p < len && isNameChar(c)) {
        const wordStart = p;
        while (p < len && isNameChar(text.charCodeAt(p))) p++;
        const word = this.slice(wordStart, p);
        if (/^\d+$/.test(word)) {
          kind = ValueKind.Number;
        } else {
          kind = ValueKind.Composite;
          if (lookupMacro(word.toLowerCase(), this.macros) === undefined) {
            this.undefinedMacros.push({ name: word, start: wordStart, end: p, entryKey, field });
          }
        }
      } else {
        const found = p >= len ? 'the end of the file' : `'${this.slice(p, p + 1)}'`;
        return new ValueError(`Entry '${entryKey}': field '${field}' has no value (found ${found})`, p, p + 1, this.resyncFrom(p));
      }
      parts++;
      const after = this.skipSpaces(p);
      if (text.charCodeAt(after) !== HASH) {
        this.pos = p;
        return { start, end: p, kind: parts > 1 ? ValueKind.Composite : kind };
      }
      p = this.skipSpaces(after + 1);
    }
  }

  /**
   * Offset of the delimiter closing the `{` or `"` at `open`. When there is none before a
   * line-start `@type{` (unbalanced braces), returns -(resume offset) - 1.
   */
  private delimitedEnd(open: number): number {
    const text = this.text;
    const len = text.length;
    const quoted = text.charCodeAt(open) === QUOTE;
    let depth = 0;
    for (let i = open + 1; i < len; i++) {
      const c = text.charCodeAt(i);
      // Most of a file is value text: one table load passes over a character that is none of the four.
      if (VALUE_SPECIAL[c] === 0) continue;
      if (c === RBRACE) {
        if (depth === 0) {
          if (!quoted) return i;
        } else depth--;
      } else if (c === LBRACE) {
        depth++;
      } else if (c === QUOTE) {
        if (quoted && depth === 0) return i;
      } else if (c === NEWLINE || (c === CR && text.charCodeAt(i + 1) !== NEWLINE)) {
        let j = i + 1;
        while (j < len && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
        if (text.charCodeAt(j) === AT) {
          ENTRY_OPENING.lastIndex = j;
          if (ENTRY_OPENING.test(text)) return -j - 1;
        }
      }
    }
    return -len - 1;
  }

  /**
   * Id of the field name at [start, end) (lowercase, interned). Exports repeat the same fields in
   * the same order, so the name at this position in the previous entry is tried first, without slicing.
   */
  private fieldIdAt(start: number, end: number, index: number): number {
    const expected = this.previousRawNames[index];
    if (expected !== undefined && expected.length === end - start && this.text.startsWith(expected, start) && !(this.anyAside && this.src.hasAside(start, end))) {
      return this.previousIds[index];
    }
    const raw = this.slice(start, end);
    const id = this.fieldId(raw);
    const name = this.source.fields.names[id];
    this.previousRawNames[index] = raw === name ? name : Array.from(raw).join(''); // a copy, not a slice of the text
    this.previousIds[index] = id;
    return id;
  }

  /** Lowercase entry type at [start, end); the previous one is reused when it matches. */
  private entryType(start: number, end: number): string {
    if (this.previousRawType.length === end - start && this.text.startsWith(this.previousRawType, start) && !(this.anyAside && this.src.hasAside(start, end))) return this.previousType;
    const raw = this.slice(start, end);
    this.previousRawType = Array.from(raw).join('');
    this.previousType = internFieldName(raw);
    return this.previousType;
  }

  private fieldId(raw: string): number {
    let id = this.fieldIds.get(raw);
    if (id === undefined) {
      id = this.source.fields.idOf(internFieldName(raw));
      this.fieldIds.set(raw, id);
    }
    return id;
  }

  private fieldName(raw: string): string {
    return this.source.fields.names[this.fieldId(raw)];
  }

  /** An `@type{` at `p` that starts its line (after blanks). */
  private isLineStartEntry(p: number): boolean {
    if (this.text.charCodeAt(p) !== AT) return false;
    let i = p - 1;
    while (i >= 0 && (this.text.charCodeAt(i) === 0x20 || this.text.charCodeAt(i) === 0x09)) i--;
    if (i >= 0 && this.text.charCodeAt(i) !== NEWLINE && this.text.charCodeAt(i) !== CR) return false;
    ENTRY_OPENING.lastIndex = p;
    return ENTRY_OPENING.test(this.text);
  }

  private followedByEquals(p: number): boolean {
    const text = this.text;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    return text.charCodeAt(this.skipSpaces(p)) === EQUALS;
  }

  private skipSpaces(p: number): number {
    const text = this.text;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    return p;
  }

  /** Spaces and `%` line comments (biber accepts commented-out field lines inside entries). */
  private skipSpacesAndComments(p: number): number {
    const text = this.text;
    for (;;) {
      p = this.skipSpaces(p);
      if (text.charCodeAt(p) !== PERCENT) return p;
      p = Math.min(text.length, this.lineEnd(p) + 1);
    }
  }
}

const FIELD_NAMES = new Map<string, string>();

/**
 * Lowercase field name, interned so 50,000 entries share one `title` string. The interned copy is
 * rebuilt from characters: a slice of the file would keep the whole file alive in this global map.
 */
function internFieldName(raw: string): string {
  const lower = raw.toLowerCase();
  let name = FIELD_NAMES.get(lower);
  if (name === undefined) {
    name = Array.from(lower).join('');
    if (FIELD_NAMES.size < 10_000) FIELD_NAMES.set(name, name);
  }
  return name;
}
