/**
 * A stand-in for Zotero on 127.0.0.1: the local API's item search (`/api/users/0/items/top` with
 * q/qmode/tag/itemType/include/limit, `csljson` included as an export string as Zotero 7 does),
 * children, the latest change (`sort=dateModified&direction=desc&limit=1`, `data.dateModified` in
 * ISO 8601 UTC; 400 for a sort Zotero does not know, as its local API answers), and the 403 it
 * answers when "Allow other applications…" is off; Better BibTeX's JSON-RPC (`api.ready`,
 * `item.citationkey`, errors for unknown methods) or its absence (404). Also a Zotero that accepts
 * the connection and never answers. The items are fictional. Every request is logged.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface ZoteroServerOptions {
  /** "Allow other applications on this computer to communicate with Zotero" (else 403). */
  localApi: boolean;
  betterBibtex: boolean;
  /** Answer every request with HTML. */
  malformed?: boolean;
  /** Accept requests and never answer them (a Zotero that hangs). */
  hang?: boolean;
  /** The library's latest change (ISO 8601): the first item's `dateModified`. */
  lastModified?: string;
}

const ITEMS = [
  {
    key: 'ZK7QF2XA', version: 12, meta: { creatorSummary: 'Ødegård and Nakamura', parsedDate: '2024-05-02' },
    data: { key: 'ZK7QF2XA', itemType: 'journalArticle', title: 'Ruxolitinib in a fictional VEXAS series', creators: [{ creatorType: 'author', firstName: 'Ingrid', lastName: 'Ødegård' }, { creatorType: 'author', firstName: 'Ken', lastName: 'Nakamura' }],
      date: '2024-05-02', publicationTitle: 'Journal of Examples', DOI: '10.5555/zotero.example.1', tags: [{ tag: 'vexas' }, { tag: 'jak' }],
      dateAdded: '2024-05-02T09:00:00Z', dateModified: '2024-05-03T10:00:00Z' },
    csl: { id: 'http://zotero.org/users/local/abc/items/ZK7QF2XA', type: 'article-journal', title: 'Ruxolitinib in a fictional VEXAS series', 'container-title': 'Journal of Examples',
      author: [{ family: 'Ødegård', given: 'Ingrid' }, { family: 'Nakamura', given: 'Ken' }], issued: { 'date-parts': [['2024', 5, 2]] }, DOI: '10.5555/zotero.example.1', volume: '7', page: '11-19' },
    citekey: 'odegard2024Ruxolitinib', attachments: [{ key: 'PDFATT01', contentType: 'application/pdf', title: 'Full Text PDF' }],
  },
  {
    key: 'ZK8RT3YB', version: 13, meta: { creatorSummary: 'Example Study Group', parsedDate: '2023' },
    data: { key: 'ZK8RT3YB', itemType: 'journalArticle', title: 'Tocilizumab and other IL-6 blockade: a registry', creators: [{ creatorType: 'author', name: 'Example Study Group' }],
      date: '2023', publicationTitle: 'Example J Med', tags: [{ tag: 'vexas' }, { tag: 'il6' }],
      dateAdded: '2023-01-10T08:00:00Z', dateModified: '2023-01-10T08:00:00Z' },
    csl: { id: 'http://zotero.org/users/local/abc/items/ZK8RT3YB', type: 'article-journal', title: 'Tocilizumab and other IL-6 blockade: a registry', 'container-title': 'Example J Med',
      author: [{ literal: 'Example Study Group' }], issued: { 'date-parts': [['2023']] } },
    citekey: null, attachments: [],
  },
];

export interface ZoteroServer {
  readonly url: string;
  readonly requests: Array<{ method: string; path: string; body: string }>;
  options: ZoteroServerOptions;
  close(): Promise<void>;
}

export async function startZoteroServer(options: ZoteroServerOptions): Promise<ZoteroServer> {
  const requests: Array<{ method: string; path: string; body: string }> = [];
  const state = { options };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => { body += chunk; });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, body });
      const send = (status: number, type: string, text: string) => { res.writeHead(status, { 'Content-Type': type }); res.end(text); };
      const o = state.options;
      const modified = (i: typeof ITEMS[number]) => (i === ITEMS[0] && o.lastModified) || i.data.dateModified;
      if (o.hang) return; // the connection stays open until the client gives up or the server closes
      if (o.malformed) return send(200, 'text/html', '<html>Zotero Connector</html>');
      if (url.pathname === '/better-bibtex/json-rpc') {
        if (!o.betterBibtex) return send(404, 'text/plain', 'No endpoint found');
        const request = JSON.parse(body) as { method: string; params: unknown[]; id: number };
        if (request.method === 'api.ready') return send(200, 'application/json', JSON.stringify({ jsonrpc: '2.0', result: { betterbibtex: '7.0.0', zotero: '7.0.0' }, id: request.id }));
        if (request.method === 'item.citationkey') {
          const keys = request.params[0] as string[];
          const result = Object.fromEntries(keys.map(k => [k, ITEMS.find(i => i.key === k)?.citekey ?? null]));
          return send(200, 'application/json', JSON.stringify({ jsonrpc: '2.0', result, id: request.id }));
        }
        return send(200, 'application/json', JSON.stringify({ jsonrpc: '2.0', error: { code: -32601, message: `Method not found: ${request.method}` }, id: null }));
      }
      if (!url.pathname.startsWith('/api/')) return send(404, 'text/plain', 'No endpoint found');
      if (!o.localApi) return send(403, 'text/plain', 'Local API is not enabled');
      const children = /^\/api\/users\/0\/items\/([A-Z0-9]+)\/children$/.exec(url.pathname);
      if (children) {
        const item = ITEMS.find(i => i.key === children[1]);
        if (!item) return send(404, 'text/plain', 'Not found');
        return send(200, 'application/json', JSON.stringify(item.attachments.map(a => ({ key: a.key, version: 1, data: { key: a.key, itemType: 'attachment', parentItem: item.key, contentType: a.contentType, title: a.title } }))));
      }
      if (url.pathname === '/api/users/0/items/top') {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        const tag = url.searchParams.get('tag');
        const limit = Number(url.searchParams.get('limit') ?? '1000');
        const found = ITEMS.filter(i => (!tag || i.data.tags.some(t => t.tag === tag)) &&
          (!q || q.split(/\s+/).every(w => `${i.data.title} ${i.data.creators.map(c => ('lastName' in c ? c.lastName : c.name)).join(' ')} ${i.data.date}`.toLowerCase().includes(w))));
        const include = (url.searchParams.get('include') ?? 'data').split(',');
        const sort = url.searchParams.get('sort') ?? 'dateModified';
        if (!['dateAdded', 'dateModified', 'title'].includes(sort)) return send(400, 'text/plain', `Invalid 'sort' value '${sort}'`);
        const asked = url.searchParams.get('direction');
        if (asked !== null && asked !== 'asc' && asked !== 'desc') return send(400, 'text/plain', `Invalid 'direction' value '${asked}'`);
        const direction = asked === 'asc' ? 1 : asked === 'desc' || sort.startsWith('date') ? -1 : 1;
        const field = (i: typeof found[number]) => sort === 'dateModified' ? modified(i) : String(i.data[sort as 'title']);
        found.sort((a, b) => (field(a) < field(b) ? -direction : field(a) > field(b) ? direction : 0));
        return send(200, 'application/json', JSON.stringify(found.slice(0, limit).map(i => ({
          key: i.key, version: i.version, library: { type: 'user', id: 0, name: 'My Library' }, meta: i.meta,
          ...(include.includes('data') ? { data: { ...i.data, dateModified: modified(i) } } : {}),
          // Zotero 7's local API includes export formats as the exporter's text.
          ...(include.includes('csljson') ? { csljson: JSON.stringify([i.csl], null, '\t') } : {}),
        }))));
      }
      return send(404, 'text/plain', 'Not found');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get options() { return state.options; },
    set options(value: ZoteroServerOptions) { state.options = value; },
    close: () => new Promise<void>(resolve => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
