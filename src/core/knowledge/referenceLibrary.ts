import type { BibEntry } from '../bibliography/types';

/** Normalises a DOI for lookup: lower case, without a resolver prefix. */
export function normaliseDoi(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '').toLowerCase();
}

/** Reference entries looked up by key, DOI or PMID in constant time. */
export class ReferenceLibrary {
  private readonly byKey = new Map<string, BibEntry>();
  private readonly byDoi = new Map<string, BibEntry>();
  private readonly byPmid = new Map<string, BibEntry>();

  constructor(readonly entries: readonly BibEntry[]) {
    for (const e of entries) {
      if (!this.byKey.has(e.key)) this.byKey.set(e.key, e);
      const doi = e.fields.doi;
      if (doi) this.byDoi.set(normaliseDoi(doi), e);
      const pmid = e.fields.pmid;
      if (pmid) this.byPmid.set(pmid.trim(), e);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  byCitationKey(key: string): BibEntry | undefined {
    return this.byKey.get(key);
  }

  byDOI(doi: string): BibEntry | undefined {
    return this.byDoi.get(normaliseDoi(doi));
  }

  byPMID(pmid: string): BibEntry | undefined {
    return this.byPmid.get(pmid.trim().replace(/^pmid:\s*/i, ''));
  }
}
