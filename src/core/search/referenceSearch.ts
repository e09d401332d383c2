import Fuse from 'fuse.js';
import { ReferenceSearchIndex, type ChunkedBuildOptions } from './referenceSearchIndex';
import { DEFAULT_LIMIT, type SearchableReference, type SearchHit, type SearchOptions } from './types';

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
