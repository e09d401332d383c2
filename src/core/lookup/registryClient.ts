/**
 * The registries we ask, each behind its own rate limiter, with answers cached: DOI content
 * negotiation (Crossref, DataCite, mEDRA), NCBI's citation exporter (PubMed, PMC), Crossref REST,
 * PubMed E-utilities, and the bioRxiv/medRxiv API. Base URLs come from the caller (settings), so
 * tests point them at a local server. Every method resolves, never rejects.
 */
import type { CslItem } from '../bibliography/types';
import { arxivDoi, type Identifier } from '../identifiers/parseIdentifier';
import { getText, type AbortSignalLike, type Failure, type HttpEnvironment, type HttpResult } from './http';
import { RateLimiter } from './rateLimiter';
import {
  parseCrossrefSearch, parseCrossrefWork, parseCslAnswer, parsePreprintPublication, parsePubmedSummaries,
  type CrossrefWork, type PubmedSummary,
} from './registryResponses';

export interface RegistryEndpoints {
  /** DOI resolver for content negotiation, e.g. https://doi.org */
  readonly doi: string;
  /** Crossref REST, e.g. https://api.crossref.org */
  readonly crossref: string;
  /** NCBI literature citation exporter, e.g. https://api.ncbi.nlm.nih.gov/lit/ctxp/v1 */
  readonly ncbiCitation: string;
  /** E-utilities, e.g. https://eutils.ncbi.nlm.nih.gov/entrez/eutils */
  readonly eutils: string;
  /** bioRxiv/medRxiv API, e.g. https://api.biorxiv.org */
  readonly biorxiv: string;
}

export const DEFAULT_ENDPOINTS: RegistryEndpoints = {
  doi: 'https://doi.org',
  crossref: 'https://api.crossref.org',
  ncbiCitation: 'https://api.ncbi.nlm.nih.gov/lit/ctxp/v1',
  eutils: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils',
  biorxiv: 'https://api.biorxiv.org',
};

/** Answers kept between sessions (the adapter stores them on disk with an expiry). */
export interface ResponseCache {
  get(url: string): Promise<string | undefined>;
  set(url: string, text: string): Promise<void>;
}

export interface RegistryClientOptions {
  readonly env: HttpEnvironment;
  readonly endpoints: RegistryEndpoints;
  /**
   * Product name and version, sent as User-Agent. Left out in a browser, which sends its own and
   * where a custom one would make some services refuse the request (a CORS preflight they do not answer).
   */
  readonly userAgent?: string;
  /** Contact for Crossref's polite pool and NCBI's `email` parameter. */
  readonly email?: string;
  readonly ncbiApiKey?: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly cache?: ResponseCache;
  /** A 429 whose Retry-After is at most this long is waited out and asked once more. */
  readonly maxRetryWaitSeconds?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

const TOOL = 'vexas-manuscript';

export class RegistryClient {
  // Published limits (see docs/services.md): Crossref 5/s single records without mailto (10/s with),
  // NCBI 3/s without a key (10/s with), one request at a time everywhere but Crossref's polite pool.
  private readonly doiLimiter: RateLimiter;
  private readonly crossrefLimiter: RateLimiter;
  private readonly ncbiLimiter: RateLimiter;
  private readonly biorxivLimiter: RateLimiter;

  constructor(private readonly options: RegistryClientOptions) {
    const timer = options.env.setTimeout;
    this.doiLimiter = new RateLimiter(200, 1, timer);
    this.crossrefLimiter = new RateLimiter(options.email ? 100 : 200, options.email ? 3 : 1, timer);
    this.ncbiLimiter = new RateLimiter(options.ncbiApiKey ? 100 : 334, 1, timer);
    this.biorxivLimiter = new RateLimiter(200, 1, timer);
  }

  /** The identifier's metadata as a CSL item. */
  async csl(id: Identifier, signal?: AbortSignalLike): Promise<Result<CslItem>> {
    const e = this.options.endpoints;
    let url: string;
    let limiter = this.doiLimiter;
    if (id.kind === 'doi' || id.kind === 'arxiv') {
      url = `${trimSlash(e.doi)}/${encodeDoi(id.kind === 'arxiv' ? arxivDoi(id.value) : id.value)}`;
    } else {
      url = `${trimSlash(e.ncbiCitation)}/${id.kind === 'pmid' ? 'pubmed' : 'pmc'}/?format=csl&id=${encodeURIComponent(id.value)}${this.ncbiParameters()}`;
      limiter = this.ncbiLimiter;
    }
    const answer = await this.get(url, limiter, { Accept: 'application/vnd.citationstyles.csl+json, application/json;q=0.5' }, signal);
    if (!answer.ok) return answer;
    const item = parseCslAnswer(answer.value);
    return item ? { ok: true, value: item } : malformed(url, 'a CSL-JSON item');
  }

  /** Crossref's record of a DOI: update notices (retractions…) and preprint relations. */
  async crossrefWork(doi: string, signal?: AbortSignalLike): Promise<Result<CrossrefWork>> {
    const url = `${trimSlash(this.options.endpoints.crossref)}/works/${encodeDoi(doi)}${this.mailto('?')}`;
    const answer = await this.get(url, this.crossrefLimiter, { Accept: 'application/json' }, signal);
    if (!answer.ok) return answer;
    const work = parseCrossrefWork(answer.value);
    return work ? { ok: true, value: work } : malformed(url, 'a Crossref work');
  }

  /** Crossref's best matches for a reference's text (title, first author, year). */
  async crossrefSearch(bibliographic: string, rows: number, signal?: AbortSignalLike): Promise<Result<CrossrefWork[]>> {
    const url = `${trimSlash(this.options.endpoints.crossref)}/works?query.bibliographic=${encodeURIComponent(bibliographic.slice(0, 500))}&rows=${rows}${this.mailto('&')}`;
    // Lists: 1 request/s (3/s polite) per Crossref's limits.
    const answer = await this.get(url, this.crossrefLimiter, { Accept: 'application/json' }, signal, 1000);
    if (!answer.ok) return answer;
    const works = parseCrossrefSearch(answer.value);
    return works ? { ok: true, value: works } : malformed(url, 'a Crossref result list');
  }

  /** PubMed's summaries (publication types, title, year) for up to 200 PMIDs; unknown PMIDs are absent. */
  async pubmedSummaries(pmids: readonly string[], signal?: AbortSignalLike): Promise<Result<Map<string, PubmedSummary>>> {
    const url = `${trimSlash(this.options.endpoints.eutils)}/esummary.fcgi?db=pubmed&retmode=json&id=${pmids.slice(0, 200).map(encodeURIComponent).join(',')}${this.ncbiParameters()}`;
    const answer = await this.get(url, this.ncbiLimiter, { Accept: 'application/json' }, signal);
    if (!answer.ok) return answer;
    const summaries = parsePubmedSummaries(answer.value);
    return summaries ? { ok: true, value: summaries } : malformed(url, 'an E-utilities summary');
  }

  /** For a bioRxiv/medRxiv preprint DOI: the DOI of its published version, if there is one. */
  async preprintPublication(doi: string, server: 'biorxiv' | 'medrxiv', signal?: AbortSignalLike): Promise<Result<{ publishedDoi?: string; journal?: string }>> {
    const url = `${trimSlash(this.options.endpoints.biorxiv)}/pubs/${server}/${encodeDoi(doi)}`;
    const answer = await this.get(url, this.biorxivLimiter, { Accept: 'application/json' }, signal);
    if (!answer.ok) return answer;
    const published = parsePreprintPublication(answer.value);
    return published ? { ok: true, value: published } : malformed(url, 'a bioRxiv/medRxiv answer');
  }

  private async get(url: string, limiter: RateLimiter, headers: Record<string, string>, signal?: AbortSignalLike, minIntervalMs?: number): Promise<Result<string>> {
    const cached = await this.options.cache?.get(url).catch(() => undefined);
    if (cached !== undefined) return { ok: true, value: cached };
    const request = () => limiter.run(async () => {
      const result = await getText(this.options.env, url, {
        headers: this.options.userAgent ? { ...headers, 'User-Agent': this.userAgent(this.options.userAgent) } : headers,
        timeoutMs: this.options.timeoutMs ?? 15000,
        maxBytes: this.options.maxBytes ?? 2_000_000,
        signal,
      });
      if (minIntervalMs) limiter.pause(minIntervalMs / 1000);
      return result;
    });
    let result: HttpResult = await request();
    if (!result.ok && result.failure.kind === 'rate-limited') {
      const wait = result.failure.retryAfterSeconds ?? 1;
      limiter.pause(wait);
      if (wait <= (this.options.maxRetryWaitSeconds ?? 5)) result = await request();
    }
    if (!result.ok) return result;
    await this.options.cache?.set(url, result.text).catch(() => undefined);
    return { ok: true, value: result.text };
  }

  private userAgent(product: string): string {
    return this.options.email ? `${product} (mailto:${this.options.email})` : product;
  }

  private mailto(separator: '?' | '&'): string {
    return this.options.email ? `${separator}mailto=${encodeURIComponent(this.options.email)}` : '';
  }

  private ncbiParameters(): string {
    const o = this.options;
    return `&tool=${TOOL}${o.email ? `&email=${encodeURIComponent(o.email)}` : ''}${o.ncbiApiKey ? `&api_key=${encodeURIComponent(o.ncbiApiKey)}` : ''}`;
  }
}

/** A DOI in a URL path: each character that is not safe there escaped, `/` kept. */
export function encodeDoi(doi: string): string {
  return encodeURIComponent(doi).replace(/%2F/gi, '/');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function malformed<T>(url: string, what: string): Result<T> {
  return { ok: false, failure: { kind: 'malformed', message: `The answer from ${url.replace(/[?&]api_key=[^&]*/, '')} is not ${what}.` } };
}
