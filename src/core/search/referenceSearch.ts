import Fuse from 'fuse.js';
import { ReferenceSearchIndex, type ChunkedBuildOptions } from './referenceSearchIndex';
import { DEFAULT_LIMIT, FUZZY_MAX_SCORE, type SearchableReference, type SearchHit, type SearchOptions } from './types';

/** Libraries up to this size also get fuzzy (typo-tolerant) matches from fuse.js: fast enough there. */
export const FUZZY_SEARCH_MAX_ITEMS = 500;

/**
 * Search for any library size: the index always; for small libraries, fuse.js when the index
 * finds nothing (typos).
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

  /**
   * Exact and prefix matches from the index; when there are none (and `fuzzy` is not false),
   * typo-tolerant ones instead, so a typo never pushes a real match down the list.
   */
  search(query: string, options: SearchOptions = {}): SearchHit<T>[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (this.isSmall && !this.index.complete) this.index.buildNow(); // cheap at this size
    const hits = this.index.search(query, { limit });
    return hits.length > 0 || options.fuzzy === false ? hits : this.fuzzySearch(query, limit);
  }

  /** Typo-tolerant matches ("ubaa1", "vexsa"), scored 1..FUZZY_MAX_SCORE; none for large libraries or queries under 3 characters. */
  fuzzySearch(query: string, limit = DEFAULT_LIMIT): SearchHit<T>[] {
    if (!this.isSmall || query.trim().length < 3) return [];
    this.fuse ??= new Fuse([...this.index.items], {
      keys: [{ name: 'key', weight: 3 }, { name: 'authors', weight: 2 }, { name: 'title', weight: 1 }, { name: 'year', weight: 1 }, { name: 'keywords', weight: 1 }],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
    });
    // Fuse scores 0 (perfect) .. 1.
    return this.fuse.search(query, { limit }).map(r => ({ item: r.item, score: Math.max(1, Math.round(FUZZY_MAX_SCORE * (1 - (r.score ?? 1)))) }));
  }

  private get isSmall(): boolean {
    return this.index.size <= this.fuzzyMaxItems;
  }
}
