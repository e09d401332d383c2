import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, cursorAfter, openWithBibliography, undoBoth, workspaceFolder } from '../../integration/helpers';

interface Services { origin: string; endpoints: Record<string, string> }
interface LoggedRequest { path: string; method?: string; headers: Record<string, string | undefined> }
type AddResult = { status: string; key?: string; failure?: { kind: string; message: string } };

const network = () => vscode.workspace.getConfiguration('vexas.network');
const add = (input: string) => vscode.commands.executeCommand<AddResult>('vexas.addByIdentifier', input);

/** Adding by DOI from the browser, against the registry stand-in the runner started (cross-origin rules included). */
describe('web: add a reference by DOI from the browser', () => {
  let services: Services;
  before(async () => {
    await activateExtension();
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceFolder().uri, '.web-test-services.json'));
    services = JSON.parse(new TextDecoder().decode(bytes)) as Services;
    for (const [name, url] of Object.entries(services.endpoints)) await network().update(`endpoints.${name}`, url, vscode.ConfigurationTarget.Global);
    for (const [name, value] of Object.entries({ cacheDays: 0, timeoutSeconds: 3, enabled: true })) await network().update(name, value, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const name of [...Object.keys(services.endpoints).map(n => `endpoints.${n}`), 'cacheDays', 'timeoutSeconds', 'enabled']) {
      await network().update(name, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('fetches with a plain cross-origin GET (no preflight, the browser\'s own User-Agent) and cites, in one undo', async () => {
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('paper.md', 'refs.bib');
    cursorAfter(editor, 'The p.Met41Thr variant is the most frequent');
    const result = await add('10.5555/vexas.test.1');
    assert.deepStrictEqual(result, { status: 'inserted', key: 'dvorak2024somatic', fetched: true });
    assert.ok(doc.getText().includes('The p.Met41Thr variant is the most frequent [@dvorak2024somatic].'), doc.getText());
    assert.match(bib.getText().slice(bibBefore.length), /^\n?@article\{dvorak2024somatic,\n[^]*doi += \{10\.5555\/vexas\.test\.1\}/);
    const log = await (await fetch(`${services.origin}/__requests`)).json() as LoggedRequest[];
    const asked = log.filter(r => r.path.includes('10.5555/vexas.test.1'));
    assert.ok(asked.length > 0, JSON.stringify(log.map(r => r.path)));
    assert.ok(asked.every(r => r.method === 'GET'), `no preflight: ${asked.map(r => r.method).join()}`);
    assert.match(asked[0].headers['user-agent'] ?? '', /Chrome\//, 'the browser identifies itself; a custom header would need a preflight');
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('a service that cannot be reached says so, naming the browser, and changes nothing', async () => {
    await network().update('endpoints.doi', 'http://127.0.0.1:9/doi', vscode.ConfigurationTarget.Global);
    try {
      const { doc, editor, bib, before, bibBefore } = await openWithBibliography('paper.md', 'refs.bib');
      cursorAfter(editor, 'The p.Met41Thr variant is the most frequent');
      const result = await add('10.5555/vexas.test.1');
      assert.strictEqual(result.status, 'failed');
      assert.strictEqual(result.failure?.kind, 'offline');
      assert.match(result.failure?.message ?? '', /cannot be reached from this browser .*does not accept requests from web pages/);
      assert.strictEqual(doc.getText(), before);
      assert.strictEqual(bib.getText(), bibBefore);
    } finally {
      await network().update('endpoints.doi', services.endpoints.doi, vscode.ConfigurationTarget.Global);
    }
  });
});
