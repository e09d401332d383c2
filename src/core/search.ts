/**
 * Reference search for citation completion and the picker.
 *
 * Large libraries (tens of thousands of entries) use a precomputed index: accent-free lowercase
 * keys sorted for binary-search prefix lookup, and a sorted vocabulary of words (author family
 * names, title words, year, key parts, PMID) with postings, so a query touches only the words it
 * prefixes. fuse.js scans every item per query (~0.5 s p50 at 50,000 entries on a 2-core machine,
 * see `npm run bench`), so it is used only for small curated libraries, as a typo-tolerant fallback.
 *
 * The index is built in three stages, each in small resumable steps (see `build`): keys and the
 * default order first (enough for key-prefix completion), then the word index, then DOIs. A search
 * before the build is complete answers from the stages that are ready.
 *
 * Ranking: key-prefix matches first, then per query token the best of first author, other
 * authors, year, key part, DOI, title word; tokens are AND-ed; ties break by year (newest first),
 * then key — a stable, deterministic order.
 */
import Fuse from 'fuse.js';
import { stripDoiPrefix } from './bibliography/doi';
import { releaseMemory } from './memory';
import type { SliceOptions } from './slices';

export interface SearchableReference {
  readonly key: string;
  /** Family names, first author first. */
  readonly authors?: readonly string[];
  readonly title?: string;
  readonly year?: string;
  readonly doi?: string;
  readonly pmid?: string;
  /**
   * Optional fast path for the index: feeds the author family names (first author as
   * IndexField.FirstAuthor) and title to `sink`, instead of `authors` and `title` being read.
   */
  indexWords?(sink: WordSink): void;
}

/** Which field a word came from (its score is FIELD_SCORES[field]). */
export const enum IndexField { KeyPart = 0, FirstAuthor = 1, Author = 2, Year = 3, Title = 4, Doi = 5, Pmid = 6 }

/** Where SearchableReference.indexWords puts words. */
export interface WordSink {
  /**
   * The words of LaTeX source `text[start, end)` (braces vanish), read in place without copies;
   * control sequences are read by `commands` (the caller's LaTeX decoder's rules). Returns false,
   * having added nothing, when the span needs decoding first (a command `commands` does not cover,
   * math, an unmatched `}`): the caller decodes it and passes the result to `text`.
   */
  latex(text: string, start: number, end: number, field: IndexField, commands?: LatexWords): boolean;
  /** The words of display text. */
  text(value: string, field: IndexField): void;
}

export interface SearchHit<T> {
  readonly item: T;
  /** Higher is better; key-prefix matches score >= KEY_PREFIX_SCORE. */
  readonly score: number;
}

export interface SearchOptions {
  /** Most hits returned (default 100). */
  limit?: number;
}

export const DEFAULT_LIMIT = 100;
export const KEY_PREFIX_SCORE = 1000;
const KEY_EXACT_BONUS = 200;
const EXACT_WORD_BONUS = 10;
/** Score of a word match per field (index = IndexField). */
const FIELD_SCORES = [40, 60, 50, 45, 20, 40, 40];
const FIELD_BITS = 3;

/** Letters NFD does not split into base + mark. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ȷ: 'j', ŋ: 'n', ħ: 'h',
};

/** Lowercase, accent-free (é → e, ß → ss): how both the index and queries are compared. */
export function normalizeForSearch(s: string): string {
  const lower = s.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ßøæœłđðþıȷŋħ]/g, c => FOLDED_LETTERS[c]);
}

// ── Words ───────────────────────────────────────────────────────────────────────────────────────
// A word is a run of [a-z0-9] or a run of other letters/digits/marks (\p{L}\p{N}\p{M}) of the
// normalised text; key parts further split letters from digits ("beck2020" → beck, 2020).
// Punctuation (– “ ” …) is never a word. The scanner below reads raw text and folds as it goes
// (É → e, ß → ss), so titles and names are neither copied nor normalised as whole strings; text it
// cannot fold character by character (other scripts) is normalised first, with the same result.

const enum Cls { Sep = 0, Alpha = 1, Digit = 2, Other = 3, Skip = 4, Fold = 5, Bail = 6, Brace = 7 }
/** Classes of ASCII characters in raw text (uppercase letters fold to lowercase). */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = Cls.Digit;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = Cls.Alpha;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = Cls.Alpha;
/** U+0080..U+024F (Latin-1, Latin Extended-A/B): class, and for Fold/Other what the character becomes. */
const LATIN_FIRST = 0x80;
const LATIN_END = 0x250;
const LATIN_CLASS = new Uint8Array(LATIN_END - LATIN_FIRST);
const LATIN_FOLD: string[] = [];
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
for (let c = LATIN_FIRST; c < LATIN_END; c++) {
  const n = normalizeForSearch(String.fromCharCode(c));
  let cls: Cls;
  if (n === '') cls = Cls.Skip;
  else if (/^[a-z0-9]+$/.test(n)) cls = Cls.Fold;
  else if (n.length === 1 && n.charCodeAt(0) >= 0x80 && WORD_CHAR.test(n)) cls = Cls.Other;
  else if (!/[a-z0-9]/.test(n) && !WORD_CHAR.test(n.replace(/[\x00-\x7f]/g, ''))) cls = Cls.Sep; // eslint-disable-line no-control-regex
  else cls = Cls.Bail;
  LATIN_CLASS[c - LATIN_FIRST] = cls;
  LATIN_FOLD.push(n);
}
/** Classes of characters >= U+0250 in normalised text, filled on first sight (0 = not yet known). */
const OTHER_CLASS = new Uint8Array(0x10000);

function normalizedClass(c: number): Cls {
  if (c >= 0xd800 && c <= 0xdfff) return Cls.Other; // astral letters (CJK ext., math) stay together
  let cls = OTHER_CLASS[c];
  if (cls === 0) {
    cls = (WORD_CHAR.test(String.fromCharCode(c)) ? Cls.Other : Cls.Sep) + 1;
    OTHER_CLASS[c] = cls;
  }
  return cls - 1;
}

const enum Cmd { Accent = 1, Symbol = 2, Transparent = 3, Silent = 4, Sep = 5 }

/**
 * LaTeX control sequences as the word scanner reads them, compiled from a decoder's rules, so
 * that it finds the same words the decoder's output has: an accent vanishes (é → e, as search
 * folds it anyway), a symbol word prints its (normalised) text and eats the spaces after it, a
 * formatting command leaves its braced argument. Anything else sends the text to the decoder.
 */
export class LatexWords {
  /** Control word → kind; symbols → their normalised text. */
  readonly words = new Map<string, Cmd>();
  readonly symbolText = new Map<string, string>();
  /** Control symbol (`\'`, `\-`, `\&`) by ASCII code → kind (0: decode). */
  readonly symbols = new Uint8Array(128);

  constructor(rules: { accents: Iterable<string>; symbols: Iterable<readonly [string, string]>; transparent: Iterable<string>; silent: Iterable<string> }) {
    // A control symbol prints itself (\& → &) unless it is an accent or silent: punctuation separates words.
    for (let c = 0x21; c < 0x7f; c++) if (ASCII_CLASS[c] === Cls.Sep) this.symbols[c] = Cmd.Sep;
    for (const c of [0x20, 0x09, 0x0a, 0x0d]) this.symbols[c] = Cmd.Sep;
    for (const s of rules.silent) if (s.length === 1 && s.charCodeAt(0) < 0x80) this.symbols[s.charCodeAt(0)] = Cmd.Silent;
    for (const a of rules.accents) {
      if (/^[A-Za-z]$/.test(a)) this.words.set(a, Cmd.Accent);
      else if (a.length === 1 && a.charCodeAt(0) < 0x80) this.symbols[a.charCodeAt(0)] = Cmd.Accent;
    }
    for (const [name, printed] of rules.symbols) {
      // Lowercasing Σ depends on what follows it: left to the decoder.
      if (!/^[A-Za-z]+$/.test(name) || this.words.has(name) || printed.includes('Σ')) continue;
      this.words.set(name, Cmd.Symbol);
      this.symbolText.set(name, normalizeForSearch(printed));
    }
    for (const name of rules.transparent) if (/^[A-Za-z]+$/.test(name) && !this.words.has(name)) this.words.set(name, Cmd.Transparent);
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Past spaces as the decoder skips them (after a control word, before an argument). */
function skipLatexSpaces(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    p++;
  }
  return p;
}

/**
 * After an accent command: where its argument starts (the accent itself vanishes), or -1 unless
 * the argument surely prints something (a character, or a symbol word like `\i`, bare or braced):
 * an empty one makes the decoder print a spacing accent instead.
 */
function accentArgument(text: string, p: number, end: number, commands: LatexWords): number {
  p = skipLatexSpaces(text, p, end);
  const q = p < end && text.charCodeAt(p) === 0x7b ? p + 1 : p;
  if (q >= end) return -1;
  const c = text.charCodeAt(q);
  if (c === 0x7b || c === 0x7d) return -1;
  if (c === 0x5c) {
    let nameEnd = q + 1;
    while (nameEnd < end && isAsciiLetter(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(q + 1, nameEnd);
    if (commands.words.get(name) !== Cmd.Symbol || !commands.symbolText.get(name)) return -1;
  }
  return p;
}

const FNV_SEED = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * Splits text into words, each handed to `word(buffer, length, hash)` without creating a string.
 * Subclasses decide what a word is used for (the index builder, a query's word list).
 */
abstract class WordScanner {
  protected buf = new Uint16Array(64);
  private len = 0;
  private hash = FNV_SEED;
  private cls = Cls.Sep;
  private keyMode = false;

  protected abstract word(buf: Uint16Array, len: number, hash: number): void;

  /** Whether plain `text[start, end)` can be scanned raw: no character that needs normalising the whole text (other scripts). */
  static canScan(text: string, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < LATIN_END) {
        if (LATIN_CLASS[c - LATIN_FIRST] === Cls.Bail) return false;
      } else if (c < 0x300 || c > 0x36f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Scans LaTeX `text[start, end)` raw, or (`emit` false) only checks that it can be: false at
   * anything the decoder must read (see LatexWords), math, an unmatched `}` or other scripts;
   * words emitted before that are the caller's to drop.
   */
  protected scanLatex(text: string, start: number, end: number, commands: LatexWords | undefined, emit: boolean): boolean {
    this.keyMode = false;
    let depth = 0;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha) { if (emit) this.push(c | 0x20, Cls.Alpha); } else if (cls === Cls.Digit) { if (emit) this.push(c, Cls.Digit); } else if (c === 0x7b) {
          depth++;
        } else if (c === 0x7d) {
          if (--depth < 0) return false;
        } else if (c === 0x5c) {
          if (!commands) return false;
          const next = this.command(text, i, end, commands, emit);
          if (next < 0) return false;
          i = next;
          continue;
        } else if (c === 0x24) {
          return false;
        } else if (emit) {
          this.end();
        }
      } else if (c < LATIN_END) {
        const cls = LATIN_CLASS[c - LATIN_FIRST];
        if (cls === Cls.Bail) return false;
        if (emit) this.latin(c, cls);
      } else if (c < 0x300 || c > 0x36f) {
        return false;
      }
      i++;
    }
    if (emit) this.end();
    return true;
  }

  /** At a backslash: where scanning resumes after the control sequence, or -1 if it needs the decoder. */
  private command(text: string, at: number, end: number, commands: LatexWords, emit: boolean): number {
    const first = at + 1;
    if (first >= end) return -1;
    const c = text.charCodeAt(first);
    if (isAsciiLetter(c)) {
      let nameEnd = first + 1;
      while (nameEnd < end && isAsciiLetter(text.charCodeAt(nameEnd))) nameEnd++;
      const name = text.slice(first, nameEnd);
      const kind = commands.words.get(name);
      if (kind === Cmd.Accent) return accentArgument(text, nameEnd, end, commands);
      if (kind === Cmd.Symbol) {
        if (emit) this.normalized(commands.symbolText.get(name) ?? '');
        return skipLatexSpaces(text, nameEnd, end);
      }
      if (kind === Cmd.Transparent) {
        const p = skipLatexSpaces(text, nameEnd, end);
        return p < end && text.charCodeAt(p) === 0x7b ? p : -1;
      }
      return -1;
    }
    const kind = c < 0x80 ? commands.symbols[c] : 0;
    if (kind === Cmd.Accent) return accentArgument(text, first + 1, end, commands);
    if (kind === Cmd.Silent) return first + 1;
    if (kind === Cmd.Sep) {
      if (emit) this.end();
      return first + 1;
    }
    return -1;
  }

  /** Normalised text into the current word (a symbol's printed text). */
  private normalized(s: string): void {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha || cls === Cls.Digit) this.push(c, cls);
        else this.end();
      } else if (c < LATIN_END) {
        this.latin(c, LATIN_CLASS[c - LATIN_FIRST]);
      } else if (normalizedClass(c) === Cls.Other) {
        this.push(c, Cls.Other);
      } else {
        this.end();
      }
    }
  }

  private latin(c: number, cls: Cls): void {
    if (cls === Cls.Fold) {
      const f = LATIN_FOLD[c - LATIN_FIRST];
      for (let k = 0; k < f.length; k++) {
        const fc = f.charCodeAt(k);
        this.push(fc, fc <= 0x39 ? Cls.Digit : Cls.Alpha);
      }
    } else if (cls === Cls.Other) {
      this.push(LATIN_FOLD[c - LATIN_FIRST].charCodeAt(0), Cls.Other);
    } else if (cls === Cls.Sep) {
      this.end();
    } else if (cls === Cls.Bail) { // only in normalised text (raw text with one is normalised first)
      if (normalizedClass(c) === Cls.Other) this.push(c, Cls.Other);
      else this.end();
    }
  }

  /**
   * Scans plain `text[start, end)`: raw (checked with canScan) or already normalised.
   * `keyMode` splits letters from digits.
   */
  protected scan(text: string, start: number, end: number, raw: boolean, keyMode: boolean): void {
    this.keyMode = keyMode;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha) this.push(c | 0x20, Cls.Alpha);
        else if (cls === Cls.Digit) this.push(c, Cls.Digit);
        else this.end();
      } else if (c < LATIN_END) {
        this.latin(c, LATIN_CLASS[c - LATIN_FIRST]);
      } else if (c >= 0x300 && c <= 0x36f) {
        if (!raw) this.push(c, Cls.Other); // (normalised text has none; raw text drops them)
      } else if (normalizedClass(c) === Cls.Other) {
        this.push(c, Cls.Other);
      } else {
        this.end();
      }
    }
    this.end();
  }

  private push(c: number, cls: Cls): void {
    if (this.len > 0 && cls !== this.cls && (this.keyMode || cls === Cls.Other || this.cls === Cls.Other)) this.end();
    // A word is indexed by its first MAX_WORD_LENGTH characters (queries are cut the same way): a
    // 500,000-letter "word" costs no more than a long one.
    if (this.len >= MAX_WORD_LENGTH) {
      this.cls = cls;
      return;
    }
    if (this.len === this.buf.length) {
      const bigger = new Uint16Array(this.len * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
    this.hash = Math.imul(this.hash ^ c, FNV_PRIME);
    this.cls = cls;
  }

  private end(): void {
    if (this.len === 0) return;
    this.word(this.buf, this.len, this.hash);
    this.len = 0;
    this.hash = FNV_SEED;
  }

  /** Drops a word half scanned (after scanLatex gave up). */
  protected dropWord(): void {
    this.len = 0;
    this.hash = FNV_SEED;
  }
}

/** Collects the words of a (normalised) query term. */
class WordList extends WordScanner {
  readonly words: string[] = [];

  static of(normalized: string, keyMode = false): string[] {
    const list = new WordList();
    list.scan(normalized, 0, normalized.length, false, keyMode);
    return list.words;
  }

  protected word(buf: Uint16Array, len: number): void {
    this.words.push(charsToString(buf, len));
  }
}

/** Longest word indexed or searched, in UTF-16 units (longer ones are cut). */
const MAX_WORD_LENGTH = 128;

function charsToString(buf: Uint16Array, len: number): string {
  return String.fromCharCode.apply(null, buf.subarray(0, Math.min(len, MAX_WORD_LENGTH)) as unknown as number[]);
}

/** Words of normalised text: title words, surnames ("al-hakim" → al, hakim). */
function textWords(normalized: string): string[] {
  return WordList.of(normalized);
}

function normalizeDoi(doi: string): string {
  return stripDoiPrefix(normalizeForSearch(doi));
}

function yearNumber(year: string | undefined): number {
  const m = year ? /\d{4}/.exec(year) : null;
  return m ? Number(m[0]) : -1;
}

/** The default order and tie-break: newest year first, then key (code-unit order, locale-independent). */
export function compareReferences(a: SearchableReference, b: SearchableReference): number {
  return yearNumber(b.year) - yearNumber(a.year) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Hits by score, then the default order. */
export function compareHits<T extends SearchableReference>(a: SearchHit<T>, b: SearchHit<T>): number {
  return b.score - a.score || compareReferences(a.item, b.item);
}

/**
 * Slice options (here `yieldFn` defaults to a microtask, and after `isCancelled` the index stays
 * usable with the stages already built), and a call when the first stage is ready.
 */
export interface ChunkedBuildOptions extends SliceOptions {
  /** Called once key-prefix search and the default order are ready (the first stage). */
  onKeysReady?: () => void;
}

const EMPTY: Int32Array = new Int32Array(0);

/** The precomputed index for large libraries. Immutable once built: rebuild for a changed source. */
export class ReferenceSearchIndex<T extends SearchableReference = SearchableReference> {
  private keys: string[] = [];
  /** Doc ids sorted by normalised key. */
  private byKey: Int32Array = EMPTY;
  private dois: string[] = [];
  /** Doc ids with a DOI, sorted by normalised DOI. */
  private byDoi: Int32Array = EMPTY;
  /** Sorted distinct words; word i's postings (doc << FIELD_BITS | field) are postingData[postingStart[i] .. postingEnd[i]). */
  private vocabulary: string[] = [];
  private postingData: Int32Array = EMPTY;
  private postingStart: Int32Array = EMPTY;
  private postingEnd: Int32Array = EMPTY;
  /** Doc ids in the default order, and each doc's place in it. */
  private defaultOrder: Int32Array = EMPTY;
  private defaultRank: Int32Array = EMPTY;
  private keysReady = false;
  private readonly keyListeners: (() => void)[] = [];
  private wordsReady = false;
  private doisReady = false;
  /** The remaining build steps; undefined once built. */
  private steps?: Generator<void, void, void>;
  private building?: Promise<void>;
  // Per-query scratch, reused: a stamp marks docs touched by the current term.
  private readonly stamp: Int32Array;
  private readonly termScore: Int32Array;
  private readonly touched: Int32Array;
  private currentStamp = 0;

  /** Builds synchronously unless `deferred` (then `build` does it in slices; a search before that builds the keys stage). */
  constructor(readonly items: readonly T[], options: { deferred?: boolean } = {}) {
    const n = items.length;
    this.stamp = new Int32Array(n);
    this.termScore = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.steps = buildSteps(this as unknown as ReferenceSearchIndex, items);
    if (!options.deferred) this.runSteps(() => false);
  }

  /** An index with nothing built yet: call `build` to build it in slices. */
  static deferred<T extends SearchableReference>(items: readonly T[]): ReferenceSearchIndex<T> {
    return new ReferenceSearchIndex(items, { deferred: true });
  }

  /**
   * Builds in slices of at most ~budgetMs, awaiting `yieldFn` between them, so an editor's
   * thread is never held long.
   */
  static async buildChunked<T extends SearchableReference>(items: readonly T[], options: ChunkedBuildOptions = {}): Promise<ReferenceSearchIndex<T>> {
    const index = ReferenceSearchIndex.deferred(items);
    await index.build(options);
    return index;
  }

  get size(): number {
    return this.items.length;
  }

  /** Whether every stage is built (before that, searches miss word and DOI matches). */
  get complete(): boolean {
    return this.doisReady;
  }

  /**
   * Builds what remains in slices; one build at a time (a second call returns the running one,
   * with its options, apart from `onKeysReady`, which is always called once the keys are ready).
   */
  build(options: ChunkedBuildOptions = {}): Promise<void> {
    if (options.onKeysReady) {
      if (this.keysReady) options.onKeysReady();
      else this.keyListeners.push(options.onKeysReady);
    }
    if (!this.steps) return Promise.resolve();
    this.building ??= this.buildInSlices(options).finally(() => { this.building = undefined; });
    return this.building;
  }

  /** Builds what remains now, synchronously. */
  buildNow(): void {
    this.runSteps(() => false);
  }

  private async buildInSlices(options: ChunkedBuildOptions): Promise<void> {
    const budget = options.budgetMs ?? 20;
    const now = options.now ?? Date.now;
    const yieldFn = options.yieldFn ?? (() => Promise.resolve());
    while (this.steps) {
      if (options.isCancelled?.()) return;
      const start = now();
      this.runSteps(() => now() - start >= budget);
      if (this.steps) await yieldFn();
    }
  }

  private runSteps(stop: () => boolean): void {
    const steps = this.steps;
    if (!steps) return;
    do {
      if (steps.next().done) {
        this.steps = undefined;
        return;
      }
    } while (!stop());
  }

  /** @internal The build stages' results. */
  setKeys(keys: string[], byKey: Int32Array, defaultOrder: Int32Array, defaultRank: Int32Array): void {
    this.keys = keys;
    this.byKey = byKey;
    this.defaultOrder = defaultOrder;
    this.defaultRank = defaultRank;
    this.keysReady = true;
    for (const listener of this.keyListeners.splice(0)) listener();
  }

  /** @internal */
  setWords(vocabulary: string[], postingData: Int32Array, postingStart: Int32Array, postingEnd: Int32Array): void {
    this.vocabulary = vocabulary;
    this.postingData = postingData;
    this.postingStart = postingStart;
    this.postingEnd = postingEnd;
    this.wordsReady = true;
  }

  /** @internal */
  setDois(dois: string[], byDoi: Int32Array): void {
    this.dois = dois;
    this.byDoi = byDoi;
    this.doisReady = true;
  }

  /** Top hits for a query; an empty query lists the library in the default order (score 0). */
  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
    if (!this.keysReady) this.runSteps(() => this.keysReady);
    const limit = options.limit ?? DEFAULT_LIMIT;
    const terms = normalizeForSearch(query).split(/\s+/).filter(t => t !== '');
    if (terms.length === 0) {
      const hits: SearchHit<T>[] = [];
      for (let i = 0; i < Math.min(limit, this.defaultOrder.length); i++) hits.push({ item: this.items[this.defaultOrder[i]], score: 0 });
      return hits;
    }
    // AND: candidates are the first term's matches, narrowed by each next term.
    let candidates = new Int32Array(0);
    let totals = new Int32Array(0);
    for (let t = 0; t < terms.length; t++) {
      const count = this.matchTerm(terms[t]);
      if (t === 0) {
        candidates = this.touched.slice(0, count);
        totals = candidates.map(doc => this.termScore[doc]);
      } else {
        let kept = 0;
        for (let i = 0; i < candidates.length; i++) {
          const doc = candidates[i];
          if (this.stamp[doc] !== this.currentStamp) continue;
          candidates[kept] = doc;
          totals[kept++] = totals[i] + this.termScore[doc];
        }
        candidates = candidates.subarray(0, kept);
        totals = totals.subarray(0, kept);
      }
      if (candidates.length === 0) return [];
    }
    return this.top(candidates, totals, limit);
  }

  /** Scores every doc the term matches into termScore (stamped); returns how many are in `touched`. */
  private matchTerm(term: string): number {
    const stamp = ++this.currentStamp;
    let count = 0;
    const hit = (doc: number, score: number): void => {
      if (this.stamp[doc] !== stamp) {
        this.stamp[doc] = stamp;
        this.termScore[doc] = score;
        this.touched[count++] = doc;
      } else if (score > this.termScore[doc]) {
        this.termScore[doc] = score;
      }
    };
    const [keyFrom, keyTo] = prefixRange(this.byKey, this.keys, term);
    for (let i = keyFrom; i < keyTo; i++) {
      const doc = this.byKey[i];
      hit(doc, KEY_PREFIX_SCORE + (this.keys[doc].length === term.length ? KEY_EXACT_BONUS : 0));
    }
    if (term.length >= 3 && this.doisReady) {
      const doiTerm = normalizeDoi(term);
      const [doiFrom, doiTo] = prefixRange(this.byDoi, this.dois, doiTerm);
      for (let i = doiFrom; i < doiTo; i++) hit(this.byDoi[i], FIELD_SCORES[IndexField.Doi] + (this.dois[this.byDoi[i]].length === doiTerm.length ? EXACT_WORD_BONUS : 0));
    }
    if (!this.wordsReady) return count;
    // A term of several words ("adult-onset") matches a doc only if each word does; score is the weakest word's.
    const words = textWords(term);
    if (words.length === 1) {
      this.matchWord(words[0], hit);
    } else if (words.length > 1) {
      const [first, ...rest] = words;
      const wordScores = new Map<number, number>();
      this.matchWord(first, (doc, score) => { wordScores.set(doc, Math.max(score, wordScores.get(doc) ?? 0)); });
      for (const word of rest) {
        const next = new Map<number, number>();
        this.matchWord(word, (doc, score) => {
          const before = wordScores.get(doc);
          if (before !== undefined) next.set(doc, Math.max(next.get(doc) ?? 0, Math.min(before, score)));
        });
        wordScores.clear();
        for (const [doc, score] of next) wordScores.set(doc, score);
      }
      for (const [doc, score] of wordScores) hit(doc, score);
    }
    return count;
  }

  private matchWord(word: string, hit: (doc: number, score: number) => void): void {
    let lo = lowerBound(this.vocabulary, word);
    const vocabulary = this.vocabulary;
    for (; lo < vocabulary.length && vocabulary[lo].startsWith(word); lo++) {
      const bonus = vocabulary[lo].length === word.length ? EXACT_WORD_BONUS : 0;
      const data = this.postingData;
      for (let i = this.postingStart[lo], end = this.postingEnd[lo]; i < end; i++) {
        const posting = data[i];
        const field = posting & ((1 << FIELD_BITS) - 1);
        hit(posting >> FIELD_BITS, FIELD_SCORES[field] + (field === IndexField.Title ? bonus >> 1 : bonus));
      }
    }
  }

  /** The best `limit` candidates: score, then default rank, packed in one float so a typed sort orders them. */
  private top(candidates: Int32Array, totals: Int32Array, limit: number): SearchHit<T>[] {
    const n = this.items.length;
    const packed = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      packed[i] = totals[i] * (n + 1) + (n - this.defaultRank[candidates[i]]);
    }
    const best = selectLargest(packed, limit);
    const hits: SearchHit<T>[] = [];
    for (const value of best) {
      const score = Math.floor(value / (n + 1));
      const rank = n - (value - score * (n + 1));
      hits.push({ item: this.items[this.defaultOrder[rank]], score });
    }
    return hits;
  }
}

/** Docs read per step of the key stage (cheap: key and year) and of the word stage (authors, title). */
const KEY_DOCS_PER_STEP = 1024;
const WORD_DOCS_PER_STEP = 64;
const DOI_DOCS_PER_STEP = 512;

/**
 * The build, as small steps (each well under a millisecond to a few ms at 50,000 entries), in
 * three stages whose results go into the index as each completes.
 */
function* buildSteps(index: ReferenceSearchIndex, items: readonly SearchableReference[]): Generator<void, void, void> {
  const n = items.length;
  // Stage 1: keys, years, default order.
  const keys: string[] = new Array<string>(n);
  const rawKeys: string[] = new Array<string>(n);
  const yearText: (string | undefined)[] = new Array<string | undefined>(n);
  const years = new Int32Array(n);
  let allKeysNormal = true;
  for (let doc = 0; doc < n; doc++) {
    const item = items[doc];
    const raw = item.key;
    const key = isNormalAscii(raw) ? raw : normalizeForSearch(raw);
    if (key !== raw) allKeysNormal = false;
    rawKeys[doc] = raw;
    keys[doc] = key;
    const year = item.year;
    yearText[doc] = year;
    years[doc] = yearNumber(year);
    if (doc % KEY_DOCS_PER_STEP === KEY_DOCS_PER_STEP - 1) yield;
  }
  const byKey = yield* sortedIds(keys);
  // Default order: by key, then a stable counting sort by year (newest first).
  const byRawKey = allKeysNormal ? byKey : yield* sortedIds(rawKeys);
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (let i = 0; i < n; i++) { if (years[i] < minYear) minYear = years[i]; if (years[i] > maxYear) maxYear = years[i]; }
  const order = new Int32Array(n);
  if (n > 0) {
    const buckets = new Int32Array(maxYear - minYear + 2);
    for (let i = 0; i < n; i++) buckets[maxYear - years[i] + 1]++;
    for (let b = 1; b < buckets.length; b++) buckets[b] += buckets[b - 1];
    for (const doc of byRawKey) order[buckets[maxYear - years[doc]]++] = doc;
  }
  const defaultRank = new Int32Array(n);
  for (let rank = 0; rank < n; rank++) defaultRank[order[rank]] = rank;
  if (byRawKey !== byKey) releaseMemory(byRawKey);
  releaseMemory(years);
  index.setKeys(keys, byKey, order, defaultRank);
  yield;

  // Stage 2: words.
  const builder = new WordIndexBuilder();
  for (let doc = 0; doc < n; doc++) {
    builder.addDoc(doc, items[doc], keys[doc], yearText[doc]);
    if (doc % WORD_DOCS_PER_STEP === WORD_DOCS_PER_STEP - 1) yield;
  }
  yearText.length = 0;
  const words = yield* builder.finish();
  index.setWords(words.vocabulary, words.postingData, words.postingStart, words.postingEnd);
  yield;

  // Stage 3: DOIs.
  const dois: string[] = new Array<string>(n);
  let withDoi = 0;
  for (let doc = 0; doc < n; doc++) {
    const doi = items[doc].doi;
    dois[doc] = doi ? normalizeDoi(doi) : '';
    if (dois[doc] !== '') withDoi++;
    if (doc % DOI_DOCS_PER_STEP === DOI_DOCS_PER_STEP - 1) yield;
  }
  const allByDoi = yield* sortedIds(dois);
  const byDoi = allByDoi.subarray(n - withDoi).slice(); // '' sorts first
  releaseMemory(allByDoi);
  index.setDois(dois, byDoi);
}

/** Already lowercase ASCII with no folding to do (most citation keys). */
function isNormalAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** Postings are collected in pages (no doubling copies), then laid out by word in one array. */
const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;

/**
 * Reads docs into (word, posting) pairs with a hash table of its own (words are hashed from the
 * characters as they are scanned: no substring per word, no Map of strings), keeping per doc
 * only a word's best field, then lays postings out by word (CSR) and sorts the vocabulary.
 */
class WordIndexBuilder extends WordScanner implements WordSink {
  readonly words: string[] = [];
  private hashes: Int32Array = new Int32Array(1024);
  /** Per word id: postings so far, the last doc it was seen in, and that pair's index. */
  private counts: Int32Array = new Int32Array(1024);
  private lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private lastPair: Int32Array = new Int32Array(1024);
  private slots: Int32Array = new Int32Array(2048);
  private readonly pageWords: Int32Array[] = [];
  private readonly pagePostings: Int32Array[] = [];
  private pairs = 0;
  /** Words of a LaTeX span being scanned: chars, and (offset, length, hash) per word. */
  private deferring = false;
  private pending = new Uint16Array(256);
  private pendingChars = 0;
  private pendingWords: Int32Array = new Int32Array(96);
  private pendingCount = 0;
  private doc = 0;
  private field: IndexField = IndexField.KeyPart;

  addDoc(doc: number, item: SearchableReference, normalizedKey: string, year: string | undefined): void {
    this.doc = doc;
    this.field = IndexField.KeyPart;
    this.scan(normalizedKey, 0, normalizedKey.length, false, true);
    if (item.indexWords) {
      item.indexWords(this);
    } else {
      const authors = item.authors;
      if (authors) for (let i = 0; i < authors.length; i++) this.text(authors[i], i === 0 ? IndexField.FirstAuthor : IndexField.Author);
      const title = item.title;
      if (title) this.text(title, IndexField.Title);
    }
    if (year) this.text(year, IndexField.Year);
    const pmid = item.pmid?.trim();
    if (pmid) {
      this.field = IndexField.Pmid;
      let hash = FNV_SEED;
      if (pmid.length > this.buf.length) this.buf = new Uint16Array(pmid.length * 2);
      for (let i = 0; i < pmid.length; i++) {
        this.buf[i] = pmid.charCodeAt(i);
        hash = Math.imul(hash ^ this.buf[i], FNV_PRIME);
      }
      this.word(this.buf, pmid.length, hash);
    }
  }

  latex(text: string, start: number, end: number, field: IndexField, commands?: LatexWords): boolean {
    // One pass: words wait in `pending` until the whole span is known to need no decoder.
    this.field = field;
    this.deferring = true;
    this.pendingChars = 0;
    this.pendingCount = 0;
    const scanned = this.scanLatex(text, start, end, commands, true);
    this.deferring = false;
    if (!scanned) {
      this.dropWord();
      return false;
    }
    const words = this.pendingWords;
    for (let w = 0; w < this.pendingCount; w++) this.add(this.pending, words[3 * w], words[3 * w + 1], words[3 * w + 2]);
    return true;
  }

  text(value: string, field: IndexField): void {
    this.field = field;
    if (WordScanner.canScan(value, 0, value.length)) {
      this.scan(value, 0, value.length, true, false);
    } else {
      const normalized = normalizeForSearch(value);
      this.scan(normalized, 0, normalized.length, false, false);
    }
  }

  protected word(buf: Uint16Array, len: number, hash: number): void {
    if (!this.deferring) {
      this.add(buf, 0, len, hash);
      return;
    }
    if (this.pendingChars + len > this.pending.length) {
      const bigger = new Uint16Array(Math.max(this.pending.length * 2, this.pendingChars + len));
      bigger.set(this.pending.subarray(0, this.pendingChars));
      this.pending = bigger;
    }
    for (let i = 0, o = this.pendingChars; i < len; i++) this.pending[o + i] = buf[i];
    if (3 * this.pendingCount + 3 > this.pendingWords.length) this.pendingWords = growInt32(this.pendingWords, 0);
    this.pendingWords[3 * this.pendingCount] = this.pendingChars;
    this.pendingWords[3 * this.pendingCount + 1] = len;
    this.pendingWords[3 * this.pendingCount + 2] = hash;
    this.pendingCount++;
    this.pendingChars += len;
  }

  /** One occurrence of the word buf[from, from + len) in the current doc and field. */
  private add(buf: Uint16Array, from: number, len: number, hash: number): void {
    const id = this.idOf(buf, from, len, hash);
    const doc = this.doc;
    const field = this.field;
    if (this.lastDoc[id] === doc) {
      // Seen in this doc already: keep the better field (a search takes a doc's best match anyway).
      const at = this.lastPair[id];
      const page = this.pagePostings[at >>> PAGE_BITS];
      const previous = page[at & (PAGE_SIZE - 1)] & ((1 << FIELD_BITS) - 1);
      if (FIELD_SCORES[field] > FIELD_SCORES[previous]) page[at & (PAGE_SIZE - 1)] = (doc << FIELD_BITS) | field;
      return;
    }
    const at = this.pairs++;
    if ((at & (PAGE_SIZE - 1)) === 0) {
      this.pageWords.push(new Int32Array(PAGE_SIZE));
      this.pagePostings.push(new Int32Array(PAGE_SIZE));
    }
    this.pageWords[at >>> PAGE_BITS][at & (PAGE_SIZE - 1)] = id;
    this.pagePostings[at >>> PAGE_BITS][at & (PAGE_SIZE - 1)] = (doc << FIELD_BITS) | field;
    this.lastDoc[id] = doc;
    this.lastPair[id] = at;
    this.counts[id]++;
  }

  /** The word's id, added if new (open addressing, linear probing). */
  private idOf(buf: Uint16Array, from: number, len: number, hash: number): number {
    const words = this.words;
    let mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash) {
        const w = words[id];
        if (w.length === len) {
          let same = true;
          for (let i = 0; i < len; i++) if (w.charCodeAt(i) !== buf[from + i]) { same = false; break; }
          if (same) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = words.length;
    words.push(charsToString(buf.subarray(from, from + len), len));
    if (id === this.hashes.length) {
      this.hashes = growInt32(this.hashes, 0);
      this.counts = growInt32(this.counts, 0);
      this.lastDoc = growInt32(this.lastDoc, -1);
      this.lastPair = growInt32(this.lastPair, 0);
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (words.length * 2 > this.slots.length) {
      // Rehash at half load.
      const slots = new Int32Array(this.slots.length * 2);
      mask = slots.length - 1;
      for (let w = 0; w < words.length; w++) {
        let s = this.hashes[w] & mask;
        while (slots[s] !== 0) s = (s + 1) & mask;
        slots[s] = w + 1;
      }
      releaseMemory(this.slots);
      this.slots = slots;
    }
    return id;
  }

  *finish(): Generator<void, { vocabulary: string[]; postingData: Int32Array; postingStart: Int32Array; postingEnd: Int32Array }, void> {
    const wordCount = this.words.length;
    for (const scratch of [this.slots, this.lastDoc, this.lastPair, this.hashes]) releaseMemory(scratch);
    this.slots = EMPTY;
    this.lastDoc = this.lastPair = this.hashes = EMPTY;
    // CSR: each word's postings in one run, in doc order (pairs are in doc order).
    const start = new Int32Array(wordCount + 1);
    for (let w = 0; w < wordCount; w++) start[w + 1] = start[w] + this.counts[w];
    releaseMemory(this.counts);
    this.counts = EMPTY;
    const fill = start.slice(0, wordCount);
    const postingData = new Int32Array(this.pairs);
    for (let p = 0; p < this.pageWords.length; p++) {
      const ids = this.pageWords[p];
      const postings = this.pagePostings[p];
      const count = Math.min(PAGE_SIZE, this.pairs - p * PAGE_SIZE);
      for (let i = 0; i < count; i++) postingData[fill[ids[i]]++] = postings[i];
      releaseMemory(ids);
      releaseMemory(postings);
      this.pageWords[p] = this.pagePostings[p] = EMPTY;
      yield;
    }
    const order = yield* sortedIds(this.words);
    const vocabulary = new Array<string>(wordCount);
    const postingStart = new Int32Array(wordCount);
    const postingEnd = new Int32Array(wordCount);
    for (let i = 0; i < wordCount; i++) {
      const id = order[i];
      vocabulary[i] = this.words[id];
      postingStart[i] = start[id];
      postingEnd[i] = start[id + 1];
    }
    for (const scratch of [fill, start, order]) releaseMemory(scratch);
    return { vocabulary, postingData, postingStart, postingEnd };
  }
}

function growInt32(a: Int32Array, fillValue: number): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  if (fillValue !== 0) bigger.fill(fillValue, a.length);
  releaseMemory(a);
  return bigger;
}

/** The `limit` largest values, largest first, without sorting all of them. */
function selectLargest(values: Float64Array, limit: number): Float64Array {
  if (values.length <= limit * 4) return values.sort().reverse().subarray(0, limit);
  // Threshold from a sample, then sort only what passes it (falls back to a full sort if too few pass).
  const sample = values.filter((_, i) => i % 16 === 0).sort();
  const threshold = sample[Math.max(0, sample.length - 1 - Math.ceil((limit * 2) / 16))];
  const passing = values.filter(v => v >= threshold);
  const pool = passing.length >= limit ? passing : values;
  return pool.sort().reverse().subarray(0, limit);
}

/** Ranges at most this long are finished by insertion sort. */
const SMALL_RANGE = 24;
/** Elements handled between two yields of sortedIds (a power of two). */
const SORT_WORK_PER_STEP = 16384;

/**
 * Ids ordered by values[id] (code-unit order, ties by id), as an MSD radix sort on one code unit
 * at a time over a contiguous copy of the strings' characters (strings sliced from a large file
 * lie all over memory: one gathering pass, then cache-friendly passes). Linear work per level, no
 * comparator callbacks, and resumable: it yields every few thousand elements, so a 50,000-string
 * sort never holds the thread.
 */
function* sortedIds(values: readonly string[]): Generator<void, Int32Array, void> {
  const n = values.length;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  if (n < 2) return ids;
  // Gather: chars[offset[id] .. offset[id + 1]) are values[id]'s code units.
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i] + values[i].length;
  const chars = new Uint16Array(offset[n]);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    for (let k = 0, o = offset[i]; k < v.length; k++) chars[o + k] = v.charCodeAt(k);
    if ((i & (SORT_WORK_PER_STEP - 1)) === SORT_WORK_PER_STEP - 1) yield;
  }
  const tmp = new Int32Array(n);
  const buckets = new Int32Array(n);
  const counts = new Int32Array(258);
  // Work stack of (from, to, depth): ids[from, to) share their first `depth` code units.
  const stack: number[] = [0, n, 0];
  let work = 0;
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const to = stack.pop() as number;
    const from = stack.pop() as number;
    if (to - from <= SMALL_RANGE) {
      insertionSort(ids, from, to, depth, chars, offset);
    } else {
      // Bucket 0: ended at this depth; 1..255: code unit + 1; 256: code units >= 255 (sorted by comparison after).
      counts.fill(0);
      for (let i = from; i < to; i++) {
        const id = ids[i];
        const at = offset[id] + depth;
        const b = at >= offset[id + 1] ? 0 : chars[at] < 255 ? chars[at] + 1 : 256;
        buckets[i] = b;
        counts[b + 1]++;
      }
      for (let b = 1; b < 258; b++) counts[b] += counts[b - 1];
      for (let i = from; i < to; i++) tmp[from + counts[buckets[i]]++] = ids[i];
      for (let i = from; i < to; i++) ids[i] = tmp[i];
      // counts[b] is now the end of bucket b (relative to from); bucket 0 is all-equal, in id order (stable).
      let bucketStart = counts[0];
      for (let b = 1; b < 257; b++) {
        const bucketEnd = counts[b];
        if (bucketEnd - bucketStart > 1) {
          if (b < 256) stack.push(from + bucketStart, from + bucketEnd, depth + 1);
          else sortByComparison(ids, from + bucketStart, from + bucketEnd, depth, chars, offset);
        }
        bucketStart = bucketEnd;
      }
    }
    work += to - from;
    if (work >= SORT_WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  for (const scratch of [chars, offset, tmp, buckets]) releaseMemory(scratch);
  return ids;
}

/** values[a] vs values[b] from `depth` on (both share what is before), then ids. */
function compareChars(a: number, b: number, depth: number, chars: Uint16Array, offset: Int32Array): number {
  let i = offset[a] + depth;
  let j = offset[b] + depth;
  const endA = offset[a + 1];
  const endB = offset[b + 1];
  for (; i < endA && j < endB; i++, j++) if (chars[i] !== chars[j]) return chars[i] - chars[j];
  return (endA - i) - (endB - j) || a - b;
}

function insertionSort(ids: Int32Array, from: number, to: number, depth: number, chars: Uint16Array, offset: Int32Array): void {
  for (let i = from + 1; i < to; i++) {
    const id = ids[i];
    let j = i - 1;
    while (j >= from && compareChars(ids[j], id, depth, chars, offset) > 0) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

function sortByComparison(ids: Int32Array, from: number, to: number, depth: number, chars: Uint16Array, offset: Int32Array): void {
  ids.subarray(from, to).sort((a, b) => compareChars(a, b, depth, chars, offset));
}

/** [from, to) of positions in `ids` (sorted by values[id]) whose value starts with `prefix`. */
function prefixRange(ids: Int32Array, values: readonly string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[ids[mid]] < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < ids.length && values[ids[end]].startsWith(prefix)) end++;
  return [lo, end];
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Libraries up to this size also get fuzzy (typo-tolerant) matches from fuse.js: fast enough there. */
export const FUZZY_SEARCH_MAX_ITEMS = 500;

/**
 * Search for any library size: the index always; for small libraries, fuse.js fills the remaining
 * places with fuzzy matches (typos: "ubaa1", "vexsa"), ranked below every exact/prefix hit.
 */
export class ReferenceSearch<T extends SearchableReference = SearchableReference> {
  readonly index: ReferenceSearchIndex<T>;
  private fuse?: Fuse<T>;

  constructor(items: readonly T[] | ReferenceSearchIndex<T>, private readonly fuzzyMaxItems = FUZZY_SEARCH_MAX_ITEMS) {
    this.index = items instanceof ReferenceSearchIndex ? items : new ReferenceSearchIndex(items);
  }

  /** Builds the index in slices (see ReferenceSearchIndex.buildChunked). */
  static async createChunked<T extends SearchableReference>(items: readonly T[], options: ChunkedBuildOptions = {}): Promise<ReferenceSearch<T>> {
    return new ReferenceSearch(await ReferenceSearchIndex.buildChunked(items, options));
  }

  /** A search over an index not built yet: start `index.build(...)`; searches meanwhile answer from what is ready. */
  static deferred<T extends SearchableReference>(items: readonly T[]): ReferenceSearch<T> {
    return new ReferenceSearch(ReferenceSearchIndex.deferred(items));
  }

  get size(): number {
    return this.index.size;
  }

  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const small = this.index.size <= this.fuzzyMaxItems;
    if (small && !this.index.complete) this.index.buildNow(); // cheap at this size
    const hits = this.index.search(query, { limit });
    if (hits.length >= limit || query.trim().length < 3 || !small) return hits;
    const seen = new Set(hits.map(h => h.item.key));
    this.fuse ??= new Fuse([...this.index.items], {
      keys: [{ name: 'key', weight: 3 }, { name: 'authors', weight: 2 }, { name: 'title', weight: 1 }, { name: 'year', weight: 1 }],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
    });
    for (const result of this.fuse.search(query, { limit })) {
      if (hits.length >= limit) break;
      if (seen.has(result.item.key)) continue;
      // Fuse scores 0 (perfect) .. 1; map to 1..9, below any index hit (>= 20).
      hits.push({ item: result.item, score: Math.max(1, Math.round(9 * (1 - (result.score ?? 1)))) });
    }
    return hits;
  }
}
