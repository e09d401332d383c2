/**
 * A user's entry that lacks a DOI or PMID the VEXAS library has for the same work: same DOI, or
 * the same title (letters and digits, case and accents ignored) and year. Only what the library
 * verified is offered; nothing is guessed from a partial match.
 */
import { normalizeDoi } from '../identifiers/doi';
import type { BibEntry } from './types';

export interface MissingIdentifiers {
  readonly doi?: string;
  readonly pmid?: string;
  /** The library entry they come from, and why it is the same work. */
  readonly from: BibEntry;
  readonly match: 'doi' | 'title-year';
}

/** Title and year as compared: "Somatic Mutations in {UBA1}…" and "somatic mutations in UBA1…" are one. */
export function titleYearKey(entry: BibEntry): string | undefined {
  const title = entry.field('title');
  const year = /\d{4}/.exec(entry.field('year') ?? entry.field('date') ?? '')?.[0];
  if (!title || !year) return undefined;
  const letters = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  return letters.length >= 12 ? `${letters}|${year}` : undefined; // a very short title is no evidence
}

/** An index of the library for `missingIdentifiers`. */
export class IdentifierSource {
  private readonly byDoi = new Map<string, BibEntry>();
  private readonly byTitle = new Map<string, BibEntry>();

  constructor(library: readonly BibEntry[]) {
    for (const e of library) {
      const doi = e.field('doi');
      if (doi) this.byDoi.set(normalizeDoi(doi), e);
      const key = titleYearKey(e);
      if (key) this.byTitle.set(key, e);
    }
  }

  /** What the library can add to `entry`, or undefined. */
  missingIdentifiers(entry: BibEntry): MissingIdentifiers | undefined {
    const doi = entry.field('doi');
    const pmid = entry.field('pmid');
    if (doi && pmid) return undefined;
    let from = doi ? this.byDoi.get(normalizeDoi(doi)) : undefined;
    const match = from ? 'doi' : 'title-year';
    if (!from) {
      const key = titleYearKey(entry);
      from = key ? this.byTitle.get(key) : undefined;
    }
    if (!from) return undefined;
    // A DOI that disagrees with the library's is a different record: offer nothing.
    if (doi && from.field('doi') && normalizeDoi(doi) !== normalizeDoi(from.field('doi')!)) return undefined;
    const add: { doi?: string; pmid?: string } = {};
    if (!doi && from.field('doi')) add.doi = from.field('doi');
    if (!pmid && from.field('pmid')) add.pmid = from.field('pmid');
    return add.doi || add.pmid ? { ...add, from, match } : undefined;
  }
}
