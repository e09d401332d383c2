import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VexasExtensionApi } from '../../src/extension';
import { activateExtension, completionsAt, hoverAt, openWorkspaceFile, waitFor, workspaceFolder } from './helpers';

describe('writing assistance in the extension host', () => {
  let api: VexasExtensionApi;
  before(async () => { api = await activateExtension(); });

  describe('hover', () => {
    it('a VEXAS term shows its definition and sources', async () => {
      const doc = await openWorkspaceFile('manuscript.md');
      const text = await hoverAt(doc, 'p.Met41Thr', 4);
      assert.match(text, /\*\*p\\\.Met41Thr\*\*/);
      assert.match(text, /Sources/);
    });

    it('a citation key shows the formatted reference and the file it came from', async () => {
      const doc = await openWorkspaceFile('manuscript.md');
      const text = await hoverAt(doc, '@beck2020somatic]', 3);
      assert.match(text, /Somatic mutations in UBA1/i);
      assert.match(text, /N Engl J Med/);
      assert.match(text, /From library\\?\.bib/);
    });

    it('a key only the VEXAS library has says so', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'As shown [@kosmider2024vexas].\n' });
      const text = await hoverAt(doc, 'kosmider', 2);
      assert.match(text, /VEXAS library has it/);
    });

    it('no term hover inside code', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Text `tocilizumab` and tocilizumab.\n' });
      assert.strictEqual(await hoverAt(doc, 'tocilizumab`', 3), '');
      assert.match(await hoverAt(doc, 'tocilizumab.', 3), /\*\*tocilizumab\*\*/);
    });
  });

  describe('completion', () => {
    it('citation keys after [@ in Markdown, by key prefix and by title word', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [@bec' });
      const labels = await completionsAt(doc, new vscode.Position(0, 9));
      assert.ok(labels.includes('beck2020somatic') && labels.includes('beck2023estimated'), labels.slice(0, 10).join());
      const byTitle = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [@inflammasome' });
      assert.ok((await completionsAt(byTitle, new vscode.Position(0, 18))).includes('kosmider2024vexas'));
    });

    it('citation keys inside \\cite{…} in LaTeX, after a comma too', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: '\\parencite[see][]{li2024navigating, bec' });
      const labels = await completionsAt(doc, new vscode.Position(0, 39));
      assert.strictEqual(labels[0]?.startsWith('beck'), true, labels.slice(0, 5).join());
    });

    it('VEXAS terms in prose: "tocil" offers tocilizumab, "M41T" offers p.Met41Thr', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Treated with tocil\nCarrying M41T' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 18));
      assert.ok(list.items.some(i => i.insertText === 'tocilizumab'));
      const m41t = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 13));
      assert.ok(m41t.items.some(i => i.insertText === 'p.Met41Thr'));
    });
  });

  describe('definition and references', () => {
    it('go to definition opens the entry in the .bib', async () => {
      const doc = await openWorkspaceFile('manuscript.tex');
      const offset = doc.getText().indexOf('beck2020somatic');
      const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset + 2));
      assert.strictEqual(locs.length, 1);
      assert.match(locs[0].uri.path, /references\.bib$/);
      const bib = await vscode.workspace.openTextDocument(locs[0].uri);
      assert.strictEqual(bib.getText(locs[0].range), 'beck2020somatic');
    });

    it('find references lists the key in both manuscripts', async () => {
      const doc = await openWorkspaceFile('manuscript.md');
      const offset = doc.getText().indexOf('beck2020somatic');
      const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(offset + 2));
      const files = [...new Set(locs.map(l => l.uri.path.split('/').pop()))].sort();
      assert.deepStrictEqual(files, ['manuscript.md', 'manuscript.tex']);
    });
  });

  describe('inline references in YAML front matter', () => {
    it('are completed, hovered, resolved for definition, and not reported missing', async () => {
      const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'inline.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(
        '---\nreferences:\n  - id: smith2021inline\n    type: article-journal\n    title: An inline reference on UBA1\n' +
        '    author:\n      - family: Smith\n        given: Ann\n    issued: 2021\n    container-title: Test Journal\n---\n\n' +
        'See [@smith2021inline]. More [@smi\n'));
      const doc = await vscode.workspace.openTextDocument(uri);
      const labels = await completionsAt(doc, new vscode.Position(12, 33));
      assert.ok(labels.includes('smith2021inline'), labels.slice(0, 5).join());
      const hover = await hoverAt(doc, 'smith2021inline]', 3);
      assert.match(hover, /An inline reference on UBA1/);
      const offset = doc.getText().indexOf('smith2021inline]');
      const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset + 2));
      assert.strictEqual(locs.length, 1);
      assert.strictEqual(locs[0].range.start.line, 2, 'the id: line of the front matter');
      await api.updateDiagnostics(doc);
      const missing = vscode.languages.getDiagnostics(uri).filter(d => d.source === 'VEXAS' && doc.getText(d.range) === 'smith2021inline');
      assert.deepStrictEqual(missing, []);
    });
  });

  describe('watching bibliography files', () => {
    it('picks up a declared bibliography that appears later, and ignores unrelated JSON files', async () => {
      const folder = workspaceFolder().uri;
      const uri = vscode.Uri.joinPath(folder, 'late', 'paper.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nbibliography: late.bib\n---\n\nSee [@late2020].\n'));
      const doc = await vscode.workspace.openTextDocument(uri);
      await api.updateDiagnostics(doc);
      const missing = () => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'VEXAS' && doc.getText(d.range) === 'late2020');
      assert.strictEqual(missing().length, 1, 'late2020 is missing while late.bib does not exist');

      const events: string[] = [];
      const sub = api.bibliographies.onDidChange(u => events.push(u.path.split('/').pop() ?? ''));
      try {
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'late', 'node_modules', 'x', 'package.json'), new TextEncoder().encode('{}'));
        await new Promise(r => setTimeout(r, 1500));
        assert.deepStrictEqual(events, [], 'an unrelated JSON file is not a bibliography event');
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'late', 'late.bib'), new TextEncoder().encode('@article{late2020, title = {Late}, year = 2020}\n'));
        await waitFor('the new bibliography to be noticed', () => ((events as string[]).includes('late.bib') ? true : undefined));
      } finally {
        sub.dispose();
      }
      await waitFor('the missing-key diagnostic to clear', () => (missing().length === 0 ? true : undefined));
    });
  });

  describe('diagnostics', () => {
    it('missing keys, keys the VEXAS library has, and discouraged spellings, each with its fix', async () => {
      const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagnostics.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(
        '---\nbibliography: library.bib\n---\n\nSee [@nosuchkey2020] and [@kosmider2024vexas]. The M41T variant of UBA-1.\n\n`M41T in code`\n'));
      const doc = await vscode.workspace.openTextDocument(uri);
      await api.updateDiagnostics(doc);
      const diags = vscode.languages.getDiagnostics(uri).filter(d => d.source === 'VEXAS');
      const summary = diags.map(d => `${d.code}:${doc.getText(d.range)}`).sort();
      assert.deepStrictEqual(summary, [
        'missing-citation-in-vexas-library:kosmider2024vexas', 'missing-citation:nosuchkey2020',
        'nomenclature:M41T', 'nomenclature:UBA-1',
      ]);
      const m41t = diags.find(d => doc.getText(d.range) === 'M41T')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, m41t.range);
      const fix = actions.find(a => a.title === "Replace with 'p.Met41Thr'");
      assert.ok(fix?.edit, actions.map(a => a.title).join());
    });

    it('a .bib full of non-ASCII text read from disk: hover, completion, definition and problem places are exact', async () => {
      const folder = workspaceFolder().uri;
      const bibUri = vscode.Uri.joinPath(folder, 'unicode', 'unicode.bib');
      // Read from disk (never opened), so it goes through the one-byte-per-character SourceText.
      await vscode.workspace.fs.writeFile(bibUri, new TextEncoder().encode(
        '% Ωmega “notes” 🧬\n' +
        '@comment{Ἀλέξανδρος 東京 🧬} @article{uni2024, title = {Ωmega “UBA1” 🧬 in 東京}, author = {Łukasiewicz, Jan and 王, 小明}, year = 2024}\n' +
        '@article{broken2023, title = {Ünïcödé 🧬 “quoted”} year = 2023}\n'));
      const uri = vscode.Uri.joinPath(folder, 'unicode', 'paper.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nbibliography: unicode.bib\n---\n\nSee [@uni2024]. Also [@łuk\n'));
      const doc = await vscode.workspace.openTextDocument(uri);

      assert.match(await hoverAt(doc, 'uni2024]', 2), /Ωmega “UBA1” 🧬 in 東京/);
      const labels = await completionsAt(doc, new vscode.Position(4, doc.lineAt(4).text.length));
      assert.ok(labels.includes('uni2024'), `completion by a non-ASCII author name: ${labels.slice(0, 5).join()}`);

      const offset = doc.getText().indexOf('uni2024');
      const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset + 2));
      assert.strictEqual(locs.length, 1);
      const bib = await vscode.workspace.openTextDocument(bibUri);
      assert.strictEqual(bib.getText(locs[0].range), 'uni2024', `range ${JSON.stringify(locs[0].range)}`);

      const loaded = await api.bibliographies.load(vscode.Uri.joinPath(folder, 'unicode', 'unicode.bib'));
      const comma = loaded.errors.find(e => e.message.includes("missing comma before field 'year'"));
      assert.ok(comma, loaded.errors.map(e => e.message).join('; '));
      const at = loaded.lines().positionAt(comma.end);
      assert.strictEqual(bib.getText(new vscode.Range(at.line, at.character - 4, at.line, at.character)), 'year');
    });

    it('a JabRef file in windows-1252 is read in it; a .bib that is not UTF-8 says so where it breaks', async () => {
      const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'encodings');
      const bytes = (text: string) => Uint8Array.from(text, c => c.charCodeAt(0)); // one byte per character (Latin-1)
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'jabref.bib'), bytes(
        '% Encoding: windows-1252\r\n\r\n@article{jabref2019, author = {M\u00fcller, J\u00fcrgen}, title = {Caf\u00e9 \u0093au lait\u0094}, year = 2019}\r\n'));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'old.bib'), bytes(
        '@article{old2001, title = {Plain}, year = 2001}\n@article{old2002, author = {Sch\u00f6n, A.}, title = {Latin-1}, year = 2002}\n'));
      const uri = vscode.Uri.joinPath(folder, 'paper.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nbibliography: [jabref.bib, old.bib]\n---\n\nSee [@jabref2019] and [@old2002].\n'));
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.match(await hoverAt(doc, 'jabref2019]', 2), /Müller.*Café “au lait/s);
      await api.updateDiagnostics(doc);
      const old = vscode.Uri.joinPath(folder, 'old.bib');
      const problems = await waitFor('the encoding problem on old.bib', () => {
        const d = vscode.languages.getDiagnostics(old);
        return d.length ? d : undefined;
      });
      assert.strictEqual(problems.length, 1, problems.map(d => d.message).join('; '));
      assert.match(problems[0].message, /^The file is not valid UTF-8 from here on/);
      assert.deepStrictEqual([problems[0].range.start.line, problems[0].range.start.character], [1, 31], 'at the ö of Schön');
      assert.deepStrictEqual(vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder, 'jabref.bib')), []);
      // Its entries still resolve; the byte that did not decode shows as U+FFFD (hover markup escapes . and -).
      assert.match(await hoverAt(doc, 'old2002]', 2), /Sch\uFFFDn A\\?\. Latin\\?-1/);
    });

    it('malformed .bib entries are reported at their place, and the good entries still resolve', async () => {
      const bibUri = vscode.Uri.joinPath(workspaceFolder().uri, 'broken.bib');
      await vscode.workspace.fs.writeFile(bibUri, new TextEncoder().encode(
        '@article{good1, title = {Good one}, year = 2020}\n\n@article{bad1, title = {Unclosed, year = 2021\n\n@article{good2, title = {Good two}, year = 2022}\n'));
      const bib = await vscode.workspace.openTextDocument(bibUri);
      await api.updateDiagnostics(bib);
      const diags = await waitFor('bib diagnostics', () => {
        const d = vscode.languages.getDiagnostics(bibUri);
        return d.length ? d : undefined;
      });
      assert.ok(diags.some(d => d.range.start.line === 2), diags.map(d => `${d.range.start.line}: ${d.message}`).join('; '));
      const loaded = await api.bibliographies.load(bibUri);
      assert.deepStrictEqual(loaded.entries.map(e => e.key).filter(k => k.startsWith('good')), ['good1', 'good2']);
    });
  });
});
