import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension } from '../../integration/helpers';

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
});
