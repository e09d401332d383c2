import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startZoteroServer, type ZoteroServer } from '../support/zoteroServer';
import { activateExtension, waitFor, workspaceFolder } from './helpers';

type State = { visible: boolean; text: string; tooltip: string; exports: Array<{ uri: string; freshness: string }>; queries: number; messages: string[] };
const state = () => vscode.commands.executeCommand<State>('vexas.zotero.autoExportState');
const zotero = () => vscode.workspace.getConfiguration('vexas.zotero');
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const ENTRY = '@article{autoexpfirst2024, title = {First in the export}, year = 2024}\n';

/**
 * A Better BibTeX auto-export the manuscript declares, against a local stand-in for Zotero 7's
 * local API: the status says when the export is behind the library, nothing when it is not, and
 * with Zotero not running or hanging nothing is shown and the editor carries on.
 */
describe('Zotero auto-exports in the extension host', function () {
  this.timeout(40_000);
  let server: ZoteroServer;
  const dir = () => vscode.Uri.joinPath(workspaceFolder().uri, 'autoexport');
  const bib = () => vscode.Uri.joinPath(dir(), 'zotero-export.bib');
  const paper = () => vscode.Uri.joinPath(dir(), 'paper.md');
  /** Writes the export as Better BibTeX would, `minutesOld` minutes ago by its modification time. */
  const writeExport = (text: string, minutesOld: number) => {
    fs.writeFileSync(bib().fsPath, text);
    const when = new Date(Date.now() - minutesOld * 60_000);
    fs.utimesSync(bib().fsPath, when, when);
  };
  const openPaper = async () => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(paper()));

  before(async () => {
    await activateExtension();
    server = await startZoteroServer({ localApi: true, betterBibtex: true, lastModified: minutesAgo(10) });
    fs.mkdirSync(dir().fsPath, { recursive: true });
    writeExport(ENTRY, 60);
    fs.writeFileSync(paper().fsPath, '---\nbibliography: zotero-export.bib\n---\n\nAs reported [@autoexpfirst2024].\n\nSee also [@autoexp\n');
    await zotero().update('url', server.url, vscode.ConfigurationTarget.Global);
    await zotero().update('timeoutSeconds', 3, vscode.ConfigurationTarget.Global);
    await zotero().update('enabled', true, vscode.ConfigurationTarget.Global);
    await zotero().update('autoExports', ['autoexport/zotero-export.bib'], vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await zotero().update('autoExports', undefined, vscode.ConfigurationTarget.Workspace);
    for (const name of ['url', 'timeoutSeconds', 'enabled']) await zotero().update(name, undefined, vscode.ConfigurationTarget.Global);
    await server.close();
    fs.rmSync(dir().fsPath, { recursive: true, force: true });
  });

  it('an export older than the library\'s latest change: the status says so, with what to check in Better BibTeX, and no message pops up', async () => {
    await openPaper();
    const s = await waitFor('the stale status', async () => { const st = await state(); return st.visible ? st : undefined; });
    assert.strictEqual(s.text, '$(warning) zotero-export.bib behind Zotero');
    assert.match(s.tooltip, /^zotero-export\.bib \(a Better BibTeX auto-export\) was written (?:at|on) .*; your Zotero library changed (?:at|on) .* \("Ruxolitinib in a fictional VEXAS series"\)\./);
    assert.match(s.tooltip, /Better BibTeX → Automatic export: "On Change"/);
    assert.deepStrictEqual(s.exports.map(e => [path.basename(vscode.Uri.parse(e.uri).fsPath), e.freshness]), [['zotero-export.bib', 'stale']]);
    assert.deepStrictEqual(s.messages, []);
    assert.ok(server.requests.some(r => r.path.startsWith('/api/users/0/items/top?') && r.path.includes('sort=dateModified&direction=desc&limit=1')));
  });

  it('Better BibTeX rewrites the export: the new key is offered in completion and the warning goes, without asking Zotero again', async () => {
    const editor = await openPaper();
    const before = (await state()).queries;
    writeExport(`${ENTRY}@article{autoexpsecond2025, title = {Added in Zotero}, year = 2025}\n`, 0);
    await waitFor('the warning to go', async () => ((await state()).visible ? undefined : true), 10_000);
    const s = await state();
    assert.deepStrictEqual(s.exports.map(e => e.freshness), ['fresh']);
    assert.strictEqual(s.queries, before, 'the library\'s last answer is still recent: only the file was looked at again');
    const end = editor.document.positionAt(editor.document.getText().length - 1);
    const labels = await waitFor('the new key in completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', paper(), end);
      const keys = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
      return keys.some(k => k.includes('autoexpsecond2025')) ? keys : undefined;
    });
    assert.ok(labels.some(k => k.includes('autoexpfirst2024')));
  });

  it('an export written after the library\'s latest change: no warning; the check command says it is up to date', async () => {
    await openPaper();
    writeExport(ENTRY, 1);
    const result = await vscode.commands.executeCommand<State>('vexas.zotero.checkAutoExports');
    assert.strictEqual(result.visible, false);
    assert.deepStrictEqual(result.exports.map(e => e.freshness), ['fresh']);
    assert.match(result.messages.at(-1) ?? '', /^zotero-export\.bib is up to date: written (?:at|on) .*, and your Zotero library last changed (?:at|on) .*\.$/);
  });

  it('Zotero not running: nothing shown, no message, at most one request for many triggers, and the editor carries on', async () => {
    writeExport(ENTRY, 60); // stale, were Zotero there to say so
    await zotero().update('url', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      await openPaper();
      const first = await state();
      const messages = first.messages.length;
      for (let i = 0; i < 5; i++) {
        await vscode.window.showTextDocument(bib(), { preview: false });
        await openPaper();
        fs.utimesSync(bib().fsPath, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000 + i * 1000));
      }
      const s = await state();
      assert.strictEqual(s.visible, false);
      assert.strictEqual(s.messages.length, messages, 'no message');
      assert.ok(s.queries - first.queries <= 1, `${s.queries - first.queries} requests`);
      const editor = await openPaper();
      assert.ok(await editor.edit(b => b.insert(new vscode.Position(4, 0), 'Typed. ')));
      assert.ok(editor.document.getText().includes('Typed. As reported'));
      await vscode.commands.executeCommand('undo');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await zotero().update('url', server.url, vscode.ConfigurationTarget.Global);
    }
  });

  it('Zotero hanging: completion and typing answer at once while the check waits, and nothing is shown', async () => {
    server.options = { ...server.options, hang: true };
    const messages = (await state()).messages.length;
    const requests = server.requests.length;
    try {
      await zotero().update('timeoutSeconds', 4, vscode.ConfigurationTarget.Global); // a settings change: the check asks again
      const editor = await openPaper();
      await waitFor('the request to Zotero', () => (server.requests.length > requests ? true : undefined));
      const started = Date.now();
      const end = editor.document.positionAt(editor.document.getText().length - 1);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', paper(), end);
      assert.ok(list.items.length > 0);
      assert.ok(await editor.edit(b => b.insert(new vscode.Position(4, 0), 'Typed. ')));
      assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`);
      await vscode.commands.executeCommand('undo');
      const s = await state(); // waits for the background check to give up (5 s)
      assert.strictEqual(s.visible, false);
      assert.strictEqual(s.messages.length, messages, 'no message');
    } finally {
      server.options = { ...server.options, hang: false };
      await zotero().update('timeoutSeconds', 3, vscode.ConfigurationTarget.Global);
    }
  });

  it('with vexas.zotero.enabled off Zotero is not asked and nothing is shown; Choose Auto-Exports writes and clears the setting', async () => {
    await zotero().update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await openPaper();
      const count = server.requests.length;
      const s = await state();
      assert.strictEqual(s.visible, false);
      assert.strictEqual(server.requests.length, count);
    } finally {
      await zotero().update('enabled', true, vscode.ConfigurationTarget.Global);
    }
    await zotero().update('autoExports', undefined, vscode.ConfigurationTarget.Workspace);
    await openPaper();
    const named = await vscode.commands.executeCommand<string[]>('vexas.zotero.chooseAutoExports', [bib().toString()]);
    assert.deepStrictEqual(named, ['autoexport/zotero-export.bib']);
    assert.deepStrictEqual(zotero().get('autoExports'), ['autoexport/zotero-export.bib']);
    assert.deepStrictEqual(await vscode.commands.executeCommand('vexas.zotero.chooseAutoExports', []), []);
    assert.deepStrictEqual(zotero().get('autoExports'), []);
  });

  it('Choose Auto-Exports keeps the author\'s user-level patterns in user settings, never copying them into the repository\'s', async () => {
    await zotero().update('autoExports', undefined, vscode.ConfigurationTarget.Workspace);
    await zotero().update('autoExports', ['/home/ana/Zotero/private.bib'], vscode.ConfigurationTarget.Global);
    try {
      await openPaper();
      const named = await vscode.commands.executeCommand<string[]>('vexas.zotero.chooseAutoExports', [bib().toString()]);
      // In user settings a path relative to this workspace would name files in every other: it is written absolute.
      assert.deepStrictEqual(named, ['/home/ana/Zotero/private.bib', bib().fsPath]);
      const where = zotero().inspect<string[]>('autoExports');
      assert.deepStrictEqual(where?.globalValue, ['/home/ana/Zotero/private.bib', bib().fsPath]);
      assert.strictEqual(where?.workspaceValue, undefined);
      assert.strictEqual(where?.workspaceFolderValue, undefined);
    } finally {
      await zotero().update('autoExports', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('an export outside the workspace, named by its absolute path, is checked the same way', async () => {
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vexas-bbt-')), 'My Library.bib');
    fs.writeFileSync(outside, ENTRY);
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(outside, old, old);
    const md = vscode.Uri.joinPath(dir(), 'outside.md');
    fs.writeFileSync(md.fsPath, `---\nbibliography: "${outside.replace(/\\/g, '/')}"\n---\n\n[@autoexpfirst2024]\n`);
    await zotero().update('autoExports', [outside], vscode.ConfigurationTarget.Workspace);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(md));
    const s = await waitFor('the stale status', async () => { const st = await state(); return st.visible ? st : undefined; });
    assert.strictEqual(s.text, '$(warning) My Library.bib behind Zotero');
  });
});
