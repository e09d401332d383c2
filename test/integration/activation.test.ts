import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, openWorkspaceFile, waitFor } from './helpers';
import type { VexasStatus } from '../../src/extension';

describe('extension in a real VS Code extension host', () => {
  it('activates when a Markdown manuscript is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension is installed in the host');
    const doc = await openWorkspaceFile('manuscript.md');
    assert.strictEqual(doc.languageId, 'markdown');
    await waitFor('activation on onLanguage:markdown', () => ext.isActive ? true : undefined);
  });

  it('opens the sample LaTeX manuscript as LaTeX', async () => {
    const doc = await openWorkspaceFile('manuscript.tex');
    assert.ok(['latex', 'tex'].includes(doc.languageId), `languageId ${doc.languageId}`);
    assert.match(doc.getText(), /\\addbibresource\{references\.bib\}/);
  });

  it('reports its status through a VEXAS command', async () => {
    const api = await activateExtension();
    const status = await vscode.commands.executeCommand<VexasStatus>('vexas.showStatus');
    assert.strictEqual(status.version, api.version);
    assert.strictEqual(status.vscodeVersion, vscode.version);
    assert.ok(status.languages.includes('markdown') && status.languages.includes('latex'));
  });

  it('contributes its commands under the VEXAS category', async () => {
    await activateExtension();
    const all = await vscode.commands.getCommands(true);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string; category: string }> };
    };
    for (const c of manifest.contributes.commands) {
      assert.strictEqual(c.category, 'VEXAS', `${c.command} category`);
      assert.ok(all.includes(c.command), `${c.command} is registered`);
    }
  });
});

describe('snippets', () => {
  it('offers the manuscript skeleton in Markdown and LaTeX completion', async () => {
    await activateExtension();
    for (const [language, body] of [['markdown', /bibliography: /], ['latex', /\\addbibresource\{/]] as const) {
      const doc = await vscode.workspace.openTextDocument({ language, content: 'vexas-manu' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 10));
      const item = list.items.find(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'vexas-manuscript');
      assert.ok(item, `${language}: the vexas-manuscript snippet is offered`);
      const text = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
      assert.match(text, body);
    }
  });
});
