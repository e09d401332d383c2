import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, cursorAfter, openWithBibliography, undoBoth, waitFor } from '../../integration/helpers';

describe('web: citations and the bibliography', () => {
  before(activateExtension);

  it('a key only the VEXAS library has: a diagnostic whose quick fix copies the entry, undone in one step', async () => {
    const { doc, bib, before, bibBefore } = await openWithBibliography('paper.md', 'refs.bib');
    const diag = await waitFor('the VEXAS-library diagnostic', () => vscode.languages.getDiagnostics(doc.uri)
      .find(d => d.source === 'VEXAS' && d.code === 'missing-citation-in-vexas-library' && doc.getText(d.range) === 'kosmider2024vexas'));
    // The workbench cancels a code-action request when the document's state moves under it (the
    // diagnostics of the just-opened editors): ask again until it answers.
    const actions = await waitFor('the quick fixes', async () => {
      try { return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range); } catch { return undefined; }
    });
    const fix = actions.find(a => a.title === "Add 'kosmider2024vexas' from the VEXAS library to the bibliography");
    assert.ok(fix?.command, actions.map(a => a.title).join());
    assert.strictEqual(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);
    assert.ok(bib.getText().startsWith(bibBefore), 'the existing entries are untouched');
    assert.match(bib.getText().slice(bibBefore.length), /@article\{kosmider2024vexas,\n[^]*doi\s+= \{10\.1038\/s41467-024-44811-4\}/);
    await waitFor('the diagnostic to clear', () => (vscode.languages.getDiagnostics(doc.uri)
      .some(d => d.code === 'missing-citation-in-vexas-library') ? undefined : true));
    await vscode.window.showTextDocument(bib);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(bib.getText(), bibBefore, 'one undo removes the copied entry');
    assert.strictEqual(doc.getText(), before, 'the manuscript was not touched');
  });

  it('Insert Citation cites a VEXAS library key and copies its entry into the .bib, undone in one step', async () => {
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('paper.md', 'refs.bib');
    cursorAfter(editor, 'IL-6 inhibitors such as tocilizumab');
    assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating']), true);
    assert.ok(doc.getText().includes('IL-6 inhibitors such as tocilizumab [@li2024navigating] were reported.'), doc.getText());
    assert.match(bib.getText().slice(bibBefore.length), /^\n?@\w+\{li2024navigating,\n/);
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('Zotero commands say why they are not available, and change nothing', async () => {
    const { doc, before } = await openWithBibliography('paper.md', 'refs.bib');
    for (const command of ['vexas.zotero.cite', 'vexas.zotero.show', 'vexas.zotero.checkAutoExports']) {
      assert.match(String(await vscode.commands.executeCommand(command, 'webGeneticsKey2020')), /^Zotero is not available in VS Code for the Web: .*a browser tab cannot reach it/, command);
    }
    assert.strictEqual(doc.getText(), before);
  });
});
