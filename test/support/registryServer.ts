/**
 * A stand-in for the registries on 127.0.0.1, serving answers in each service's documented format
 * (DOI content negotiation CSL-JSON, Crossref REST `works` messages, NCBI's citation exporter,
 * E-utilities esummary JSON, the bioRxiv/medRxiv `pubs` API) and their failures: 404, 429 with
 * Retry-After, 500, no answer (timeout), a malformed body, an oversized body, a redirect loop.
 * The works are fictional (DOIs under 10.5555, Crossref's example prefix; PMIDs 99…): tests
 * must not put words in real papers' mouths. Every request is logged for assertions.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface LoggedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** A preflight shows as OPTIONS (cross-origin mode refuses it). */
  readonly method?: string;
}

/** Paths of the services under the server's origin; settings point the extension at `${origin}${path}`. */
export const SERVICE_PATHS = { doi: '/doi', crossref: '/crossref', ncbiCitation: '/ncbi', eutils: '/eutils', biorxiv: '/biorxiv' } as const;

const name = (family: string, given: string, extra: Record<string, string> = {}) => ({ family, given, ...extra });

/** CSL-JSON as doi.org content negotiation returns it (Crossref's flavour: extra keys the client must drop). */
export const CSL_BY_DOI: Record<string, Record<string, unknown>> = {
  '10.5555/vexas.test.1': {
    indexed: { 'date-parts': [[2025, 1, 1]] }, 'reference-count': 2, publisher: 'Example Press', issue: '2',
    license: [{ URL: 'https://example.org/licence' }], 'content-domain': { domain: [] },
    'short-container-title': ['J Examples'], DOI: '10.5555/vexas.test.1', type: 'article-journal',
    page: '101-109', source: 'Crossref', 'is-referenced-by-count': 0,
    title: 'Somatic <i>UBA1</i> variants &amp; 50% relapse in VEXAS: a test_cohort',
    prefix: '10.5555', volume: '12',
    author: [name('Dvořák', 'Zoë', { sequence: 'first' }), name('Berg', 'Jan', { 'non-dropping-particle': 'van der', sequence: 'additional' }), { literal: 'Example Study Group' }],
    member: '7822', reference: [{ key: 'ref1', 'doi-asserted-by': 'publisher', DOI: '10.5555/other' }],
    'container-title': 'Journal of Examples', link: [{ URL: 'https://example.org/fulltext.pdf' }],
    URL: 'https://doi.org/10.5555/vexas.test.1', ISSN: ['0000-0000'], issued: { 'date-parts': [[2024, 3, 5]] },
  },
  '10.1101/2099.01.01.000001': {
    DOI: '10.1101/2099.01.01.000001', type: 'posted-content', title: 'A preprint about VEXAS treatment',
    author: [name('Preprinter', 'Pat')], publisher: 'Cold Spring Harbor Laboratory', issued: { 'date-parts': [[2023, 6, 1]] },
    URL: 'http://dx.doi.org/10.1101/2099.01.01.000001',
  },
  '10.5555/vexas.published': {
    DOI: '10.5555/vexas.published', type: 'article-journal', title: 'A study about VEXAS treatment',
    author: [name('Preprinter', 'Pat')], 'container-title': 'Journal of Examples', volume: '13', page: '1-10',
    issued: { 'date-parts': [[2024, 2, 1]] },
  },
  '10.5555/vexas.retracted': {
    DOI: '10.5555/vexas.retracted', type: 'article-journal', title: 'A retracted example', author: [name('Withdrawn', 'Will')],
    'container-title': 'Journal of Examples', issued: { 'date-parts': [[2022, 1, 1]] },
  },
};

/** NCBI citation exporter CSL (`/lit/ctxp/v1/pubmed/?format=csl&id=…`, and `/pmc/`). */
const CSL_BY_PMID: Record<string, Record<string, unknown>> = {
  '99000001': {
    source: 'PubMed', accessed: { 'date-parts': [[2026, 11, 30]] }, id: 'pmid:99000001',
    title: 'Tocilizumab in an example cohort with VEXAS syndrome', author: [name('Exampleson', 'Erin'), name('Müller', 'Jörg')],
    'container-title-short': 'Example J Med', 'container-title': 'Example journal of medicine', page: '5-9', volume: '3', issue: '1',
    issued: { 'date-parts': [[2023, 1, 2]] }, PMID: '99000001', DOI: '10.5555/vexas.test.2', type: 'article-journal',
  },
};
const CSL_BY_PMCID: Record<string, Record<string, unknown>> = {
  PMC9900001: { ...CSL_BY_PMID['99000001'], id: 'pmc:PMC9900001', PMCID: 'PMC9900001' },
};

/** Crossref REST `works/{doi}` messages. */
const WORKS: Record<string, Record<string, unknown>> = {
  '10.5555/vexas.test.1': {
    DOI: '10.5555/vexas.test.1', type: 'journal-article', title: ['Somatic <i>UBA1</i> variants &amp; 50% relapse in VEXAS: a test_cohort'],
    author: [{ given: 'Zoë', family: 'Dvořák', sequence: 'first' }], 'container-title': ['Journal of Examples'],
    issued: { 'date-parts': [[2024, 3, 5]] }, relation: {},
  },
  '10.5555/vexas.retracted': {
    DOI: '10.5555/vexas.retracted', type: 'journal-article', title: ['A retracted example'], author: [{ given: 'Will', family: 'Withdrawn' }],
    'container-title': ['Journal of Examples'], issued: { 'date-parts': [[2022, 1, 1]] },
    'updated-by': [{ updated: { 'date-parts': [[2023, 5, 1]] }, DOI: '10.5555/vexas.retraction-notice', type: 'retraction', source: 'retraction-watch', label: 'Retraction' }],
  },
  '10.1101/2099.01.01.000001': {
    DOI: '10.1101/2099.01.01.000001', type: 'posted-content', subtype: 'preprint', title: ['A preprint about VEXAS treatment'],
    author: [{ given: 'Pat', family: 'Preprinter' }], issued: { 'date-parts': [[2023, 6, 1]] },
    relation: { 'is-preprint-of': [{ 'id-type': 'doi', id: '10.5555/vexas.published', 'asserted-by': 'subject' }] },
  },
  '10.5555/vexas.published': {
    DOI: '10.5555/vexas.published', type: 'journal-article', title: ['A study about VEXAS treatment'], author: [{ given: 'Pat', family: 'Preprinter' }],
    'container-title': ['Journal of Examples'], issued: { 'date-parts': [[2024, 2, 1]] },
  },
};

export interface RegistryServer {
  readonly origin: string;
  readonly requests: LoggedRequest[];
  /** Settings values pointing each service at this server. */
  readonly endpoints: { doi: string; crossref: string; ncbiCitation: string; eutils: string; biorxiv: string };
  close(): Promise<void>;
}

export interface RegistryServerOptions {
  /**
   * Answer web pages as Crossref and E-utilities do (`Access-Control-Allow-Origin: *` on plain GETs)
   * and refuse CORS preflights, as some registries do: a browser client that sends custom headers
   * fails here as it would there. `GET /__requests` then returns the request log, for the web suite.
   */
  readonly crossOrigin?: boolean;
}

export async function startRegistryServer(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const requests: LoggedRequest[] = [];
  const rateLimited = new Set<string>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    if (options.crossOrigin && path === '/__requests') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      return res.end(JSON.stringify(requests));
    }
    requests.push({ path: `${path}${url.search}`, headers: req.headers, method: req.method });
    if (options.crossOrigin) {
      if (req.method === 'OPTIONS') { res.writeHead(405); return res.end(); }
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    // Failures, by identifier, for every service.
    const id = path.replace(/^\/(doi|crossref\/works|biorxiv\/pubs\/\w+)\//, '');
    if (/10\.5555\/missing/.test(id)) return json(404, 'Resource not found.');
    if (/10\.5555\/busy/.test(id)) return json(500, { status: 'error' });
    if (/10\.5555\/malformed/.test(id)) { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<html><body>Not JSON</body></html>'); }
    if (/10\.5555\/huge/.test(id)) { res.writeHead(200, { 'Content-Type': 'application/json' }); return res.end(`{"title":"${'x'.repeat(3_000_000)}"}`); }
    if (/10\.5555\/loop/.test(id)) { res.writeHead(302, { Location: req.url ?? '/' }); return res.end(); }
    if (/10\.5555\/slow/.test(id)) { hanging.add(res); return undefined; }
    if (/10\.5555\/rate/.test(id) && !rateLimited.has(path)) {
      rateLimited.add(path);
      return json(429, { status: 'error', message: 'Too many requests' }, { 'Retry-After': '1' });
    }
    if (path.startsWith('/doi/')) {
      const doi = id.toLowerCase();
      const item = CSL_BY_DOI[doi] ?? (doi.startsWith('10.5555/rate') ? { ...CSL_BY_DOI['10.5555/vexas.test.1'], DOI: id } : undefined);
      if (!item) return json(404, 'DOI Not Found');
      return json(200, item, { 'Content-Type': 'application/vnd.citationstyles.csl+json' });
    }
    if (path.startsWith('/crossref/works/')) {
      const work = WORKS[id.toLowerCase()];
      return work ? json(200, { status: 'ok', 'message-type': 'work', 'message-version': '1.0.0', message: work }) : json(404, 'Resource not found.');
    }
    if (path === '/crossref/works') {
      const query = (url.searchParams.get('query.bibliographic') ?? '').toLowerCase();
      const items = Object.values(WORKS).filter(w => query.includes(String((w.title as string[])[0]).toLowerCase().slice(0, 20)));
      return json(200, { status: 'ok', 'message-type': 'work-list', message: { 'total-results': items.length, items } });
    }
    if (path === '/ncbi/pubmed/' || path === '/ncbi/pmc/') {
      const item = (path === '/ncbi/pubmed/' ? CSL_BY_PMID : CSL_BY_PMCID)[url.searchParams.get('id') ?? ''];
      return item ? json(200, item) : json(404, { status: 'error', message: 'id not found' });
    }
    if (path === '/eutils/esummary.fcgi') {
      const ids = (url.searchParams.get('id') ?? '').split(',');
      const result: Record<string, unknown> = { uids: ids };
      for (const uid of ids) {
        const item = CSL_BY_PMID[uid];
        result[uid] = item
          ? { uid, pubdate: '2023 Jan 2', source: 'Example J Med', fulljournalname: 'Example journal of medicine', title: item.title,
            authors: [{ name: 'Exampleson E', authtype: 'Author' }], pubtype: ['Journal Article'], articleids: [{ idtype: 'doi', value: item.DOI }] }
          : { uid, error: 'cannot get document summary' };
      }
      return json(200, { header: { type: 'esummary', version: '0.3' }, result });
    }
    if (path.startsWith('/biorxiv/pubs/')) {
      const published = id === '10.1101/2099.01.01.000001';
      return json(200, { messages: [{ status: published ? 'ok' : 'no posts found' }],
        collection: published ? [{ preprint_doi: id, published_doi: '10.5555/vexas.published', published_journal: 'Journal of Examples' }] : [] });
    }
    return json(404, 'Not found');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    endpoints: { doi: `${origin}/doi`, crossref: `${origin}/crossref`, ncbiCitation: `${origin}/ncbi`, eutils: `${origin}/eutils`, biorxiv: `${origin}/biorxiv` },
    close: () => new Promise<void>(resolve => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
