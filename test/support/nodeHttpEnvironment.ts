import type { HttpEnvironment } from '../../src/core/lookup/http';

/** The core's HTTP environment on Node's own globals, for unit tests against local servers. */
export const nodeHttpEnvironment: HttpEnvironment = {
  fetch: (url, init) => fetch(url, init as RequestInit) as never,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
  newAbortController: () => new AbortController(),
};
