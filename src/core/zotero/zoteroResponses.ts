/**
 * Zotero's answers, parsed: items from the local API (`/api/users/0/items…?include=data,csljson`,
 * the web API v3's JSON, where the local API gives `csljson` as an export string and the web API
 * as an object), their attachments, the library's latest change, and Better BibTeX's JSON-RPC
 * replies. Untrusted text in, undefined for anything not of the documented shape.
 */
import { isObject, parseJson, str } from '../jsonValues';
import { sanitizeCslItem } from '../bibliography/cslSanitize';
import type { CslItem } from '../bibliography/types';

export interface ZoteroItem {
  /** Zotero's item key (8 characters), for zotero://select and the API. */
  readonly key: string;
  readonly itemType: string;
  readonly title: string;
  /** Family names (or single-field names), in order. */
  readonly creators: readonly string[];
  readonly year?: string;
  readonly doi?: string;
  readonly publication?: string;
  readonly tags: readonly string[];
  /** Zotero's own CSL-JSON for the item (what is written into the bibliography). */
  readonly csl?: CslItem;
  /** Better BibTeX's citation key, when it is installed. */
  citekey?: string;
}

export interface ZoteroAttachment {
  readonly key: string;
  readonly contentType?: string;
  readonly title?: string;
}

/** `GET /api/users/0/items…`: the regular items (attachments and notes are not citable). */
export function parseZoteroItems(text: string): ZoteroItem[] | undefined {
  const json = parseJson(text);
  if (!Array.isArray(json)) return undefined;
  const items: ZoteroItem[] = [];
  for (const raw of json) {
    if (!isObject(raw) || !isObject(raw.data)) continue;
    const data = raw.data;
    const key = str(raw.key) ?? str(data.key);
    const itemType = str(data.itemType) ?? '';
    if (!key || itemType === 'attachment' || itemType === 'note' || itemType === 'annotation') continue;
    const creators = (Array.isArray(data.creators) ? data.creators : []).filter(isObject)
      .map(c => str(c.lastName) ?? str(c.name) ?? '').filter(Boolean);
    const date = str(data.date);
    const meta = isObject(raw.meta) ? raw.meta : {};
    items.push({
      key, itemType, title: str(data.title) ?? '(untitled)', creators,
      year: /\b(1[5-9]\d\d|2\d\d\d)\b/.exec(str(meta.parsedDate) ?? date ?? '')?.[1],
      doi: str(data.DOI), publication: str(data.publicationTitle) ?? str(data.bookTitle) ?? str(data.proceedingsTitle),
      tags: (Array.isArray(data.tags) ? data.tags : []).filter(isObject).map(t => str(t.tag)).filter((t): t is string => !!t),
      csl: cslOf(raw.csljson),
      citekey: str(data.citationKey),
    });
  }
  return items;
}

/** `GET /api/users/0/items/{key}/children`: the file attachments. */
export function parseZoteroAttachments(text: string): ZoteroAttachment[] | undefined {
  const json = parseJson(text);
  if (!Array.isArray(json)) return undefined;
  return json.filter(isObject).filter(r => isObject(r.data) && r.data.itemType === 'attachment')
    .map(r => ({ key: str(r.key) ?? str((r.data as Record<string, unknown>).key) ?? '', contentType: str((r.data as Record<string, unknown>).contentType), title: str((r.data as Record<string, unknown>).title) }))
    .filter(a => a.key !== '');
}

/** The library's most recent change: when (ms since the epoch; Zotero keeps whole seconds, UTC) and to which item. */
export interface ZoteroChange {
  readonly at: number;
  readonly key: string;
  readonly title: string;
}

/**
 * `GET /api/users/0/items/top?sort=dateModified&direction=desc&limit=1`: the most recently modified
 * item, from its `data.dateModified` (ISO 8601 in UTC, `2014-06-12T21:28:55Z`); null for an empty library.
 */
export function parseLastChange(text: string): ZoteroChange | null | undefined {
  const json = parseJson(text);
  if (!Array.isArray(json)) return undefined;
  if (json.length === 0) return null;
  const raw = json[0];
  if (!isObject(raw) || !isObject(raw.data)) return undefined;
  const modified = str(raw.data.dateModified) ?? '';
  const at = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(modified) ? Date.parse(modified) : NaN;
  const key = str(raw.key) ?? str(raw.data.key);
  if (!Number.isFinite(at) || !key) return undefined;
  return { at, key, title: str(raw.data.title) ?? '(untitled)' };
}

/** A JSON-RPC 2.0 reply: its result, or its error. */
export function parseJsonRpc(text: string): { result: unknown } | { error: { code?: number; message: string } } | undefined {
  const json = parseJson(text);
  if (!isObject(json) || json.jsonrpc !== '2.0') return undefined;
  if (isObject(json.error)) return { error: { code: typeof json.error.code === 'number' ? json.error.code : undefined, message: str(json.error.message) ?? 'error' } };
  return 'result' in json ? { result: json.result } : undefined;
}

/** `item.citationkey`'s result: item key → citation key (null for an item without one). */
export function parseCitationKeys(result: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(result)) return out;
  for (const [itemKey, citekey] of Object.entries(result)) if (typeof citekey === 'string' && citekey) out.set(itemKey.replace(/^\d+:/, ''), citekey);
  return out;
}

function cslOf(value: unknown): CslItem | undefined {
  const parsed = typeof value === 'string' ? parseJson(value) : value;
  const item = Array.isArray(parsed) ? parsed[0] : parsed;
  return isObject(item) ? sanitizeCslItem(item).item : undefined;
}
