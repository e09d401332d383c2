/** Sorted words and their postings: what a word-index build stage produces, and how a query word reads it. */
import { lowerBound } from './sortedIds';
import { EXACT_WORD_BONUS, FIELD_BITS, FIELD_SCORES, IndexField } from './types';

const FIELD_MASK = (1 << FIELD_BITS) - 1;

export class WordTable {
  static readonly EMPTY = new WordTable([], new Int32Array(0), new Int32Array(0), new Int32Array(0));

  /** Word i's postings (doc << FIELD_BITS | field) are postingData[postingStart[i] .. postingEnd[i]). */
  constructor(
    readonly vocabulary: readonly string[],
    private readonly postingData: Int32Array,
    private readonly postingStart: Int32Array,
    private readonly postingEnd: Int32Array,
  ) {}

  /**
   * Calls `hit(doc, score)` for each posting of the words `word` is a prefix of (`prefix`), or of
   * `word` itself only. An exact word scores EXACT_WORD_BONUS more (half that in long text fields,
   * where a word is a weaker sign of what the paper is about).
   */
  match(word: string, prefix: boolean, hit: (doc: number, score: number) => void): void {
    const vocabulary = this.vocabulary;
    const data = this.postingData;
    for (let w = lowerBound(vocabulary, word); w < vocabulary.length && vocabulary[w].startsWith(word); w++) {
      const exact = vocabulary[w].length === word.length;
      if (!exact && !prefix) break; // the exact word sorts first
      const bonus = exact ? EXACT_WORD_BONUS : 0;
      for (let i = this.postingStart[w], end = this.postingEnd[w]; i < end; i++) {
        const posting = data[i];
        const field = posting & FIELD_MASK;
        hit(posting >> FIELD_BITS, FIELD_SCORES[field] + (field >= IndexField.Title && field !== IndexField.Doi && field !== IndexField.Pmid ? bonus >> 1 : bonus));
      }
    }
  }
}
