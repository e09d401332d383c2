/**
 * The registries' answers, parsed into typed results: CSL-JSON from DOI content negotiation and
 * NCBI's citation exporter, Crossref `works` messages (update and preprint relations), PubMed
 * summaries (publication types), and the bioRxiv/medRxiv "published version" answer. Each parser
 * takes untrusted text and returns undefined for anything not of the documented shape.
 */
import { isObject, parseJson, str } from '../jsonValues';
import { sanitizeCslItem } from '../bibliography/cslSanitize';
import type { CslItem } from '../bibliography/types';

/** CSL variables kept from a registry's item: what a reference needs, not reference lists, licences or links. */
const KEPT_VARIABLES = new Set(['type', 'title', 'container-title', 'container-title-short', 'author', 'editor', 'issued',
  'volume', 'issue', 'page', 'article-number', 'number', 'DOI', 'PMID', 'PMCID', 'URL', 'ISSN', 'ISBN', 'publisher',
  'publisher-place', 'edition', 'collection-title', 'event-title', 'genre', 'language', 'abstract']);

/** One CSL item from a content-negotiation or exporter answer (an object, or an array of one). */
export function parseCslAnswer(text: string): CslItem | undefined {
  const json = parseJson(text);
  const raw = Array.isArray(json) ? json[0] : json;
  if (!isObject(raw)) return undefined;
  const { item } = sanitizeCslItem(raw);
  const kept: CslItem = {};
  for (const variable of Object.keys(item)) if (KEPT_VARIABLES.has(variable)) kept[variable] = item[variable];
  // Crossref sometimes gives titles with markup (<i>UBA1</i>) and stray whitespace.
  for (const variable of ['title', 'container-title', 'container-title-short']) {
    const value = kept[variable];
    if (Array.isArray(value)) kept[variable] = typeof value[0] === 'string' ? value[0] : undefined;
    if (typeof kept[variable] === 'string') kept[variable] = (kept[variable] as string).replace(/\s+/g, ' ').trim();
    if (kept[variable] === '' || kept[variable] === undefined) delete kept[variable];
  }
  if (typeof kept.title !== 'string' && !Array.isArray(kept.author)) return undefined;
  return kept;
}

/** What a Crossref `works/{doi}` message says about a work, for the reference check. */
export interface CrossrefWork {
  readonly doi: string;
  readonly type?: string;
  readonly title?: string;
  readonly firstAuthorFamily?: string;
  readonly year?: number;
  readonly containerTitle?: string;
  /** Notices about this work: retraction, correction, expression of concern… (`updated-by`). */
  readonly updates: ReadonlyArray<{ readonly type: string; readonly doi?: string; readonly label?: string; readonly year?: number }>;
  /** For a preprint: the DOIs of its published versions (`relation["is-preprint-of"]`). */
  readonly publishedAs: readonly string[];
}

export function parseCrossrefWork(text: string): CrossrefWork | undefined {
  const json = parseJson(text);
  return isObject(json) && isObject(json.message) ? workOf(json.message) : undefined;
}

/** A `work` message (alone, or one item of a work list). */
function workOf(m: Record<string, unknown>): CrossrefWork | undefined {
  if (typeof m.DOI !== 'string') return undefined;
  const first = Array.isArray(m.author) ? m.author.find(isObject) : undefined;
  const updates: Array<{ type: string; doi?: string; label?: string; year?: number }> = [];
  for (const u of Array.isArray(m['updated-by']) ? m['updated-by'] : []) {
    if (!isObject(u) || typeof u.type !== 'string') continue;
    updates.push({ type: u.type, doi: str(u.DOI), label: str(u.label), year: dateYear(u.updated) });
  }
  const relation = isObject(m.relation) ? m.relation : {};
  const publishedAs: string[] = [];
  for (const r of Array.isArray(relation['is-preprint-of']) ? relation['is-preprint-of'] : []) {
    if (isObject(r) && r['id-type'] === 'doi' && typeof r.id === 'string') publishedAs.push(r.id);
  }
  return {
    doi: m.DOI, type: str(m.type), title: firstString(m.title), firstAuthorFamily: first ? str(first.family) ?? str(first.name) : undefined,
    year: dateYear(m.issued) ?? dateYear(m['published-print']) ?? dateYear(m['published-online']),
    containerTitle: firstString(m['container-title']), updates, publishedAs,
  };
}

/** Works found by a Crossref bibliographic query (`works?query.bibliographic=…`). */
export function parseCrossrefSearch(text: string): CrossrefWork[] | undefined {
  const json = parseJson(text);
  if (!isObject(json) || !isObject(json.message) || !Array.isArray(json.message.items)) return undefined;
  return json.message.items.flatMap(item => {
    const work = isObject(item) ? workOf(item) : undefined;
    return work ? [work] : [];
  });
}

/** What PubMed's esummary says about a PMID. */
export interface PubmedSummary {
  readonly pmid: string;
  readonly title?: string;
  readonly firstAuthorFamily?: string;
  readonly year?: number;
  readonly journal?: string;
  readonly publicationTypes: readonly string[];
  readonly doi?: string;
}

/** esummary.fcgi?db=pubmed&retmode=json: a summary per PMID, or an error per unknown one (absent from the map). */
export function parsePubmedSummaries(text: string): Map<string, PubmedSummary> | undefined {
  const json = parseJson(text);
  if (!isObject(json) || !isObject(json.result)) return undefined;
  const result = json.result;
  const uids = Array.isArray(result.uids) ? result.uids.filter((u): u is string => typeof u === 'string') : [];
  const out = new Map<string, PubmedSummary>();
  for (const uid of uids) {
    const s = result[uid];
    if (!isObject(s) || typeof s.error === 'string') continue;
    const authors = Array.isArray(s.authors) ? s.authors.filter(isObject) : [];
    const firstName = authors.length ? str(authors[0].name) : undefined;
    const ids = Array.isArray(s.articleids) ? s.articleids.filter(isObject) : [];
    out.set(uid, {
      pmid: uid, title: str(s.title), journal: str(s.fulljournalname) ?? str(s.source),
      // PubMed names authors "Beck DB": the family name is all but the initials.
      firstAuthorFamily: firstName?.replace(/\s+[A-Z]{1,4}$/, ''),
      year: yearOf(str(s.pubdate)), publicationTypes: Array.isArray(s.pubtype) ? s.pubtype.filter((p): p is string => typeof p === 'string') : [],
      doi: str(ids.find(i => i.idtype === 'doi')?.value),
    });
  }
  return out;
}

/** bioRxiv/medRxiv `pubs/{server}/{doi}`: the published version's DOI, if the preprint has one. */
export function parsePreprintPublication(text: string): { publishedDoi?: string; journal?: string } | undefined {
  const json = parseJson(text);
  if (!isObject(json) || !Array.isArray(json.collection)) return undefined;
  const first = json.collection.find(isObject);
  const doi = first && str(first.published_doi);
  return doi && doi !== 'NA' ? { publishedDoi: doi, journal: str(first.published_journal) } : {};
}


function firstString(v: unknown): string | undefined {
  return Array.isArray(v) ? str(v.find(x => typeof x === 'string')) : str(v);
}

function dateYear(v: unknown): number | undefined {
  if (!isObject(v) || !Array.isArray(v['date-parts'])) return undefined;
  const first = v['date-parts'][0];
  return Array.isArray(first) && typeof first[0] === 'number' ? first[0] : undefined;
}

function yearOf(s: string | undefined): number | undefined {
  const m = s ? /\b(1[89]\d\d|20\d\d)\b/.exec(s) : null;
  return m ? Number(m[1]) : undefined;
}
