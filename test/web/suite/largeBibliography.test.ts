import * as assert from 'assert';
import * as vscode from 'vscode';
import { generateBibliography } from '../../support/generatedBibliography';
import { activateExtension, hoverAt, workspaceFolder } from '../../integration/helpers';

const ENTRIES = 20_000;

describe('web: a 20,000-entry bibliography in the web worker', () => {
  before(activateExtension);

  it('is indexed in slices: a hover answers while it loads, then completion finds its keys', async () => {
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'big');
    const text = generateBibliography(ENTRIES);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'library.bib'), new TextEncoder().encode(text));
    const docUri = vscode.Uri.joinPath(folder, 'paper.md');
    await vscode.workspace.fs.writeFile(docUri, new TextEncoder().encode('---\nbibliography: library.bib\n---\n\nSee [@tanaka\n'));
    const doc = await vscode.workspace.openTextDocument(docUri);
    const at = new vscode.Position(4, 12);
    const complete = () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);

    let t = Date.now();
    let completedAt = 0;
    const first = complete().then(list => { completedAt = Date.now(); return list; });
    // The worker is shared by every extension: while the library is read and indexed, other requests still get answers.
    const term = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Treated with tocilizumab.\n' });
    const hoverMs = Date.now();
    assert.match(await hoverAt(term, 'tocilizumab', 3), /\*\*tocilizumab\*\*/);
    const hoverDuringIndexMs = Date.now() - hoverMs;
    const hoverEnded = Date.now();
    await first;
    const firstMs = Date.now() - t;
    // Sliced indexing: the hover is answered before the reading and indexing end (unless they took too little time to matter).
    assert.ok(hoverEnded <= completedAt || firstMs < 300, `the hover waited for the indexing: ${hoverDuringIndexMs} ms of ${firstMs} ms`);
    t = Date.now();
    const warm = await complete();
    const warmMs = Date.now() - t;
    const labels = warm.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    console.log(`      [web ${ENTRIES / 1000}k] ${(text.length / 1e6).toFixed(1)} MB: first completion (read + index) ${firstMs} ms, ` +
      `a hover meanwhile ${hoverDuringIndexMs} ms, warm completion ${warmMs} ms, ${warm.items.length} items`);
    assert.ok(labels.length >= 50 && labels.every(l => l.startsWith('tanaka')), labels.slice(0, 5).join());
  });
});
