/** The default order of references and of hits. */
import { yearNumber } from './normalize';
import type { SearchableReference, SearchHit } from './types';
/** The default order and tie-break: newest year first, then key (code-unit order, locale-independent). */
export function compareReferences(a: SearchableReference, b: SearchableReference): number {
  return yearNumber(b.year) - yearNumber(a.year) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Hits by score, then the default order. */
export function compareHits<T extends SearchableReference>(a: SearchHit<T>, b: SearchHit<T>): number {
  return b.score - a.score || compareReferences(a.item, b.item);
}


/**
 * Hits from several sources (in precedence order), best first: by score, then the earlier source
 * (a manuscript's own bibliography before a shared library), then the default order.
 */
export function mergeHits<T extends SearchableReference, H extends SearchHit<T>>(perSource: readonly (readonly H[])[]): H[] {
  const ranked: Array<{ hit: H; source: number }> = [];
  perSource.forEach((hits, source) => { for (const hit of hits) ranked.push({ hit, source }); });
  ranked.sort((a, b) => b.hit.score - a.hit.score || a.source - b.source || compareReferences(a.hit.item, b.hit.item));
  return ranked.map(r => r.hit);
}

/**
 * Searches sources in precedence order and merges them (mergeHits): exact and prefix matches
 * from all of them, or, when none has any, typo-tolerant ones (`fuzzy` not false).
 */
export function searchSources<H>(sources: number, search: (source: number, fuzzyOnly: boolean) => H[], fuzzy = true): H[][] {
  const exact = Array.from({ length: sources }, (_, s) => search(s, false));
  if (!fuzzy || exact.some(hits => hits.length > 0)) return exact;
  return Array.from({ length: sources }, (_, s) => search(s, true));
}
