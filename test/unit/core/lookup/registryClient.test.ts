import * as assert from 'assert';
import { nodeHttpEnvironment } from '../../../support/nodeHttpEnvironment';
import { RegistryClient, type RegistryClientOptions, type ResponseCache } from '../../../../src/core/lookup/registryClient';
import { RateLimiter } from '../../../../src/core/lookup/rateLimiter';
import { startRegistryServer, type RegistryServer } from '../../../support/registryServer';

const env = nodeHttpEnvironment;

describe('core/lookup: registry client against a local server in the services\' formats', function () {
  this.timeout(20000);
  let server: RegistryServer;
  let client: RegistryClient;
  const make = (extra: Partial<RegistryClientOptions> = {}) => new RegistryClient({
    env, endpoints: server.endpoints, userAgent: 'VEXAS-Manuscript-Assistant/0.1.0 (test)', email: 'author@example.org', timeoutMs: 1500, ...extra,
  });
  before(async () => { server = await startRegistryServer(); client = make(); });
  after(() => server.close());

  it('gets a DOI\'s CSL item by content negotiation, identifying itself', async () => {
    const result = await client.csl({ kind: 'doi', value: '10.5555/vexas.test.1' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(result.value.DOI, '10.5555/vexas.test.1');
    const request = server.requests.at(-1)!;
    assert.strictEqual(request.path, '/doi/10.5555/vexas.test.1');
    assert.match(String(request.headers.accept), /application\/vnd\.citationstyles\.csl\+json/);
    assert.strictEqual(request.headers['user-agent'], 'VEXAS-Manuscript-Assistant/0.1.0 (test) (mailto:author@example.org)');
  });

  it('gets PMIDs and PMCIDs from NCBI\'s exporter with tool and email', async () => {
    const pmid = await client.csl({ kind: 'pmid', value: '99000001' });
    assert.ok(pmid.ok && pmid.value.PMID === '99000001');
    assert.match(server.requests.at(-1)!.path, /^\/ncbi\/pubmed\/\?format=csl&id=99000001&tool=vexas-manuscript&email=author%40example\.org$/);
    const pmcid = await client.csl({ kind: 'pmcid', value: 'PMC9900001' });
    assert.ok(pmcid.ok && pmcid.value.PMCID === 'PMC9900001');
  });

  it('says what went wrong: unknown, server error, malformed, oversized, redirect loop, timeout', async () => {
    const kind = async (doi: string) => { const r = await client.csl({ kind: 'doi', value: doi }); return r.ok ? 'ok' : r.failure.kind; };
    assert.strictEqual(await kind('10.5555/missing'), 'not-found');
    assert.strictEqual(await kind('10.5555/busy'), 'unavailable');
    assert.strictEqual(await kind('10.5555/malformed'), 'malformed');
    assert.strictEqual(await kind('10.5555/huge'), 'too-large');
    assert.strictEqual(await kind('10.5555/loop'), 'redirects');
    assert.strictEqual(await kind('10.5555/slow'), 'timeout');
  });

  it('waits out a short Retry-After and asks once more', async () => {
    const before = server.requests.length;
    const started = Date.now();
    const result = await client.csl({ kind: 'doi', value: '10.5555/rate.1' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(server.requests.length - before, 2);
    assert.ok(Date.now() - started >= 900, 'waited about a second');
  });

  it('reports a long Retry-After instead of waiting', async () => {
    const result = await make({ maxRetryWaitSeconds: 0 }).csl({ kind: 'doi', value: '10.5555/rate.2' });
    assert.ok(!result.ok && result.failure.kind === 'rate-limited' && result.failure.retryAfterSeconds === 1, JSON.stringify(result));
  });

  it('says offline when nothing listens, and cancelled when the author cancels', async () => {
    const offline = new RegistryClient({ env, endpoints: { ...server.endpoints, doi: 'http://127.0.0.1:9' }, userAgent: 'x', timeoutMs: 1500 });
    const result = await offline.csl({ kind: 'doi', value: '10.5555/vexas.test.1' });
    assert.ok(!result.ok && result.failure.kind === 'offline', JSON.stringify(result));
    const controller = new AbortController();
    const pending = client.csl({ kind: 'doi', value: '10.5555/slow.2' }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const cancelled = await pending;
    assert.ok(!cancelled.ok && cancelled.failure.kind === 'cancelled');
  });

  it('answers from the cache without a request', async () => {
    const store = new Map<string, string>();
    const cache: ResponseCache = { get: async url => store.get(url), set: async (url, text) => { store.set(url, text); } };
    const cached = make({ cache });
    assert.ok((await cached.csl({ kind: 'doi', value: '10.5555/vexas.test.1' })).ok);
    const count = server.requests.length;
    assert.ok((await cached.csl({ kind: 'doi', value: '10.5555/vexas.test.1' })).ok);
    assert.strictEqual(server.requests.length, count);
  });

  it('reads Crossref update notices and preprint relations, PubMed summaries and bioRxiv publications', async () => {
    const retracted = await client.crossrefWork('10.5555/vexas.retracted');
    assert.ok(retracted.ok);
    assert.deepStrictEqual(retracted.value.updates.map(u => u.type), ['retraction']);
    assert.match(server.requests.at(-1)!.path, /^\/crossref\/works\/10\.5555\/vexas\.retracted\?mailto=author%40example\.org$/);
    const preprint = await client.crossrefWork('10.1101/2099.01.01.000001');
    assert.ok(preprint.ok);
    assert.deepStrictEqual(preprint.value.publishedAs, ['10.5555/vexas.published']);
    const summaries = await client.pubmedSummaries(['99000001', '99999999']);
    assert.ok(summaries.ok);
    assert.deepStrictEqual([...summaries.value.keys()], ['99000001']);
    assert.strictEqual(summaries.value.get('99000001')?.firstAuthorFamily, 'Exampleson');
    const published = await client.preprintPublication('10.1101/2099.01.01.000001', 'medrxiv');
    assert.ok(published.ok && published.value.publishedDoi === '10.5555/vexas.published');
  });
});

describe('core/lookup: rate limiter', () => {
  it('keeps the interval between starts and one request at a time', async () => {
    const limiter = new RateLimiter(100, 1, (fn, ms) => setTimeout(fn, ms));
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => limiter.run(async () => { starts.push(Date.now() - t0); })));
    assert.strictEqual(starts.length, 3);
    assert.ok(starts[1] - starts[0] >= 95 && starts[2] - starts[1] >= 95, JSON.stringify(starts));
  });
});
