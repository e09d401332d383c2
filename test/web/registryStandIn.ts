/**
 * Started by test/web/runWebTests.mjs (`--serve`) in Node, beside the browser: the registry stand-in
 * in cross-origin mode, so the web suite's lookups go from the web worker to 127.0.0.1 as they would
 * go to Crossref or doi.org, CORS included. What `info` holds is written into the test workspace.
 */
import { startRegistryServer } from '../support/registryServer';

export async function start(): Promise<{ info: unknown; stop(): Promise<void> }> {
  const server = await startRegistryServer({ crossOrigin: true });
  return { info: { origin: server.origin, endpoints: server.endpoints }, stop: () => server.close() };
}
