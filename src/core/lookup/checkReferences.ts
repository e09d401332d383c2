/**
 * Checks a manuscript's cited entries against the registries: Crossref for DOIs (doi.org for DOIs
 * Crossref does not register), PubMed for PMIDs (200 per request), the bioRxiv/medRxiv API for
 * preprints Crossref has no relation for, and a Crossref search for entries with neither. Stops at
 * the first sign the network is gone (offline, or still rate-limited after a wait), so a dead
 * connection costs one timeout, not one per reference.
 */
import type { BibEntry } from '../bibliography/types';
import { stripDoiPrefix } from '../identifiers/doi';
import type { AbortSignalLike, Failure } from './http';
import {
  crossrefFindings, entryFacts, identifierFromSearch, offlineFindings, pubmedFindings, unresolvedFinding,
  type EntryFacts, type Finding,
} from './referenceCheck';
import type { RegistryClient } from './registryClient';

export interface CheckReport {
  readonly findings: Finding[];
  /** Entries checked against a registry (offline checks cover all). */
  readonly checked: number;
  readonly total: number;
  /** Entries a registry could not answer for, and why. */
  readonly failures: Array<{ readonly key: string; readonly failure: Failure }>;
  /** Why the check stopped early, if it did. */
  readonly stopped?: Failure;
}

export interface CheckOptions {
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (done: number, total: number, key: string) => void;
}

const FATAL = new Set(['offline', 'cancelled', 'rate-limited', 'timeout']);

export async function checkReferences(client: RegistryClient, entries: readonly BibEntry[], options: CheckOptions = {}): Promise<CheckReport> {
  const findings: Finding[] = offlineFindings(entries);
  const failures: Array<{ key: string; failure: Failure }> = [];
  const malformed = new Set(findings.filter(f => f.kind === 'malformed-identifier').map(f => f.key));
  const all = entries.map(entryFacts);
  let done = 0;
  let stopped: Failure | undefined;
  const fail = (key: string, failure: Failure): boolean => {
    if (FATAL.has(failure.kind)) {
      stopped = failure;
      return true;
    }
    failures.push({ key, failure });
    return false;
  };
  const tick = (key: string) => options.onProgress?.(++done, all.length, key);

  for (const facts of all) {
    if (stopped) break;
    if (facts.doi && !malformed.has(facts.key)) {
      if (await checkDoi(client, facts, findings, fail, options.signal)) break;
      if (!facts.pmid) tick(facts.key);
    } else if (!facts.pmid) {
      if (facts.title && facts.year && facts.firstAuthor) {
        const found = await client.crossrefSearch(`${facts.title} ${facts.firstAuthor} ${facts.year}`, 3, options.signal);
        if (!found.ok) { if (fail(facts.key, found.failure)) break; } else {
          const finding = identifierFromSearch(facts, found.value);
          if (finding) findings.push(finding);
        }
      }
      tick(facts.key);
    }
  }
  // PMIDs in batches (E-utilities takes up to 200 ids per request).
  const withPmid = all.filter(f => f.pmid && !malformed.has(f.key));
  for (let i = 0; i < withPmid.length && !stopped; i += 200) {
    const batch = withPmid.slice(i, i + 200);
    const answer = await client.pubmedSummaries(batch.map(f => f.pmid!), options.signal);
    if (!answer.ok) {
      if (fail(batch[0].key, answer.failure)) break;
      continue;
    }
    for (const facts of batch) {
      const summary = answer.value.get(facts.pmid!);
      findings.push(...(summary ? pubmedFindings(facts, summary) : [unresolvedFinding(facts, `PMID ${facts.pmid}`)]));
      tick(facts.key);
    }
  }
  return { findings, checked: done, total: all.length, failures, stopped };
}

/** Crossref's record (or doi.org's) for the entry's DOI; true when the check must stop. */
async function checkDoi(client: RegistryClient, facts: EntryFacts, findings: Finding[], fail: (key: string, f: Failure) => boolean, signal?: AbortSignalLike): Promise<boolean> {
  const doi = stripDoiPrefix(facts.doi!);
  const work = await client.crossrefWork(doi, signal);
  if (work.ok) {
    findings.push(...crossrefFindings(facts, work.value));
    if (/^10\.1101\//.test(doi) && work.value.publishedAs.length === 0) return checkPreprintServer(client, facts, doi, findings, fail, signal);
    return false;
  }
  if (work.failure.kind !== 'not-found') return fail(facts.key, work.failure);
  // DataCite (arXiv, Zenodo) and other agencies' DOIs are not at Crossref: ask the resolver.
  const csl = await client.csl({ kind: 'doi', value: doi }, signal);
  if (csl.ok) {
    const author = Array.isArray(csl.value.author) ? csl.value.author[0] as { family?: string; literal?: string } | undefined : undefined;
    const year = (csl.value.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];
    findings.push(...crossrefFindings(facts, {
      doi, title: typeof csl.value.title === 'string' ? csl.value.title : undefined, firstAuthorFamily: author?.family ?? author?.literal,
      year: typeof year === 'number' ? year : undefined, containerTitle: typeof csl.value['container-title'] === 'string' ? csl.value['container-title'] as string : undefined,
      updates: [], publishedAs: [],
    }));
    return false;
  }
  if (csl.failure.kind === 'not-found') {
    findings.push(unresolvedFinding(facts, `DOI ${doi}`));
    return false;
  }
  return fail(facts.key, csl.failure);
}

async function checkPreprintServer(client: RegistryClient, facts: EntryFacts, doi: string, findings: Finding[], fail: (key: string, f: Failure) => boolean, signal?: AbortSignalLike): Promise<boolean> {
  for (const server of ['medrxiv', 'biorxiv'] as const) {
    const answer = await client.preprintPublication(doi, server, signal);
    if (!answer.ok) return answer.failure.kind === 'not-found' ? false : fail(facts.key, answer.failure);
    const published = answer.value.publishedDoi;
    if (published) {
      findings.push({ key: facts.key, kind: 'preprint-published', severity: 'warning',
        message: `${facts.key} is a ${server === 'medrxiv' ? 'medRxiv' : 'bioRxiv'} preprint published${answer.value.journal ? ` in ${answer.value.journal}` : ''} (DOI ${published}): cite the published version.`,
        fix: { kind: 'replace-with', doi: published } });
      return false;
    }
  }
  return false;
}
