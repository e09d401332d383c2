import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Bibliographies } from '../../src/workspace/bibliographies';
import { isInsideWorkspace } from '../../src/workspace/access';
import { activateExtension, waitFor, workspaceFolder } from './helpers';

/**
 * The review's findings that live in the editor, not the parsers: edits beyond what was asked,
 * files chosen by manuscript content, stale external exports, keys that break out of a citation,
 * the missing-key hover, and what pandoc/biber will make of a malformed bibliography.
 */
async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function readFile(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function editorAt(uri: vscode.Uri, needle: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  const p = doc.positionAt(offset + needle.length);
  editor.selection = new vscode.Selection(p, p);
  return editor;
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

describe('hardening in the extension host', function () {
  this.timeout(30_000);
  before(activateExtension);

  describe('edits: only what was asked', () => {
    it('a declared .bib that does not exist yet is created; no second bibliography key', async () => {
      const md = await writeFile('declared-missing/draft.md', '---\ntitle: Draft\nbibliography: refs.bib\n---\n\nVEXAS was described in 2020.\n');
      const editor = await editorAt(md, 'in 2020');
      assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating']), true);
      const text = editor.document.getText();
      assert.strictEqual(count(text, /^bibliography:/gm), 1, text);
      assert.match(text, /in 2020 \[@li2024navigating\]/);
      assert.match(await readFile(vscode.Uri.joinPath(md, '..', 'refs.bib')), /^@article\{li2024navigating,/);
      assert.ok(!fs.existsSync(path.join(path.dirname(md.fsPath), 'references.bib')), 'no references.bib was made up');
    });

    it('LaTeX: a declared \\bibliography{refs} that does not exist yet is created; no second \\bibliography', async () => {
      const tex = await writeFile('declared-missing-tex/paper.tex', '\\documentclass{article}\n\\begin{document}\nVEXAS was described in 2020.\n\\bibliography{refs}\n\\end{document}\n');
      const editor = await editorAt(tex, 'in 2020');
      assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating']), true);
      assert.strictEqual(count(editor.document.getText(), /\\bibliography\{/g), 1);
      assert.match(await readFile(vscode.Uri.joinPath(tex, '..', 'refs.bib')), /^@article\{li2024navigating,/);
    });

    it('only CSL-JSON declared: the entry joins the JSON file as an item, in one undo with the citation', async () => {
      const json = await writeFile('json-only/refs.json', '[\n  {\n    "id": "own2021",\n    "type": "article-journal",\n    "title": "Own"\n  }\n]\n');
      const md = await writeFile('json-only/draft.md', '---\nbibliography: refs.json\n---\n\nSee [@own2021].\n');
      const editor = await editorAt(md, '[@own2021');
      const jsonDoc = await vscode.workspace.openTextDocument(json);
      const before = { md: editor.document.getText(), json: jsonDoc.getText() };
      assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating']), true);
      assert.strictEqual(count(editor.document.getText(), /^bibliography:/gm), 1);
      assert.match(editor.document.getText(), /\[@own2021; @li2024navigating\]/);
      const items = JSON.parse(jsonDoc.getText()) as Array<{ id: string; DOI?: string; verified?: string }>;
      assert.deepStrictEqual(items.map(i => i.id), ['own2021', 'li2024navigating']);
      assert.strictEqual(items[1].DOI, '10.1186/s10020-024-00922-8');
      assert.ok(jsonDoc.getText().startsWith(before.json.trimEnd().slice(0, -1).trimEnd()), 'the existing items are untouched');
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(editor.document.getText(), before.md);
      if (jsonDoc.getText() !== before.json) {
        await vscode.window.showTextDocument(jsonDoc);
        await vscode.commands.executeCommand('undo');
      }
      assert.strictEqual(jsonDoc.getText(), before.json);
    });
  });

  describe('injection', () => {
    it('a key that would break out of \\cite{…} is neither offered nor inserted', async () => {
      const evil = 'x}\\immediate\\write18{touch pwned}';
      await writeFile('inject/refs.json', JSON.stringify([{ id: evil, title: 'Evil' }, { id: 'fine2020', title: 'Fine' }]));
      const tex = await writeFile('inject/paper.tex', '\\documentclass{article}\n\\addbibresource{refs.json}\n\\begin{document}\nText \\cite{}.\n\\end{document}\n');
      const editor = await editorAt(tex, '\\cite{');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', tex, editor.selection.active);
      const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('fine2020'), labels.join(', '));
      assert.ok(!labels.includes(evil));
      const before = editor.document.getText();
      assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', [evil]), false);
      assert.strictEqual(editor.document.getText(), before);
    });

    it('a workspace setting for the LaTeX command that is not a command name is not written', async () => {
      const tex = await writeFile('inject/cmd.tex', '\\documentclass{article}\n\\begin{document}\nText here.\n\\end{document}\n');
      const editor = await editorAt(tex, 'Text here');
      await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', 'cite}\\input{/etc/passwd}\\cite', vscode.ConfigurationTarget.Global);
      try {
        assert.strictEqual(await vscode.commands.executeCommand('vexas.insertCitationKeys', ['li2024navigating'], { targetBibliography: vscode.Uri.joinPath(tex, '..', 'refs.bib').toString() }), true);
      } finally {
        await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.match(editor.document.getText(), /Text here\\cite\{li2024navigating\}\./);
      assert.doesNotMatch(editor.document.getText(), /input/);
    });
  });

  describe('files: what a manuscript may make us read', () => {
    it('a device or an oversized file is refused with a message, and the manuscript still works', async () => {
      const api = await activateExtension();
      const md = await writeFile('files/device.md', '---\nbibliography: [/dev/zero, ../library.bib]\n---\n\n[@device2020]\n');
      const doc = await vscode.workspace.openTextDocument(md);
      const bib = await api.bibliographies.forDocument(doc, 'markdown');
      assert.ok(!bib.files.some(f => f.uri.path === '/dev/zero'));
      assert.ok(api.bibliographies.notices.some(n => /dev\/zero is not a regular file/.test(n)), api.bibliographies.notices.join('\n'));
      await vscode.workspace.getConfiguration('vexas').update('bibliography.maxFileSizeMB', 0.001, vscode.ConfigurationTarget.Global);
      try {
        const big = await writeFile('files/big.bib', `@article{big2020, title = {${'x'.repeat(3000)}}}\n`);
        const md2 = await writeFile('files/big.md', '---\nbibliography: big.bib\n---\n\n[@big2020]\n');
        const bib2 = await api.bibliographies.forDocument(await vscode.workspace.openTextDocument(md2), 'markdown');
        assert.ok(!bib2.files.some(f => f.uri.toString() === big.toString()));
        assert.ok(api.bibliographies.notices.some(n => /big\.bib is 0 MB, over the limit/.test(n)), api.bibliographies.notices.join('\n'));
      } finally {
        await vscode.workspace.getConfiguration('vexas').update('bibliography.maxFileSizeMB', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('untrusted: a bibliography outside the workspace is not read, and the author is told which and why', async () => {
      const api = await activateExtension();
      const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vexas-outside-')), 'home.bib');
      fs.writeFileSync(outside, '@article{outside2020, title = {Outside}}\n');
      const md = await writeFile('files/outside.md', `---\nbibliography: ${outside}\n---\n\n[@outside2020]\n`);
      const doc = await vscode.workspace.openTextDocument(md);
      const untrusted = new Bibliographies(() => api.knowledge(), { mayRead: isInsideWorkspace });
      const trusted = new Bibliographies(() => api.knowledge(), { mayRead: () => true });
      try {
        assert.strictEqual((await untrusted.forDocument(doc, 'markdown')).lookup('outside2020'), undefined);
        assert.ok(untrusted.notices.some(n => n.includes('not trusted') && n.includes('home.bib')), untrusted.notices.join('\n'));
        assert.strictEqual((await trusted.forDocument(doc, 'markdown')).lookup('outside2020')?.entry.fields.title, 'Outside');
      } finally {
        untrusted.dispose();
        trusted.dispose();
      }
    });

    it('an export outside the workspace, rewritten, is read again within seconds', async () => {
      const api = await activateExtension();
      const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vexas-export-')), 'zotero.bib');
      fs.writeFileSync(outside, '@article{first2020, title = {First}}\n');
      const md = await writeFile('files/export.md', `---\nbibliography: ${outside}\n---\n\n[@second2021]\n`);
      const doc = await vscode.workspace.openTextDocument(md);
      assert.ok((await api.bibliographies.forDocument(doc, 'markdown')).lookup('first2020'));
      await new Promise(r => setTimeout(r, 1100)); // a different mtime
      fs.writeFileSync(outside, '@article{first2020, title = {First}}\n@article{second2021, title = {Second}}\n');
      await waitFor('the rewritten export', async () => (await api.bibliographies.forDocument(doc, 'markdown')).lookup('second2021'), 8_000);
    });
  });

  describe('what the author is shown', () => {
    it('the hover of a missing key shows the key exactly as written', async () => {
      const md = await writeFile('hover/missing.md', '---\nbibliography: ../library.bib\n---\n\nSee [@a_b-c.d].\n');
      const editor = await editorAt(md, '[@a_b');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', md, editor.selection.active);
      const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /`a_b-c\.d`/);
      assert.doesNotMatch(text, /a\\_b/);
    });

    it('a malformed .bib: an error in the file, and on the manuscript what pandoc will do, linked to the place', async () => {
      const api = await activateExtension();
      const bibUri = await writeFile('toolchain/refs.bib', '@article{good2020, title = {Good}}\n\n@article{bad2021,\n  title = {Unbalanced,\n  year = 2021\n}\n');
      const md = await writeFile('toolchain/paper.md', '---\nbibliography: refs.bib\n---\n\n[@good2020]\n');
      const doc = await vscode.workspace.openTextDocument(md);
      await api.updateDiagnostics(doc);
      const onManuscript = await waitFor('the declaration diagnostic', () => vscode.languages.getDiagnostics(md).find(d => /pandoc will stop/.test(d.message)));
      assert.strictEqual(onManuscript.severity, vscode.DiagnosticSeverity.Error);
      assert.match(onManuscript.message, /refs\.bib line 4: Entry 'bad2021'/);
      assert.strictEqual(doc.getText(doc.validateRange(onManuscript.range)), 'refs.bib');
      const target = (onManuscript.code as { target: vscode.Uri }).target;
      assert.strictEqual(target.fragment, 'L4,11');
      const inBib = vscode.languages.getDiagnostics(bibUri);
      assert.ok(inBib.some(d => d.severity === vscode.DiagnosticSeverity.Error), inBib.map(d => d.message).join('\n'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md, onManuscript.range);
      assert.ok(actions.some(a => /Go to the problem in .*refs\.bib/.test(a.title)));
    });
  });
});
