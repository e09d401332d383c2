import * as assert from 'assert';
import { nodeHttpEnvironment } from '../../../support/nodeHttpEnvironment';
import { LOCAL_API_OFF, ZoteroClient } from '../../../../src/core/zotero/zoteroClient';
import { startZoteroServer, type ZoteroServer } from '../../../support/zoteroServer';

const env = nodeHttpEnvironment;

describe('core/zotero: client against a local stand-in for Zotero 7 and Better BibTeX', function () {
  this.timeout(10000);
  let server: ZoteroServer;
  let client: ZoteroClient;
  before(async () => {
    server = await startZoteroServer({ localApi: true, betterBibtex: true });
    client = new ZoteroClient({ env, baseUrl: server.url, timeoutMs: 2000 });
  });
  after(() => server.close());

  it('searches by title, creator and year, and by #tag, with Zotero\'s CSL-JSON and the item key', async () => {
    const found = await client.search('ruxolitinib', 20);
    assert.ok(found.ok);
    assert.deepStrictEqual(found.value.map(i => i.key), ['ZK7QF2XA']);
    const item = found.value[0];
    assert.deepStrictEqual([item.title, item.creators, item.year, item.doi, item.tags], ['Ruxolitinib in a fictional VEXAS series', ['Ødegård', 'Nakamura'], '2024', '10.5555/zotero.example.1', ['vexas', 'jak']]);
    assert.strictEqual(item.csl?.title, 'Ruxolitinib in a fictional VEXAS series');
    assert.match(server.requests.at(-1)!.path, /^\/api\/users\/0\/items\/top\?q=ruxolitinib&qmode=titleCreatorYear&itemType=-attachment&itemType=-note&include=data%2Ccsljson&limit=20$/);
    const byTag = await client.search('#il6', 20);
    assert.ok(byTag.ok && byTag.value.map(i => i.key).join() === 'ZK8RT3YB');
    assert.strictEqual(byTag.value[0].creators[0], 'Example Study Group');
  });

  it('gets Better BibTeX\'s keys, and none (no error) without it', async () => {
    const keys = await client.citationKeys(['ZK7QF2XA', 'ZK8RT3YB']);
    assert.ok(keys.ok);
    assert.deepStrictEqual([...keys.value], [['ZK7QF2XA', 'odegard2024Ruxolitinib']]);
    assert.deepStrictEqual(JSON.parse(server.requests.at(-1)!.body), { jsonrpc: '2.0', method: 'item.citationkey', params: [['ZK7QF2XA', 'ZK8RT3YB']], id: 1 });
    server.options = { localApi: true, betterBibtex: false };
    const none = await client.citationKeys(['ZK7QF2XA']);
    assert.ok(none.ok && none.value.size === 0);
    server.options = { localApi: true, betterBibtex: true };
  });

  it('lists an item\'s PDF attachment', async () => {
    const attachments = await client.attachments('ZK7QF2XA');
    assert.ok(attachments.ok);
    assert.deepStrictEqual(attachments.value, [{ key: 'PDFATT01', contentType: 'application/pdf', title: 'Full Text PDF' }]);
  });

  it('asks for the library\'s latest change to a citable item, with the documented parameters', async () => {
    const latest = await client.lastChange();
    assert.ok(latest.ok);
    assert.deepStrictEqual(latest.value, { at: Date.parse('2024-05-03T10:00:00Z'), key: 'ZK7QF2XA', title: 'Ruxolitinib in a fictional VEXAS series' });
    assert.strictEqual(server.requests.at(-1)!.path, '/api/users/0/items/top?itemType=-attachment&itemType=-note&sort=dateModified&direction=desc&limit=1&format=json');
    server.options = { localApi: true, betterBibtex: true, lastModified: '2022-01-01T00:00:00Z' };
    const other = await client.lastChange();
    assert.ok(other.ok && other.value?.key === 'ZK8RT3YB', 'the most recently modified item, whichever it is');
    server.options = { localApi: true, betterBibtex: true };
  });

  it('the latest change: a Zotero that does not answer times out, the local API off or nonsense fails, nothing hangs', async () => {
    const quick = new ZoteroClient({ env, baseUrl: server.url, timeoutMs: 300 });
    try {
      server.options = { localApi: true, betterBibtex: true, hang: true };
      const started = Date.now();
      const hung = await quick.lastChange();
      assert.ok(!hung.ok && hung.failure.kind === 'timeout', JSON.stringify(hung));
      assert.ok(Date.now() - started < 2_000);
      server.options = { localApi: false, betterBibtex: true };
      const forbidden = await quick.lastChange();
      assert.ok(!forbidden.ok && forbidden.failure.message === LOCAL_API_OFF);
      server.options = { localApi: true, betterBibtex: true, malformed: true };
      const malformed = await quick.lastChange();
      assert.ok(!malformed.ok && malformed.failure.kind === 'malformed');
    } finally {
      server.options = { localApi: true, betterBibtex: true };
    }
  });

  it('says where to click when the local API is not allowed, and when Zotero is not running or answers nonsense', async () => {
    server.options = { localApi: false, betterBibtex: true };
    const forbidden = await client.search('x', 5);
    assert.ok(!forbidden.ok && forbidden.failure.message === LOCAL_API_OFF);
    server.options = { localApi: true, betterBibtex: true, malformed: true };
    const malformed = await client.search('x', 5);
    assert.ok(!malformed.ok && malformed.failure.kind === 'malformed');
    server.options = { localApi: true, betterBibtex: true };
    const down = await new ZoteroClient({ env, baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 }).search('x', 5);
    assert.ok(!down.ok && /^Zotero is not running: nothing answers at 127\.0\.0\.1:9\./.test(down.failure.message), JSON.stringify(down));
  });
});
