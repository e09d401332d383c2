/**
 * Reference search for citation completion and the picker.
 *
 * Large libraries (tens of thousands of entries) use a precomputed index: accent-free lowercase
 * keys sorted for binary-search prefix lookup, and a sorted vocabulary of words (author family
 * names, title words, year, key parts, PMID) with postings, so a query touches only the words it
 * prefixes. fuse.js scans every item per query (~0.5 s p50 at 50,000 entries on a 2-core machine,
 * see `npm run bench`), so it is used only for small curated libraries, as a typo-tolerant fallback.
 *
 * Ranking: key-prefix matches first, then per query token the best of first author, other
 * authors, year, key part, DOI, title word; tokens are AND-ed; ties break by year (newest first),
 * then key — a stable, deterministic order.
 */
import Fuse from 'fuse.js';

export interface SearchableReference {
  readonly key: string;
  /** Family names, first author first. */
  readonly authors?: readonly string[];
  readonly title?: string;
  readonly year?: string;
  readonly doi?: string;
  readonly pmid?: string;
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
/** Score of a word match per field (index = FieldCode). */
const FIELD_SCORES = [40, 60, 50, 45, 20, 40, 40];
const enum FieldCode { KeyPart = 0, FirstAuthor = 1, Author = 2, Year = 3, TitleWord = 4, Doi = 5, Pmid = 6 }
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

const WORD = /[a-z]+|[0-9]+|[^\s\x00-\x7f]+/g; // eslint-disable-line no-control-regex
const TEXT_WORD = /[a-z0-9]+|[^\s\x00-\x7f]+/g; // eslint-disable-line no-control-regex

/** Words of normalised text: title words, surnames ("al-hakim" → al, hakim). */
function textWords(normalized: string): string[] {
  return normalized.match(TEXT_WORD) ?? [];
}

/** A key in parts: "beck2020somatic" → beck, 2020, somatic. */
function keyParts(normalizedKey: string): string[] {
  return normalizedKey.match(WORD) ?? [];
}

function normalizeDoi(doi: string): string {
  return normalizeForSearch(doi.trim()).replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/, '');
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

/** The precomputed index for large libraries. Immutable: rebuild for a changed source. */
export class ReferenceSearchIndex<T extends SearchableReference = SearchableReference> {
  private readonly keys: string[];
  /** Doc ids sorted by normalised key. */
  private readonly byKey: Int32Array;
  private readonly dois: string[];
  /** Doc ids with a DOI, sorted by normalised DOI. */
  private readonly byDoi: Int32Array;
  /** Sorted distinct words; word i's postings (doc << FIELD_BITS | field) are postingData[postingStart[i] .. postingEnd[i]). */
  private readonly vocabulary: string[];
  private readonly postingData: Int32Array;
  private readonly postingStart: Int32Array;
  private readonly postingEnd: Int32Array;
  /** Doc ids in the default order, and each doc's place in it. */
  private readonly defaultOrder: Int32Array;
  private readonly defaultRank: Int32Array;
  // Per-query scratch, reused: a stamp marks docs touched by the current term.
  private readonly stamp: Int32Array;
  private readonly termScore: Int32Array;
  private readonly touched: Int32Array;
  private currentStamp = 0;

  /** Builds synchronously (fine up to a few thousand items); large libraries use buildChunked. */
  constructor(readonly items: readonly T[], tables?: IndexTables) {
    if (!tables) {
      const builder = new IndexBuilder(items);
      builder.addDocs(items.length);
      tables = builder.finish();
    }
    ({ keys: this.keys, byKey: this.byKey, dois: this.dois, byDoi: this.byDoi, vocabulary: this.vocabulary, postingData: this.postingData,
      postingStart: this.postingStart, postingEnd: this.postingEnd, defaultOrder: this.defaultOrder, defaultRank: this.defaultRank } = tables);
    const n = items.length;
    this.stamp = new Int32Array(n);
    this.termScore = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /**
   * Builds in slices of at most ~budgetMs, awaiting `yieldFn` between them, so an editor's
   * thread is never held long (reading and decoding 50,000 titles and author lists is most of the work).
   */
  static async buildChunked<T extends SearchableReference>(items: readonly T[], options: ChunkedBuildOptions = {}): Promise<ReferenceSearchIndex<T>> {
    const budget = options.budgetMs ?? 20;
    const now = options.now ?? Date.now;
    const yieldFn = options.yieldFn ?? (() => Promise.resolve());
    const builder = new IndexBuilder(items);
    while (!builder.done) {
      const start = now();
      while (!builder.done && now() - start < budget) builder.addDocs(64);
      await yieldFn();
    }
    const steps = builder.finishSteps();
    let step = steps.next();
    while (!step.done) {
      await yieldFn();
      step = steps.next();
    }
    return new ReferenceSearchIndex(items, step.value);
  }

  get size(): number {
    return this.items.length;
  }

  /** Top hits for a query; an empty query lists the library in the default order (score 0). */
  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
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
    if (term.length >= 3) {
      const doiTerm = normalizeDoi(term);
      const [doiFrom, doiTo] = prefixRange(this.byDoi, this.dois, doiTerm);
      for (let i = doiFrom; i < doiTo; i++) hit(this.byDoi[i], FIELD_SCORES[FieldCode.Doi] + (this.dois[this.byDoi[i]].length === doiTerm.length ? EXACT_WORD_BONUS : 0));
    }
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
        hit(posting >> FIELD_BITS, FIELD_SCORES[field] + (field === FieldCode.TitleWord ? bonus >> 1 : bonus));
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

export interface ChunkedBuildOptions {
  /** Longest time one slice may run (default 20 ms). */
  budgetMs?: number;
  /** Awaited between slices. */
  yieldFn?: () => Promise<void>;
  /** Clock in ms (default Date.now). */
  now?: () => number;
}

interface IndexTables {
  keys: string[];
  byKey: Int32Array;
  dois: string[];
  byDoi: Int32Array;
  vocabulary: string[];
  postingData: Int32Array;
  postingStart: Int32Array;
  postingEnd: Int32Array;
  defaultOrder: Int32Array;
  defaultRank: Int32Array;
}

/**
 * Reads items into (word, posting) pairs, then lays postings out in CSR form (one Int32Array
 * grouped by word): no per-word arrays to allocate and collect at 50,000 entries.
 */
class IndexBuilder {
  private next = 0;
  private readonly keys: string[] = [];
  private readonly rawKeys: string[] = [];
  private readonly dois: string[] = [];
  private readonly years: Int32Array;
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  private pairWords: Int32Array = new Int32Array(1 << 16);
  private pairPostings: Int32Array = new Int32Array(1 << 16);
  private pairs = 0;

  constructor(private readonly items: readonly SearchableReference[]) {
    this.years = new Int32Array(items.length);
  }

  get done(): boolean {
    return this.next >= this.items.length;
  }

  addDocs(count: number): void {
    const end = Math.min(this.items.length, this.next + count);
    for (let doc = this.next; doc < end; doc++) {
      const item = this.items[doc];
      const rawKey = item.key;
      const key = normalizeForSearch(rawKey);
      this.rawKeys.push(rawKey);
      this.keys.push(key);
      const doi = item.doi;
      this.dois.push(doi ? normalizeDoi(doi) : '');
      for (const part of keyParts(key)) this.add(part, doc, FieldCode.KeyPart);
      const authors = item.authors;
      if (authors && authors.length) {
        // One normalisation for all names (NFD is the costly part); "\u0001" keeps them apart.
        const names = normalizeForSearch(authors.join('\u0001')).split('\u0001');
        for (let i = 0; i < names.length; i++) {
          for (const word of textWords(names[i])) this.add(word, doc, i === 0 ? FieldCode.FirstAuthor : FieldCode.Author);
        }
      }
      const year = item.year;
      if (year) for (const word of textWords(year)) this.add(word, doc, FieldCode.Year);
      const title = item.title;
      if (title) for (const word of textWords(normalizeForSearch(title))) this.add(word, doc, FieldCode.TitleWord);
      const pmid = item.pmid;
      if (pmid) this.add(pmid.trim(), doc, FieldCode.Pmid);
      this.years[doc] = yearNumber(year);
    }
    this.next = end;
  }

  finish(): IndexTables {
    const steps = this.finishSteps();
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * The final layout, one sort per step, so a chunked build can yield between them.
   * Orders are built from string sorts without a comparator callback (V8 sorts those natively).
   */
  *finishSteps(): Generator<void, IndexTables, void> {
    const n = this.items.length;
    const { words, pairWords, pairPostings, pairs, years, rawKeys } = this;
    // Counting sort of the pairs by word id.
    const counts = new Int32Array(words.length + 1);
    for (let i = 0; i < pairs; i++) counts[pairWords[i] + 1]++;
    for (let w = 0; w < words.length; w++) counts[w + 1] += counts[w];
    const fill = counts.slice(0, words.length);
    const postingData = new Int32Array(pairs);
    for (let i = 0; i < pairs; i++) postingData[fill[pairWords[i]]++] = pairPostings[i];
    this.pairWords = this.pairPostings = new Int32Array(0);
    yield;
    const vocabulary = [...words].sort();
    const postingStart = new Int32Array(words.length);
    const postingEnd = new Int32Array(words.length);
    for (let i = 0; i < vocabulary.length; i++) {
      const id = this.wordIds.get(vocabulary[i]) ?? 0;
      postingStart[i] = counts[id];
      postingEnd[i] = counts[id + 1];
    }
    yield;
    // Default order: by key, then a stable counting sort by year (newest first).
    const byRawKey = sortedIds(rawKeys);
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
    yield;
    const byKey = sortedIds(this.keys);
    yield;
    const byDoi = sortedIds(this.dois).filter(id => this.dois[id] !== '');
    return { keys: this.keys, byKey, dois: this.dois, byDoi, vocabulary, postingData, postingStart, postingEnd, defaultOrder: order, defaultRank };
  }

  private add(word: string, doc: number, field: FieldCode): void {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(word, id);
      this.words.push(word);
    }
    if (this.pairs === this.pairWords.length) {
      this.pairWords = grow(this.pairWords);
      this.pairPostings = grow(this.pairPostings);
    }
    this.pairWords[this.pairs] = id;
    this.pairPostings[this.pairs++] = (doc << FIELD_BITS) | field;
  }
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

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * Ids ordered by values[id] (code-unit order, ties by id). Sorts the distinct strings natively
 * (no comparator callback: several times faster at 50,000 strings), then expands to ids.
 */
function sortedIds(values: readonly string[]): Int32Array {
  const idsByValue = new Map<string, number | number[]>();
  for (let id = 0; id < values.length; id++) {
    const seen = idsByValue.get(values[id]);
    if (seen === undefined) idsByValue.set(values[id], id);
    else if (typeof seen === 'number') idsByValue.set(values[id], [seen, id]);
    else seen.push(id);
  }
  const out = new Int32Array(values.length);
  let i = 0;
  for (const value of [...idsByValue.keys()].sort()) {
    const ids = idsByValue.get(value) as number | number[];
    if (typeof ids === 'number') out[i++] = ids;
    else for (const id of ids) out[i++] = id;
  }
  return out;
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
  private readonly index: ReferenceSearchIndex<T>;
  private fuse?: Fuse<T>;

  constructor(items: readonly T[] | ReferenceSearchIndex<T>, private readonly fuzzyMaxItems = FUZZY_SEARCH_MAX_ITEMS) {
    this.index = items instanceof ReferenceSearchIndex ? items : new ReferenceSearchIndex(items);
  }

  /** Builds the index in slices (see ReferenceSearchIndex.buildChunked). */
  static async createChunked<T extends SearchableReference>(items: readonly T[], options: ChunkedBuildOptions = {}): Promise<ReferenceSearch<T>> {
    return new ReferenceSearch(await ReferenceSearchIndex.buildChunked(items, options));
  }

  get size(): number {
    return this.index.size;
  }

  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const hits = this.index.search(query, { limit });
    if (hits.length >= limit || query.trim().length < 3 || this.index.size > this.fuzzyMaxItems) return hits;
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
