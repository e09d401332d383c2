/**
 * The reference search index for libraries of any size (tens of thousands of entries): accent-free
 * lowercase keys sorted for binary-search prefix lookup, and sorted vocabularies of words (author
 * family names, title words, year, key parts, PMID, keywords; abstracts apart) with postings, so a
 * query touches only the words it prefixes. fuse.js scans every item per query (~0.5 s p50 at
 * 50,000 entries on a 2-core machine, see `npm run bench`), so it is used only for small curated
 * libraries, as a typo-tolerant fallback (referenceSearch.ts).
 *
 * The index is built in four stages, each in small resumable steps (see `build`): keys and the
 * default order first (enough for key-prefix completion), then the word index, DOIs, and last the
 * abstracts (most of a library's text). A search before the build is complete answers from the
 * stages that are ready.
 *
 * Ranking: key-prefix matches first, then per query token the best of first author, other
 * authors, year, key part, DOI, title word, keyword, abstract word (FIELD_SCORES; a whole word
 * beats a prefix); tokens are AND-ed; ties break by year (newest first), then key — a stable,
 * deterministic order.
 */
import { releaseMemory } from '../memory';
import type { SliceOptions } from '../slices';
import { normalizeDoi, normalizeForSearch, yearNumber } from './normalize';
import { prefixRange, sortedIds } from './sortedIds';
import { DEFAULT_LIMIT, EXACT_WORD_BONUS, FIELD_SCORES, IndexField, KEY_EXACT_BONUS, KEY_PREFIX_SCORE, type SearchableReference, type SearchHit, type SearchOptions } from './types';
import { WordIndexBuilder } from './wordIndexBuilder';
import { textWords } from './wordScanner';
import { WordTable } from './wordTable';
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
  /** Words of keys, names, titles, years, PMIDs and keywords; then, apart, of abstracts. */
  private words = WordTable.EMPTY;
  private abstractWords = WordTable.EMPTY;
  /** Doc ids in the default order, and each doc's place in it. */
  private defaultOrder: Int32Array = EMPTY;
  private defaultRank: Int32Array = EMPTY;
  private keysReady = false;
  private readonly keyListeners: (() => void)[] = [];
  private wordsReady = false;
  private doisReady = false;
  private abstractsReady = false;
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

  /** Whether every stage is built (before that, searches miss word, DOI or abstract matches). */
  get complete(): boolean {
    return this.abstractsReady;
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
  setWords(words: WordTable): void {
    this.words = words;
    this.wordsReady = true;
  }

  /** @internal */
  setAbstractWords(words: WordTable): void {
    this.abstractWords = words;
    this.abstractsReady = true;
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
    this.words.match(word, true, hit);
    // Abstracts hold most of a library's words: a word of one or two letters there is a key or
    // name being typed, not a topic, and its prefix would touch nearly every abstract.
    if (this.abstractsReady) this.abstractWords.match(word, word.length >= MIN_ABSTRACT_PREFIX, hit);
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

/** Docs read per step of the key stage (cheap: key and year), the word stage (authors, title, keywords), the DOI and abstract stages. */
const KEY_DOCS_PER_STEP = 1024;
const WORD_DOCS_PER_STEP = 64;
const DOI_DOCS_PER_STEP = 512;
const ABSTRACT_DOCS_PER_STEP = 16;
/** Shortest query word matched as a prefix of abstract words (shorter ones match whole words only). */
const MIN_ABSTRACT_PREFIX = 3;

/**
 * The build, as small steps (each well under a millisecond to a few ms at 50,000 entries), in
 * four stages whose results go into the index as each completes.
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
  index.setWords(yield* builder.finish());
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
  yield;

  // Stage 4: abstracts.
  const abstracts = new WordIndexBuilder();
  for (let doc = 0; doc < n; doc++) {
    abstracts.addAbstract(doc, items[doc]);
    if (doc % ABSTRACT_DOCS_PER_STEP === ABSTRACT_DOCS_PER_STEP - 1) yield;
  }
  index.setAbstractWords(yield* abstracts.finish());
}

/** Already lowercase ASCII with no folding to do (most citation keys). */

function isNormalAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
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

