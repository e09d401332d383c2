import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openWorkspaceFile, workspaceFolder } from './helpers';

async function placeCursor(editor: vscode.TextEditor, needle: string, delta: number): Promise<void> {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  const p = editor.document.positionAt(offset + delta);
  editor.selection = new vscode.Selection(p, p);
}

describe('insert citation in the extension host', () => {
  before(activateExtension);

  it('adds a VEXAS-library key to the citation under the cursor and its entry to the .bib, in one undoable edit', async () => {
    const doc = await openWorkspaceFile('manuscript.md');
    const editor = await vscode.window.showTextDocument(doc);
    const bibUri = vscode.Uri.joinPath(workspaceFolder().uri, 'library.bib');
    const bib = await vscode.workspace.openTextDocument(bibUri);
    const before = { md: doc.getText(), bib: bib.getText() };
    await placeCursor(editor, '@bindoli2023jak]', 3);
    const ok = await vscode.commands.executeCommand<boolean>('vexas.insertCitationKeys', ['kosmider2024vexas']);
    assert.strictEqual(ok, true);
    assert.match(doc.getText(), /\[@li2024navigating; @bindoli2023jak; @kosmider2024vexas\]/);
    assert.strictEqual(doc.getText().length - before.md.length, '; @kosmider2024vexas'.length, 'nothing else in the manuscript changed');
    assert.ok(bib.getText().startsWith(before.bib), 'the existing .bib content is untouched');
    const added = bib.getText().slice(before.bib.length);
    assert.match(added, /^\n?@article\{kosmider2024vexas,\n/);
    assert.match(added, /doi\s+= \{10\.1038\/s41467-024-44811-4\}/);
    assert.doesNotMatch(added, /verified|keywords/, 'curation fields stay in the bundled library');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before.md, 'undo restores the manuscript');
    if (bib.getText() !== before.bib) {
      await vscode.window.showTextDocument(bib);
      await vscode.commands.executeCommand('undo');
    }
    assert.strictEqual(bib.getText(), before.bib, 'undo restores the .bib');
  });

  it('inserts a new LaTeX citation with the configured command, without touching the .bib for a key it has', async () => {
    const doc = await openWorkspaceFile('manuscript.tex');
    const editor = await vscode.window.showTextDocument(doc);
    const bib = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'references.bib'));
    const bibBefore = bib.getText();
    await placeCursor(editor, 'estimated its prevalence', 'estimated its prevalence'.length);
    await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', 'parencite', vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['beck2023estimated', 'beck2020somatic']), true);
    } finally {
      await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.match(doc.getText(), /estimated its prevalence\\parencite\{beck2023estimated,beck2020somatic\}/);
    assert.strictEqual(bib.getText(), bibBefore);
    await vscode.commands.executeCommand('undo');
  });

  it('creates and declares references.bib when a manuscript has no bibliography', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'fresh', 'draft.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Draft\n---\n\nVEXAS was described in 2020.\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await placeCursor(editor, '2020.', 4);
    assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating'], { createBibliography: true }), true);
    assert.strictEqual(doc.getText(), '---\ntitle: Draft\nbibliography: references.bib\n---\n\nVEXAS was described in 2020 [@li2024navigating].\n');
    const created = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, '..', 'references.bib')));
    assert.match(created, /^@article\{li2024navigating,/);
  });
});
