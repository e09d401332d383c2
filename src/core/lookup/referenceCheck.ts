/**
 * The reference check's judgements, given what the registries answered: an identifier that does
 * not resolve, metadata that disagrees (title, first author, year, journal — compared without case,
 * accents, punctuation or markup, journals also by abbreviation), a retraction, correction or
 * expression of concern, a preprint that has been published, and an identifier the registry
 * knows for an entry that has none. Pure: the adapter fetches, this decides.
 */
import { familyNames } from '../bibliography/names';
import type { BibEntry } from '../bibliography/types';
import { isDoi, normalizeDoi, stripDoiPrefix } from '../identifiers/doi';
import { normalizeForSearch } from '../search';
import type { CrossrefWork, PubmedSummary } from './registryResponses';

export type FindingKind =
  | 'unresolved' | 'retracted' | 'concern' | 'corrected' | 'preprint-published'
  | 'title-mismatch' | 'author-mismatch' | 'year-mismatch' | 'journal-mismatch' | 'doi-mismatch'
  | 'identifier-found' | 'duplicate-doi' | 'malformed-identifier';

export type FindingFix =
  /** Set (or add) a field to the registry's value. */
  | { readonly kind: 'set-field'; readonly field: string; readonly value: string }
  /** Replace the entry by the work with this DOI (a preprint's published version), keeping the key. */
  | { readonly kind: 'replace-with'; readonly doi: string };

export interface Finding {
  readonly key: string;
  readonly kind: FindingKind;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  readonly fix?: FindingFix;
}

/** Identifiers as an entry holds them, for what the registries are asked. */
export interface EntryFacts {
  readonly key: string;
  readonly title?: string;
  readonly firstAuthor?: string;
  readonly year?: number;
  readonly journal?: string;
  readonly doi?: string;
  readonly pmid?: string;
}

export function entryFacts(entry: BibEntry): EntryFacts {
  const authors = entry.field('author') ?? entry.field('editor');
  const year = /\d{4}/.exec(entry.field('year') ?? entry.field('date') ?? '')?.[0];
  return {
    key: entry.key, title: entry.field('title'), firstAuthor: authors ? familyNames(authors)[0] : undefined,
    year: year ? Number(year) : undefined, journal: entry.field('journal') ?? entry.field('journaltitle'),
    doi: entry.field('doi')?.trim() || undefined, pmid: entry.field('pmid')?.trim() || undefined,
  };
}

/** What can be said without the network: malformed identifiers, one DOI on several entries. */
export function offlineFindings(entries: readonly BibEntry[]): Finding[] {
  const findings: Finding[] = [];
  const byDoi = new Map<string, string[]>();
  for (const entry of entries) {
    const { doi, pmid } = entryFacts(entry);
    if (doi !== undefined) {
      const bare = stripDoiPrefix(doi);
      if (!isDoi(bare)) findings.push({ key: entry.key, kind: 'malformed-identifier', severity: 'warning', message: `"${doi.slice(0, 80)}" is not a DOI (a DOI is 10.<registrant>/<suffix>).` });
      else {
        const keys = byDoi.get(normalizeDoi(bare)) ?? [];
        keys.push(entry.key);
        byDoi.set(normalizeDoi(bare), keys);
      }
    }
    if (pmid !== undefined && !/^\d{1,9}$/.test(pmid)) findings.push({ key: entry.key, kind: 'malformed-identifier', severity: 'warning', message: `"${pmid.slice(0, 40)}" is not a PMID (PMIDs are digits only).` });
  }
  for (const [doi, keys] of byDoi) {
    if (keys.length < 2) continue;
    for (const key of keys) findings.push({ key, kind: 'duplicate-doi', severity: 'warning', message: `DOI ${doi} is also on ${keys.filter(k => k !== key).join(', ')}: the same work cited under two keys.` });
  }
  return findings;
}

/** Findings from Crossref's record of the entry's DOI (or doi.org's, for DOIs Crossref does not register). */
export function crossrefFindings(facts: EntryFacts, work: CrossrefWork): Finding[] {
  const findings: Finding[] = [];
  const key = facts.key;
  for (const u of work.updates) {
    const type = u.type.toLowerCase().replace(/_/g, '-');
    const notice = u.doi ? ` (notice: DOI ${u.doi}${u.year ? `, ${u.year}` : ''})` : u.year ? ` (${u.year})` : '';
    if (type === 'retraction' || type === 'withdrawal' || type === 'removal') {
      findings.push({ key, kind: 'retracted', severity: 'error', message: `${key} has been ${type === 'retraction' ? 'retracted' : type === 'withdrawal' ? 'withdrawn' : 'removed'}${notice}. Cite it only to discuss the retraction.` });
    } else if (type === 'expression-of-concern') {
      findings.push({ key, kind: 'concern', severity: 'warning', message: `An expression of concern was published about ${key}${notice}.` });
    } else if (['correction', 'erratum', 'corrigendum', 'addendum', 'clarification'].includes(type)) {
      findings.push({ key, kind: 'corrected', severity: 'information', message: `A ${type} to ${key} was published${notice}; consider citing it too.` });
    }
  }
  if (work.publishedAs.length > 0) {
    const published = work.publishedAs[0];
    findings.push({ key, kind: 'preprint-published', severity: 'warning', message: `${key} is a preprint that has been published (DOI ${published}): cite the published version.`, fix: { kind: 'replace-with', doi: published } });
  }
  findings.push(...metadataFindings(facts, { title: work.title, firstAuthor: work.firstAuthorFamily, year: work.year, journal: work.containerTitle }, 'Crossref'));
  return findings;
}

/** Findings from PubMed's summary of the entry's PMID. */
export function pubmedFindings(facts: EntryFacts, summary: PubmedSummary): Finding[] {
  const key = facts.key;
  const findings: Finding[] = [];
  const types = summary.publicationTypes.map(t => t.toLowerCase());
  if (types.includes('retracted publication')) findings.push({ key, kind: 'retracted', severity: 'error', message: `PubMed lists ${key} (PMID ${summary.pmid}) as a Retracted Publication. Cite it only to discuss the retraction.` });
  if (types.includes('retraction of publication')) findings.push({ key, kind: 'retracted', severity: 'warning', message: `PMID ${summary.pmid} is a retraction notice, not the paper itself.` });
  if (types.includes('expression of concern')) findings.push({ key, kind: 'concern', severity: 'warning', message: `PMID ${summary.pmid} is an expression of concern, not the paper itself.` });
  if (facts.doi && summary.doi && normalizeDoi(facts.doi) !== normalizeDoi(summary.doi)) {
    findings.push({ key, kind: 'doi-mismatch', severity: 'warning', message: `PubMed gives PMID ${summary.pmid} the DOI ${summary.doi}, not ${facts.doi}: one of the two identifiers is another paper's.` });
  }
  if (!facts.doi && summary.doi) findings.push({ key, kind: 'identifier-found', severity: 'information', message: `PubMed gives this PMID the DOI ${summary.doi}.`, fix: { kind: 'set-field', field: 'doi', value: summary.doi } });
  // Without a DOI checked at Crossref, PubMed is the reference for the metadata.
  if (!facts.doi) findings.push(...metadataFindings(facts, { title: summary.title, firstAuthor: summary.firstAuthorFamily, year: summary.year, journal: summary.journal }, 'PubMed'));
  return findings;
}

/** For an entry without DOI or PMID: a Crossref work with the same title, year and first author. */
export function identifierFromSearch(facts: EntryFacts, works: readonly CrossrefWork[]): Finding | undefined {
  if (!facts.title || !facts.year || !facts.firstAuthor) return undefined;
  const match = works.find(w => w.title && sameTitle(facts.title!, w.title) && w.year === facts.year && w.firstAuthorFamily && sameName(facts.firstAuthor!, w.firstAuthorFamily));
  return match && { key: facts.key, kind: 'identifier-found', severity: 'information', message: `Crossref has this work (same title, year and first author): DOI ${match.doi}.`, fix: { kind: 'set-field', field: 'doi', value: match.doi } };
}

export function unresolvedFinding(facts: EntryFacts, what: string): Finding {
  return { key: facts.key, kind: 'unresolved', severity: 'error', message: `${what} does not resolve: no registry knows it. Check it against the paper; a mistyped or invented identifier points readers nowhere.` };
}

interface RegistryFacts { readonly title?: string; readonly firstAuthor?: string; readonly year?: number; readonly journal?: string }

function metadataFindings(facts: EntryFacts, registry: RegistryFacts, source: string): Finding[] {
  const key = facts.key;
  const out: Finding[] = [];
  if (facts.title && registry.title && !sameTitle(facts.title, registry.title)) {
    out.push({ key, kind: 'title-mismatch', severity: 'warning', message: `${source}'s title for this identifier is "${stripMarkup(registry.title).slice(0, 200)}".`, fix: { kind: 'set-field', field: 'title', value: stripMarkup(registry.title) } });
  }
  if (facts.firstAuthor && registry.firstAuthor && !sameName(facts.firstAuthor, registry.firstAuthor)) {
    out.push({ key, kind: 'author-mismatch', severity: 'warning', message: `${source} gives the first author as ${registry.firstAuthor}, not ${facts.firstAuthor}.` });
  }
  if (facts.year && registry.year && Math.abs(facts.year - registry.year) > 1) {
    // Online-first and print years often differ by one: only a larger gap is reported.
    out.push({ key, kind: 'year-mismatch', severity: 'warning', message: `${source} gives the year ${registry.year}, not ${facts.year}.`, fix: { kind: 'set-field', field: 'year', value: String(registry.year) } });
  }
  if (facts.journal && registry.journal && !sameJournal(facts.journal, registry.journal)) {
    out.push({ key, kind: 'journal-mismatch', severity: 'information', message: `${source} gives the journal as "${stripMarkup(registry.journal).slice(0, 120)}", not "${facts.journal.slice(0, 120)}".` });
  }
  return out;
}

function words(s: string): string[] {
  return normalizeForSearch(stripMarkup(s)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function stripMarkup(s: string): string {
  return s.replace(/<[^<>]*>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** Same words in the same order (case, accents, punctuation and markup ignored). */
export function sameTitle(a: string, b: string): boolean {
  return words(a).join(' ') === words(b).join(' ');
}

function sameName(a: string, b: string): boolean {
  return words(a).join('') === words(b).join('');
}

const JOURNAL_STOP = new Set(['the', 'of', 'and', 'for', 'in', 'on', 'de', 'la', 'et', 'und', 'fur']);

/** The same journal, written out or abbreviated the NLM way (N Engl J Med = The New England Journal of Medicine). */
export function sameJournal(a: string, b: string): boolean {
  // Place qualifiers differ between sources: "Rheumatology (Oxford)", "Rheumatology (Oxford, England)".
  const x = words(a.replace(/\([^)]*\)/g, ' ')).filter(w => !JOURNAL_STOP.has(w));
  const y = words(b.replace(/\([^)]*\)/g, ' ')).filter(w => !JOURNAL_STOP.has(w));
  if (x.join(' ') === y.join(' ')) return true;
  if (x.length !== y.length || x.length === 0) return false;
  return x.every((w, i) => w.startsWith(y[i]) || y[i].startsWith(w) || abbreviates(w, y[i]) || abbreviates(y[i], w));
}

/** "engl" abbreviates "england": the abbreviation's letters appear in order, starting with the word's first. */
function abbreviates(short: string, long: string): boolean {
  if (short.length >= long.length || short[0] !== long[0]) return false;
  let j = 0;
  for (const c of long) if (c === short[j]) j++;
  return j === short.length;
}
