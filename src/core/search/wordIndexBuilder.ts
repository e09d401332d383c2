/** Builds the index's word postings from documents, without a string per word occurrence. */
import { releaseMemory } from '../memory';
import { FNV_PRIME, FNV_SEED } from './charClasses';
import type { LatexWords } from './latexWords';
import { normalizeForSearch } from './normalize';
import { sortedIds } from './sortedIds';
import { FIELD_BITS, FIELD_SCORES, IndexField, type SearchableReference, type WordSink } from './types';
import { charsToString, WordScanner } from './wordScanner';
import { WordTable } from './wordTable';

const EMPTY: Int32Array = new Int32Array(0);
/** Postings are collected in pages (no doubling copies), then laid out by word in one array. */
const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;

/**
 * Reads docs into (word, posting) pairs with a hash table of its own (words are hashed from the
 * characters as they are scanned: no substring per word, no Map of strings), keeping per doc
 * only a word's best field, then lays postings out by word (CSR) and sorts the vocabulary.
 */
export class WordIndexBuilder extends WordScanner implements WordSink {
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
      const keywords = item.keywords;
      if (keywords) this.text(keywords, IndexField.Keyword);
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

  /** The abstract of `doc` (the abstract stage's builder reads only these). */
  addAbstract(doc: number, item: SearchableReference): void {
    this.doc = doc;
    if (item.indexAbstract) {
      item.indexAbstract(this);
    } else if (item.abstract) {
      this.text(item.abstract, IndexField.Abstract);
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

  *finish(): Generator<void, WordTable, void> {
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
    return new WordTable(vocabulary, postingData, postingStart, postingEnd);
  }
}

export function growInt32(a: Int32Array, fillValue: number): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  if (fillValue !== 0) bigger.fill(fillValue, a.length);
  releaseMemory(a);
  return bigger;
}

