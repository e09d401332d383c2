/**
 * What an author types or pastes to name a paper: a DOI (bare, `doi:`, or a doi.org link), a PMID
 * (bare digits, `PMID: …`, or a PubMed link), a PMCID (`PMC…`, or a PMC link), an arXiv id (new or
 * old style, `arXiv:` or an arxiv.org link). medRxiv and bioRxiv papers are DOIs (10.1101/…).
 * Bounded work: the input is cut at MAX_INPUT characters and read with anchored, linear patterns.
 */
import { isDoi, stripDoiPrefix } from './doi';

export type Identifier =
  | { readonly kind: 'doi'; readonly value: string; readonly preprintServer?: 'biorxiv-or-medrxiv' | 'arxiv' }
  | { readonly kind: 'pmid'; readonly value: string }
  | { readonly kind: 'pmcid'; readonly value: string }
  | { readonly kind: 'arxiv'; readonly value: string };

const MAX_INPUT = 2000;
const PMID = /^\d{1,9}$/;
const PMCID = /^PMC\d{1,9}$/i;
/** arXiv: 2101.00001 (optionally v2), or old style math.GT/0309136. */
const ARXIV_NEW = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const ARXIV_OLD = /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?$/;

/** The identifier `input` names, or undefined when it names none (free text, a title…). */
export function parseIdentifier(input: string): Identifier | undefined {
  let s = input.slice(0, MAX_INPUT).trim().replace(/[.,;]+$/, '');
  if (s === '') return undefined;
  const url = /^https?:\/\/([^/\s]+)(\/\S*)?$/i.exec(s);
  if (url) {
    const host = url[1].toLowerCase();
    const path = decodeSafely(url[2] ?? '');
    if (/(^|\.)doi\.org$/.test(host)) return doi(path.replace(/^\//, ''));
    if (host === 'pubmed.ncbi.nlm.nih.gov' || host === 'www.ncbi.nlm.nih.gov' || host === 'ncbi.nlm.nih.gov' || host === 'pmc.ncbi.nlm.nih.gov') {
      const pmc = /\/(PMC\d{1,9})(?:[/?#]|$)/i.exec(path);
      if (pmc) return { kind: 'pmcid', value: pmc[1].toUpperCase() };
      const pmid = /^\/(?:pubmed\/)?(\d{1,9})(?:[/?#]|$)/.exec(path);
      return pmid ? { kind: 'pmid', value: pmid[1] } : undefined;
    }
    if (host === 'arxiv.org' || host === 'www.arxiv.org') {
      const id = /^\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/.exec(path);
      return id ? arxiv(id[1]) : undefined;
    }
    if (host === 'www.medrxiv.org' || host === 'www.biorxiv.org' || host === 'medrxiv.org' || host === 'biorxiv.org') {
      const id = /^\/content\/(10\.1101\/[^\s?#]+?)(?:v\d+)?(?:\.full(?:\.pdf)?|\.abstract)?(?:[?#].*)?$/.exec(path);
      return id ? doi(id[1]) : undefined;
    }
    return undefined;
  }
  const pmid = /^pmid\s*:?\s*(\d{1,9})$/i.exec(s);
  if (pmid) return { kind: 'pmid', value: pmid[1] };
  const pmcid = /^pmcid\s*:?\s*(PMC\d{1,9})$/i.exec(s);
  if (pmcid) return { kind: 'pmcid', value: pmcid[1].toUpperCase() };
  const arxivPrefixed = /^arxiv\s*:\s*(\S+)$/i.exec(s);
  if (arxivPrefixed) return arxiv(arxivPrefixed[1]);
  if (PMCID.test(s)) return { kind: 'pmcid', value: s.toUpperCase() };
  if (PMID.test(s)) return { kind: 'pmid', value: String(Number(s)) };
  if (ARXIV_NEW.test(s)) return { kind: 'arxiv', value: s };
  s = stripDoiPrefix(s);
  return doi(s);
}

function doi(s: string): Identifier | undefined {
  const value = s.trim();
  if (!isDoi(value)) return undefined;
  if (/^10\.48550\/arxiv\./i.test(value)) return { kind: 'doi', value, preprintServer: 'arxiv' };
  return /^10\.1101\//.test(value) ? { kind: 'doi', value, preprintServer: 'biorxiv-or-medrxiv' } : { kind: 'doi', value };
}

function arxiv(s: string): Identifier | undefined {
  const value = s.trim();
  return ARXIV_NEW.test(value) || ARXIV_OLD.test(value) ? { kind: 'arxiv', value } : undefined;
}

/** arXiv's DataCite DOI for an id (versions share it): 2101.00001v2 → 10.48550/arXiv.2101.00001. */
export function arxivDoi(id: string): string {
  return `10.48550/arXiv.${id.replace(/v\d+$/, '')}`;
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
