import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, completionsAt, hoverAt, openWorkspaceFile, workspaceFolder } from '../../integration/helpers';

describe('web: writing assistance', () => {
  before(activateExtension);

  it('the workspace is the mounted virtual folder, not a disk path', () => {
    assert.strictEqual(workspaceFolder().uri.scheme, 'vscode-test-web');
  });

  it('hover on a VEXAS term shows its sourced definition', async () => {
    const doc = await openWorkspaceFile('paper.md');
    const text = await hoverAt(doc, 'p.Met41Thr', 4);
    assert.match(text, /\*\*p\\\.Met41Thr\*\*/);
    assert.match(text, /Sources/);
  });

  it('hover on a citation key shows the reference formatted by citation-js, from the workspace .bib', async () => {
    const doc = await openWorkspaceFile('paper.md');
    const text = await hoverAt(doc, '@webGeneticsKey2020', 3);
    assert.match(text, /Webtest A, Second B\\\. A web\\-suite fixture article on somatic UBA1 variants\\\. Fixture Journal\\\. 2020;1:1–2/);
    assert.match(text, /From refs\\?\.bib/);
    assert.doesNotMatch(text, /Zotero/, 'no Zotero links where Zotero cannot be reached');
  });

  it('completes citation keys in Markdown (by title word) and in LaTeX \\cite{}', async () => {
    const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [@inflammasome' });
    assert.ok((await completionsAt(md, new vscode.Position(0, 18))).includes('kosmider2024vexas'));
    const tex = await openWorkspaceFile('paper.tex');
    const line = tex.getText().split('\n').findIndex(l => l.includes('\\cite{webGeneticsKey2020}'));
    const at = new vscode.Position(line, tex.lineAt(line).text.indexOf('webGenetics') + 3);
    const labels = await completionsAt(tex, at);
    assert.ok(labels.includes('webGeneticsKey2020'), labels.slice(0, 8).join());
  });

  it('completes VEXAS terms in prose', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Treated with tocil' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 18));
    assert.ok(list.items.some(i => i.insertText === 'tocilizumab'));
  });

  it('go to definition opens the entry in the workspace .bib', async () => {
    const doc = await openWorkspaceFile('paper.md');
    const offset = doc.getText().indexOf('webGeneticsKey2020');
    const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset + 2));
    assert.strictEqual(locs.length, 1);
    assert.strictEqual(locs[0].uri.toString(), vscode.Uri.joinPath(workspaceFolder().uri, 'refs.bib').toString());
  });

  it('an absolute bibliography path is read through the workspace\'s own file system, not a disk\'s', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'nested', 'absolute.md');
    // A Windows path written on another computer is looked for (and not found) without breaking the rest.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nbibliography: [\'C:\\Users\\ana\\refs.bib\', /refs.bib]\n---\n\nSee [@webGeneticsKey2020].\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(await hoverAt(doc, '@webGeneticsKey2020', 3), /From refs\\?\.bib/);
  });
});
