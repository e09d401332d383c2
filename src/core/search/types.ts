/** What the reference search reads, returns and how it scores. */
import type { LatexWords } from './latexWords';

export interface SearchableReference {
  readonly key: string;
  /** Family names, first author first. */
  readonly authors?: readonly string[];
  readonly title?: string;
  readonly year?: string;
  readonly doi?: string;
  readonly pmid?: string;
  /** Keywords or tags, in one string (any separators). */
  readonly keywords?: string;
  /** The abstract: the largest text by far, so indexed last, in a stage of its own. */
  readonly abstract?: string;
  /**
   * Optional fast path for the index: feeds the author family names (first author as
   * IndexField.FirstAuthor), title and keywords to `sink`, instead of `authors`, `title` and
   * `keywords` being read.
   */
  indexWords?(sink: WordSink): void;
  /** Optional fast path: feeds the abstract's words (IndexField.Abstract) to `sink`, instead of `abstract` being read. */
  indexAbstract?(sink: WordSink): void;
}

/** Which field a word came from (its score is FIELD_SCORES[field]). */
export const enum IndexField { KeyPart = 0, FirstAuthor = 1, Author = 2, Year = 3, Title = 4, Doi = 5, Pmid = 6, Keyword = 7, Abstract = 8 }

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
  /**
   * Typo-tolerant matches when exact and prefix matching find nothing (default true, small
   * libraries only). A caller merging several sources passes false, and asks for them only when
   * every source came back empty.
   */
  fuzzy?: boolean;
}

export const DEFAULT_LIMIT = 100;
export const KEY_PREFIX_SCORE = 1000;
export const KEY_EXACT_BONUS = 200;
export const EXACT_WORD_BONUS = 10;
/**
 * Score of a word match per field (index = IndexField): what a paper is about (keywords, then the
 * abstract) ranks below its key, authors, year and title, and above any typo-tolerant match (< 10).
 */
export const FIELD_SCORES = [40, 60, 50, 45, 20, 40, 40, 14, 10];
export const FIELD_BITS = 4;
/** Typo-tolerant (fuse.js) matches score 1..FUZZY_MAX_SCORE, below every exact or prefix match. */
export const FUZZY_MAX_SCORE = 5;
