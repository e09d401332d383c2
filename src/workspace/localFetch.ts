/**
 * `fetch` for a service on this computer (Zotero), on Node's own http module with an agent of its
 * own: proxy settings and HTTP(S)_PROXY variables are for the internet, and sending a request for
 * localhost through a proxy is the known way Zotero integrations break. Desktop only.
 */
import * as http from 'http';
import type { FetchLike, ResponseLike } from '../core/lookup/http';

const agent = new http.Agent({ keepAlive: false });
const MAX_BUFFERED = 64_000_000;

export const localFetch: FetchLike = (url, init) => new Promise<ResponseLike>((resolve, reject) => {
  const target = new URL(url);
  if (target.protocol !== 'http:') {
    reject(new Error(`only http:// is used for local services, not ${target.protocol}`));
    return;
  }
  const signal = init.signal as AbortSignal | undefined;
  const request = http.request({
    agent, host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`,
    method: init.method ?? 'GET', headers: { ...init.headers, ...(init.body !== undefined ? { 'Content-Length': Buffer.byteLength(init.body) } : {}) },
  }, response => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // The caller caps what it reads; this caps what is buffered before it can.
      if (size > MAX_BUFFERED) request.destroy(new Error(`answer over ${MAX_BUFFERED} bytes`));
      else chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        status: response.statusCode ?? 0,
        url,
        headers: { get: name => { const v = response.headers[name.toLowerCase()]; return Array.isArray(v) ? v.join(', ') : v ?? null; } },
        body: null,
        text: async () => text,
      });
    });
  });
  const abort = () => request.destroy(new Error('aborted'));
  signal?.addEventListener('abort', abort, { once: true });
  request.on('error', e => reject(Object.assign(new Error('fetch failed'), { cause: e })));
  request.on('close', () => signal?.removeEventListener('abort', abort));
  if (init.body !== undefined) request.write(init.body);
  request.end();
});
