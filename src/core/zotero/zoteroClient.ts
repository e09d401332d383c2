/**
 * The author's Zotero, on this computer: its local API (Zotero 7+, read-only, user id 0) for search
 * and attachments, and Better BibTeX's JSON-RPC, when installed, for the author's own citation keys.
 * Every failure is one of a few an author can act on: Zotero not running, its local API not
 * allowed (and where to click), too old, or an answer of the wrong shape.
 */
import { getText, type AbortSignalLike, type Failure, type HttpEnvironment } from '../lookup/http';
import { parseCitationKeys, parseJsonRpc, parseLastChange, parseZoteroAttachments, parseZoteroItems, type ZoteroAttachment, type ZoteroChange, type ZoteroItem } from './zoteroResponses';

export const DEFAULT_ZOTERO_URL = 'http://127.0.0.1:23119';

export type ZoteroResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export interface ZoteroClientOptions {
  readonly env: HttpEnvironment;
  /** Where Zotero listens (the setting; tests point it at a local stand-in). */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

export const LOCAL_API_OFF = 'Zotero\'s local API is not allowed. In Zotero, open Settings → Advanced and tick "Allow other applications on this computer to communicate with Zotero", then try again.';

export class ZoteroClient {
  constructor(private readonly options: ZoteroClientOptions) {}

  /**
   * Regular items matching `query` by title, creator and year (Zotero's own quick search); a query
   * `#tag` lists the items with that tag. At most `limit`.
   */
  async search(query: string, limit: number, signal?: AbortSignalLike): Promise<ZoteroResult<ZoteroItem[]>> {
    const q = query.trim();
    const params = new URLSearchParamsLike();
    if (q.startsWith('#') && q.length > 1) params.add('tag', q.slice(1));
    else if (q) { params.add('q', q); params.add('qmode', 'titleCreatorYear'); }
    params.add('itemType', '-attachment');
    params.add('itemType', '-note');
    params.add('include', 'data,csljson');
    params.add('limit', String(limit));
    const answer = await this.get(`/api/users/0/items/top?${params}`, signal);
    if (!answer.ok) return answer;
    const items = parseZoteroItems(answer.value);
    return items ? { ok: true, value: items } : malformed('items');
  }

  /** The item's file attachments (for "Open PDF"). */
  async attachments(itemKey: string, signal?: AbortSignalLike): Promise<ZoteroResult<ZoteroAttachment[]>> {
    const answer = await this.get(`/api/users/0/items/${encodeURIComponent(itemKey)}/children`, signal);
    if (!answer.ok) return answer;
    const attachments = parseZoteroAttachments(answer.value);
    return attachments ? { ok: true, value: attachments } : malformed('attachments');
  }

  /**
   * The library's most recent change to a citable item (null when it has none). Top-level items
   * only, and no standalone notes or files: highlighting a PDF (its annotations) or editing a note
   * is not a change to what Better BibTeX exports. Trashed items are left out by the API itself.
   */
  async lastChange(signal?: AbortSignalLike): Promise<ZoteroResult<ZoteroChange | null>> {
    const params = new URLSearchParamsLike();
    params.add('itemType', '-attachment');
    params.add('itemType', '-note');
    params.add('sort', 'dateModified');
    params.add('direction', 'desc');
    params.add('limit', '1');
    params.add('format', 'json');
    const answer = await this.get(`/api/users/0/items/top?${params}`, signal);
    if (!answer.ok) return answer;
    const change = parseLastChange(answer.value);
    return change === undefined ? malformed('items') : { ok: true, value: change };
  }

  /** Better BibTeX's citation keys for items (empty when it is not installed). */
  async citationKeys(itemKeys: readonly string[], signal?: AbortSignalLike): Promise<ZoteroResult<Map<string, string>>> {
    if (itemKeys.length === 0) return { ok: true, value: new Map() };
    const answer = await this.rpc('item.citationkey', [itemKeys], signal);
    if (!answer.ok) return answer.failure.status === 404 ? { ok: true, value: new Map() } : answer;
    return { ok: true, value: parseCitationKeys(answer.value) };
  }

  /**
   * Gives the items that lack one Better BibTeX's key (one request). Without Better BibTeX, or when
   * it does not answer, they keep none: keys are then made by the configured pattern.
   */
  async fillCitationKeys(items: readonly ZoteroItem[], signal?: AbortSignalLike): Promise<void> {
    const keys = await this.citationKeys(items.filter(i => !i.citekey).map(i => i.key), signal);
    if (keys.ok) for (const item of items) item.citekey ??= keys.value.get(item.key);
  }

  private async rpc(method: string, params: unknown[], signal?: AbortSignalLike): Promise<ZoteroResult<unknown>> {
    const answer = await this.request('/better-bibtex/json-rpc', signal, JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }));
    if (!answer.ok) return answer;
    const reply = parseJsonRpc(answer.value);
    if (!reply) return malformed('a JSON-RPC reply');
    if ('error' in reply) return { ok: false, failure: { kind: 'unavailable', message: `Better BibTeX answered ${method} with an error: ${reply.error.message.slice(0, 200)}` } };
    return { ok: true, value: reply.result };
  }

  private get(path: string, signal?: AbortSignalLike): Promise<ZoteroResult<string>> {
    return this.request(path, signal);
  }

  private async request(path: string, signal?: AbortSignalLike, body?: string): Promise<ZoteroResult<string>> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
    const result = await getText(this.options.env, url, {
      body,
      headers: body === undefined ? { 'Zotero-API-Version': '3', Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      timeoutMs: this.options.timeoutMs ?? 10_000,
      // A library of tens of thousands of items answers a broad query with megabytes: the limit keeps it small.
      maxBytes: this.options.maxBytes ?? 20_000_000,
      signal,
      notFound: [404],
    });
    if (result.ok) return { ok: true, value: result.text };
    const f = result.failure;
    const where = this.options.baseUrl.replace(/^https?:\/\//, '');
    if (f.status === 403) return { ok: false, failure: { ...f, kind: 'unavailable', message: LOCAL_API_OFF } };
    if (f.kind === 'offline') return { ok: false, failure: { ...f, message: `Zotero is not running: nothing answers at ${where}. Start Zotero 7 (or newer) on this computer and try again.` } };
    if (f.kind === 'timeout') return { ok: false, failure: { ...f, message: `Zotero did not answer within ${Math.round((this.options.timeoutMs ?? 10_000) / 1000)} s (a very large library, or Zotero busy). Try a narrower search.` } };
    if (f.kind === 'not-found' && path.startsWith('/api/')) return { ok: false, failure: { ...f, message: 'This Zotero has no local API: it needs Zotero 7 or newer.' } };
    return { ok: false, failure: f };
  }
}

/** Query parameters (URLSearchParams is not in the core's ES library), repeated names allowed. */
class URLSearchParamsLike {
  private readonly parts: string[] = [];

  add(name: string, value: string): void {
    this.parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }

  toString(): string {
    return this.parts.join('&');
  }
}

function malformed<T>(what: string): ZoteroResult<T> {
  return { ok: false, failure: { kind: 'malformed', message: `Zotero's answer is not ${what} as its API documents.` } };
}
