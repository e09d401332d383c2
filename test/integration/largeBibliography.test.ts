import * as assert from 'assert';
import * as vscode from 'vscode';
import { generateBibliography } from '../support/generatedBibliography';
import { activateExtension, workspaceFolder } from './helpers';

const ENTRIES = 50_000;

describe('a 50,000-entry bibliography in the extension host', () => {
  before(activateExtension);

  it('completes citation keys, first (indexing) and then warm', async () => {
    const folder = workspaceFolder().uri;
    const text = generateBibliography(ENTRIES);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'big', 'library.bib'), new TextEncoder().encode(text));
    const docUri = vscode.Uri.joinPath(folder, 'big', 'paper.md');
    await vscode.workspace.fs.writeFile(docUri, new TextEncoder().encode('---\nbibliography: library.bib\n---\n\nSee [@tanaka\n'));
    const doc = await vscode.workspace.openTextDocument(docUri);
    const at = new vscode.Position(4, 12);
    const complete = () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);

    let t = Date.now();
    const first = await complete();
    const firstMs = Date.now() - t;
    t = Date.now();
    const warm = await complete();
    const warmMs = Date.now() - t;
    const labels = warm.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    console.log(`      [50k] ${(text.length / 1e6).toFixed(1)} MB: first completion (read + index) ${firstMs} ms, ` +
      `warm ${warmMs} ms, ${warm.items.length} items`);
    assert.ok(first.items.length > 0);
    assert.ok(labels.length >= 50 && labels.every(l => l.startsWith('tanaka')), labels.slice(0, 5).join());
    assert.ok(warmMs < 1000, `warm completion took ${warmMs} ms`);
  });
});
