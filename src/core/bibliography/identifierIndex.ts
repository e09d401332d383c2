import { normalizeDoi } from '../identifiers/doi';
import type { BibEntry } from './types';

/** Items by normalised DOI (case and resolver prefix ignored) and by PMID; the first item wins. */
export interface IdentifierIndex<T> {
  readonly byDoi: ReadonlyMap<string, T>;
  readonly byPmid: ReadonlyMap<string, T>;
}

export function indexIdentifiers<T>(items: Iterable<T>, entryOf: (item: T) => BibEntry): IdentifierIndex<T> {
  const byDoi = new Map<string, T>();
  const byPmid = new Map<string, T>();
  for (const item of items) {
    const entry = entryOf(item);
    const doi = entry.field('doi');
    const doiKey = doi && normalizeDoi(doi);
    if (doiKey && !byDoi.has(doiKey)) byDoi.set(doiKey, item);
    const pmid = entry.field('pmid')?.trim();
    if (pmid && !byPmid.has(pmid)) byPmid.set(pmid, item);
  }
  return { byDoi, byPmid };
}
