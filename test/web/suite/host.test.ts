import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../../integration/helpers';

declare const WorkerGlobalScope: { new(): unknown } | undefined;

describe('web: the extension in the browser\'s web worker host', () => {
  it('runs in a web worker, without Node, with the web entry', async () => {
    const api = await activateExtension();
    assert.strictEqual(api.host, 'web', 'the browser entry (dist/web/extension.js) was activated');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node `process` in the worker');
    assert.ok(typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope, 'a WorkerGlobalScope');
    assert.strictEqual(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no DOM');
  });

  it('loads the bundled knowledge from the extension\'s own URI', async () => {
    const kb = await (await activateExtension()).knowledge();
    assert.ok(kb.referenceEntries.length > 20, `the VEXAS library has ${kb.referenceEntries.length} entries`);
  });

  it("registers every contributed command, and hides Zotero's from the palette", async () => {
    await activateExtension();
    const all = await vscode.commands.getCommands(true);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }>; menus: { commandPalette: Array<{ command: string; when?: string }> } };
    };
    const missing = manifest.contributes.commands.map(c => c.command).filter(c => !all.includes(c));
    assert.deepStrictEqual(missing, []);
    const palette = new Map(manifest.contributes.menus.commandPalette.map(m => [m.command, m.when ?? '']));
    const shownZotero = manifest.contributes.commands.map(c => c.command)
      .filter(c => c.startsWith('vexas.zotero.') && palette.get(c) !== 'false' && !/\bvexas\.zoteroAvailable\b/.test(palette.get(c) ?? ''));
    assert.deepStrictEqual(shownZotero, [], 'Zotero commands need `vexas.zoteroAvailable` in their palette `when`');
  });
});
