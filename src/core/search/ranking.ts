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

