import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openWithBibliography, undoBoth, waitFor } from './helpers';

/** Completing citation keys the way an author does: every row says where it comes from, and a key only the VEXAS library has arrives with its entry. */
describe('citation flow in the extension host', function () {
  this.timeout(30_000);
  before(activateExtension);

  it('completing a key only the VEXAS library has writes the key and its entry in one edit: no warning, undo removes both', async () => {
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    const at = doc.getText().indexOf('@bindoli2023jak]') + '@bindoli2023jak'.length;
    await editor.edit(b => b.insert(doc.positionAt(at), '; @kosm'));
    const cursor = doc.positionAt(at + '; @kosm'.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, cursor);
    const item = list.items.find(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'kosmider2024vexas');
    assert.ok(item, 'the library key is offered');
    assert.strictEqual((item.label as vscode.CompletionItemLabel).description, 'VEXAS library', 'the row says where it comes from');
    assert.ok(typeof item.detail === 'string' && item.detail.length > 10, 'the row shows the title');
    assert.ok(item.command, 'choosing it runs the command that adds the entry');
    const typed = doc.getText();
    assert.strictEqual(await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? [])), true);
    assert.match(doc.getText(), /\[@li2024navigating; @bindoli2023jak; @kosmider2024vexas\]/);
    assert.match(bib.getText().slice(bibBefore.length), /^\n?@article\{kosmider2024vexas,/);
    const api = await activateExtension();
    await api.updateDiagnostics(doc);
    await waitFor('no missing-key warning for the completed key', () =>
      vscode.languages.getDiagnostics(doc.uri).some(d => doc.getText(d.range) === 'kosmider2024vexas') ? undefined : true);
    // One undo removes the key (back to what was typed) and the entry; then the typing itself.
    await undoBoth(doc, typed, bib, bibBefore);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });

  it('a key the manuscript\'s own bibliography has is inserted as it is, its file named', async () => {
    const { doc, editor } = await openWithBibliography('manuscript.md', 'library.bib');
    const at = doc.getText().indexOf('[@li2024navigating') + 2;
    const cursor = doc.positionAt(at + 2);
    editor.selection = new vscode.Selection(cursor, cursor);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, cursor);
    const item = list.items.find(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'li2024navigating');
    assert.ok(item);
    assert.strictEqual((item.label as vscode.CompletionItemLabel).description, 'library.bib');
    assert.strictEqual(item.insertText, 'li2024navigating');
    assert.strictEqual(item.command, undefined);
    assert.doesNotMatch(String((item.documentation as vscode.MarkdownString).value), /others/, 'an author list says et al., not "others"');
  });
});

describe('LaTeX citation commands a document defines', function () {
  this.timeout(30_000);
  before(activateExtension);

  it('an alias defined in the root file is completed and checked in a chapter file', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'book', 'main.tex'), new TextEncoder().encode(
      '\\documentclass{article}\n\\newcommand{\\mycite}[1]{\\citet{#1}}\n\\begin{document}\n\\input{chapter}\n\\bibliography{../references}\n\\end{document}\n'));
    const chapterUri = vscode.Uri.joinPath(folder, 'book', 'chapter.tex');
    await vscode.workspace.fs.writeFile(chapterUri, new TextEncoder().encode('% !TEX root = main.tex\nAs \\mycite{beck} showed, and \\mycite{nosuchkey2099}.\n'));
    const doc = await vscode.workspace.openTextDocument(chapterUri);
    await vscode.window.showTextDocument(doc);
    const cursor = doc.positionAt(doc.getText().indexOf('{beck}') + 5);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', chapterUri, cursor);
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('beck2020somatic'), labels.slice(0, 10).join(', '));
    const api = await activateExtension();
    await api.updateDiagnostics(doc);
    const missing = await waitFor('the unknown key in the alias', () => {
      const d = vscode.languages.getDiagnostics(chapterUri).filter(x => doc.getText(x.range) === 'nosuchkey2099');
      return d.length ? d : undefined;
    });
    assert.strictEqual(missing.length, 1);
  });
});

describe('identifiers from the VEXAS library', function () {
  this.timeout(30_000);
  before(activateExtension);

  it('a user entry without DOI/PMID for a work the library identifies: a note on the entry, and a one-edit fix', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const bibUri = vscode.Uri.joinPath(folder, 'enrich', 'refs.bib');
    await vscode.workspace.fs.writeFile(bibUri, new TextEncoder().encode(
      '@article{mybeck,\n  author = {Beck, D. B. and others},\n  title = {Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease},\n  year = {2020}\n}\n'));
    const doc = await vscode.workspace.openTextDocument(bibUri);
    await vscode.window.showTextDocument(doc);
    const api = await activateExtension();
    await api.updateDiagnostics(doc);
    const note = await waitFor('the note on the entry', () => vscode.languages.getDiagnostics(bibUri).find(d => /VEXAS library has this work's DOI/.test(d.message)));
    assert.strictEqual(note.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(doc.getText(note.range), 'mybeck');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bibUri, note.range);
    const fix = actions.find(a => /Add DOI and PMID from the VEXAS library/.test(a.title));
    assert.ok(fix?.edit, actions.map(a => a.title).join('; '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes("year = {2020},\n  doi = {10.1056/NEJMoa2026834},\n  pmid = {33108101}\n}"), doc.getText());
    await vscode.commands.executeCommand('undo');
  });
});
