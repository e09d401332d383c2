import type { FetchLike, HttpEnvironment } from '../core/lookup/http';

/**
 * The core's HTTP environment on the host's own globals (Node and the browser's web worker have the
 * same `fetch`, timers and AbortController); `fetch` is replaced where requests must not take the
 * usual route (Zotero on this computer: never through a proxy).
 */
export function hostHttpEnvironment(options: { fetch?: FetchLike; inBrowser?: boolean } = {}): HttpEnvironment {
  return {
    fetch: options.fetch ?? ((url, init) => fetch(url, init as RequestInit) as never),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: handle => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
    newAbortController: () => new AbortController(),
    inBrowser: options.inBrowser,
  };
}
