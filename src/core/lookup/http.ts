/**
 * One GET to a registry, on whatever `fetch` the host has (Node's or a browser's), with what every
 * request needs: a timeout, a cap on the body, cancellation, and failures sorted into the few
 * things an author can act on. The core has no DOM or Node types, so the shapes it uses are here.
 */

export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface ResponseLike {
  readonly status: number;
  readonly url?: string;
  readonly headers: { get(name: string): string | null };
  readonly body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal?: unknown; redirect?: 'follow' | 'error' | 'manual' }) => Promise<ResponseLike>;

/** The host's timers and abort controller (globals in Node and browsers; passed in so tests can drive them). */
export interface HttpEnvironment {
  readonly fetch: FetchLike;
  readonly setTimeout: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  readonly newAbortController: () => { readonly signal: AbortSignalLike; abort(): void };
  /** In a web page a refused cross-origin request looks like no network at all: the message says both. */
  readonly inBrowser?: boolean;
}

export type FailureKind =
  /** The registry does not know the identifier (404, or an empty answer where one item was asked for). */
  | 'not-found'
  /** 429: too many requests; retryAfterSeconds when the service said. */
  | 'rate-limited'
  /** 5xx, or another status the service should not send. */
  | 'unavailable'
  /** A body that is not what the service documents. */
  | 'malformed'
  | 'too-large'
  | 'timeout'
  /** No connection (refused, no route, no DNS). */
  | 'offline'
  | 'redirects'
  | 'cancelled';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
}

export type HttpResult = { readonly ok: true; readonly status: number; readonly text: string; readonly url: string } | { readonly ok: false; readonly failure: Failure };

export interface GetOptions {
  /** POST with this body (JSON-RPC); GET without. */
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignalLike;
  /** Statuses answered as not-found (default 404 and 410). */
  readonly notFound?: readonly number[];
}

/** GETs `url` (POSTs `body`): the answer as text for 2xx, else a Failure. Never throws. */
export async function getText(env: HttpEnvironment, url: string, options: GetOptions): Promise<HttpResult> {
  const service = hostOf(url);
  if (options.signal?.aborted) return fail('cancelled', 'Cancelled.');
  const controller = env.newAbortController();
  let timedOut = false;
  const timer = env.setTimeout(() => { timedOut = true; controller.abort(); }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    const response = await env.fetch(url, { method: options.body === undefined ? 'GET' : 'POST', headers: options.headers, body: options.body, signal: controller.signal, redirect: 'follow' });
    const status = response.status;
    if ((options.notFound ?? [404, 410]).includes(status)) return fail('not-found', `${service} does not know it (HTTP ${status}).`, status);
    if (status === 429) {
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      return { ok: false, failure: { kind: 'rate-limited', status, retryAfterSeconds,
        message: `${service} asks to slow down (HTTP 429)${retryAfterSeconds !== undefined ? `; it can be asked again in ${retryAfterSeconds} s` : ''}.` } };
    }
    if (status < 200 || status >= 300) return fail('unavailable', `${service} answered HTTP ${status}.`, status);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) return fail('too-large', `${service} sent ${declared} bytes; at most ${options.maxBytes} are read.`, status);
    const text = await readCapped(response, options.maxBytes);
    if (text === undefined) return fail('too-large', `${service} sent more than ${options.maxBytes} bytes; the answer was not read.`, status);
    return { ok: true, status, text, url: response.url || url };
  } catch (e) {
    if (options.signal?.aborted) return fail('cancelled', 'Cancelled.');
    if (timedOut) return fail('timeout', `${service} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`);
    const detail = errorDetail(e);
    if (/redirect/i.test(detail)) return fail('redirects', `${service} redirected too many times (${detail}).`);
    return fail('offline', env.inBrowser
      ? `${service} cannot be reached from this browser (${detail}): you may be offline, or ${service} does not accept requests from web pages.`
      : `${service} cannot be reached (${detail}). Are you offline?`);
  } finally {
    env.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The body, or undefined past `maxBytes` (read in chunks so an endless body is cut, not buffered). */
async function readCapped(response: ResponseLike, maxBytes: number): Promise<string | undefined> {
  if (!response.body) {
    const text = await response.text();
    return text.length > maxBytes ? undefined : text;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  return new (globalThis as unknown as { TextDecoder: new () => { decode(bytes: Uint8Array): string } }).TextDecoder().decode(all);
}

/** Retry-After as seconds: delta-seconds, or an HTTP date (seconds from now, at least 0). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/?#]+)/i.exec(url);
  return m ? m[1] : url;
}

function errorDetail(e: unknown): string {
  const error = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = error?.cause;
  const parts = [cause?.code, cause?.message, error?.message].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? [...new Set(parts)].join(': ').slice(0, 200) : String(e).slice(0, 200);
}

function fail(kind: FailureKind, message: string, status?: number): HttpResult {
  return { ok: false, failure: { kind, message, status } };
}
