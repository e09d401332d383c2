import * as assert from 'assert';
import * as vscode from 'vscode';
import { startRegistryServer, type RegistryServer } from '../support/registryServer';
import { activateExtension, cursorAfter, openWithBibliography, undoBoth, waitFor, workspaceFolder } from './helpers';

type AddResult = { status: string; key?: string; fetched?: boolean; failure?: { kind: string } };
const add = (input: string) => vscode.commands.executeCommand<AddResult>('vexas.addByIdentifier', input);
const network = () => vscode.workspace.getConfiguration('vexas.network');

/** Points the extension at the local registry server (answers not cached, short timeout); `reset` undoes it. */
async function useServer(server: RegistryServer, extra: Record<string, unknown> = {}): Promise<void> {
  for (const [name, url] of Object.entries(server.endpoints)) await network().update(`endpoints.${name}`, url, vscode.ConfigurationTarget.Global);
  for (const [name, value] of Object.entries({ cacheDays: 0, timeoutSeconds: 3, ...extra })) await network().update(name, value, vscode.ConfigurationTarget.Global);
}

async function resetNetworkSettings(server: RegistryServer): Promise<void> {
  for (const name of [...Object.keys(server.endpoints).map(n => `endpoints.${n}`), 'cacheDays', 'timeoutSeconds', 'contactEmail', 'enabled']) {
    await network().update(name, undefined, vscode.ConfigurationTarget.Global);
  }
}


/** Adding a paper by DOI or PMID, against a local server that answers as doi.org, NCBI and Crossref do. */
describe('lookup: add a reference by identifier in the extension host', function () {
  this.timeout(30_000);
  let server: RegistryServer;
  before(async () => {
    await activateExtension();
    server = await startRegistryServer();
    await useServer(server, { contactEmail: 'author@example.org' });
  });
  after(async () => {
    await resetNetworkSettings(server);
    await server.close();
  });

  it('requests nothing while network lookups are off, and changes nothing', async () => {
    await network().update('enabled', false, vscode.ConfigurationTarget.Global);
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    cursorAfter(editor, 'Patients may present with relapsing polychondritis');
    const result = await add('10.5555/vexas.test.1');
    assert.strictEqual(result.status, 'network-off');
    assert.deepStrictEqual(server.requests, []);
    assert.strictEqual(doc.getText(), before);
    assert.strictEqual(bib.getText(), bibBefore);
  });

  it('adds by DOI into the .bib and cites it, identified, in one undoable edit', async () => {
    await network().update('enabled', true, vscode.ConfigurationTarget.Global);
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    cursorAfter(editor, 'Patients may present with relapsing polychondritis');
    const result = await add('https://doi.org/10.5555/vexas.test.1');
    assert.deepStrictEqual(result, { status: 'inserted', key: 'dvorak2024somatic', fetched: true });
    assert.ok(doc.getText().includes('relapsing polychondritis [@dvorak2024somatic]'), doc.getText().slice(0, 900));
    const added = bib.getText().slice(bibBefore.length);
    assert.ok(bib.getText().startsWith(bibBefore), 'the existing entries are untouched');
    assert.match(added, /^\n?@article\{dvorak2024somatic,\n/);
    assert.match(added, /author += \{Dvořák, Zoë and van der Berg, Jan and \{Example Study Group\}\}/);
    assert.match(added, /title += \{Somatic \\textit\{\{UBA1\}\} variants \\& 50\\% relapse in \{VEXAS\}: a test\\_cohort\}/);
    assert.match(added, /doi += \{10\.5555\/vexas\.test\.1\}/);
    const request = server.requests.at(-1)!;
    assert.strictEqual(request.path, '/doi/10.5555/vexas.test.1');
    assert.match(String(request.headers['user-agent']), /^VEXAS-Manuscript-Assistant\/\d+\.\d+\.\d+ \(VS Code extension\) \(mailto:author@example\.org\)$/);
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('adds by PMID into a CSL-JSON bibliography as a CSL item', async () => {
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'lookup-json');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'draft.md'), new TextEncoder().encode('---\nbibliography: refs.json\n---\n\nTocilizumab was reported.\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'refs.json'), new TextEncoder().encode('[\n  {"id": "old2020", "type": "article-journal", "title": "Old"}\n]\n'));
    try {
      const { doc, editor, bib, before, bibBefore } = await openWithBibliography('lookup-json/draft.md', 'lookup-json/refs.json');
      cursorAfter(editor, 'was reported');
      const result = await add('PMID: 99000001');
      assert.deepStrictEqual(result, { status: 'inserted', key: 'exampleson2023tocilizumab', fetched: true });
      assert.ok(doc.getText().includes('was reported [@exampleson2023tocilizumab].'), doc.getText());
      const items = JSON.parse(bib.getText()) as Array<Record<string, unknown>>;
      assert.deepStrictEqual(items.map(i => i.id), ['old2020', 'exampleson2023tocilizumab']);
      assert.strictEqual(items[1].PMID, '99000001');
      assert.strictEqual(items[1].DOI, '10.5555/vexas.test.2');
      assert.deepStrictEqual(items[1].author, [{ family: 'Exampleson', given: 'Erin' }, { family: 'Müller', given: 'Jörg' }]);
      assert.match(server.requests.at(-1)!.path, /^\/ncbi\/pubmed\/\?format=csl&id=99000001&tool=vexas-manuscript&email=author%40example\.org$/);
      await undoBoth(doc, before, bib, bibBefore);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('keeps answers on disk for vexas.network.cacheDays: the same DOI again asks nothing', async () => {
    await network().update('cacheDays', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('vexas.network.clearCache');
    try {
      const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
      cursorAfter(editor, 'Patients may present with relapsing polychondritis');
      const count = server.requests.length;
      assert.strictEqual((await add('10.5555/vexas.published')).status, 'inserted');
      assert.strictEqual(server.requests.length, count + 1);
      await undoBoth(doc, before, bib, bibBefore);
      cursorAfter(editor, 'Patients may present with relapsing polychondritis');
      assert.strictEqual((await add('10.5555/vexas.published')).status, 'inserted');
      assert.strictEqual(server.requests.length, count + 1, 'answered from the cache');
      await undoBoth(doc, before, bib, bibBefore);
    } finally {
      await vscode.commands.executeCommand('vexas.network.clearCache');
      await network().update('cacheDays', 0, vscode.ConfigurationTarget.Global);
    }
  });

  it('cites what the bibliography or the VEXAS library already has, without asking the network', async () => {
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    cursorAfter(editor, 'Patients may present with relapsing polychondritis');
    assert.strictEqual((await add('10.5555/vexas.test.1')).status, 'inserted');
    const [doc1, bib1] = [doc.getText(), bib.getText()];
    const count = server.requests.length;
    cursorAfter(editor, 'IL-6 inhibitors such as tocilizumab');
    assert.deepStrictEqual(await add('doi:10.5555/VEXAS.TEST.1'), { status: 'inserted', key: 'dvorak2024somatic', fetched: false }, 'a DOI in any case');
    assert.strictEqual(bib.getText(), bib1, 'no second entry');
    const doc2 = doc.getText();
    cursorAfter(editor, 'IL-6 inhibitors such as tocilizumab [@dvorak2024somatic');
    assert.deepStrictEqual(await add('https://doi.org/10.1038/s41467-024-44811-4'), { status: 'inserted', key: 'kosmider2024vexas', fetched: false }, 'the VEXAS library\'s entry');
    assert.strictEqual(server.requests.length, count, 'nothing requested');
    assert.match(bib.getText().slice(bib1.length), /@article\{kosmider2024vexas,/);
    await undoBoth(doc, doc2, bib, bib1);
    await undoBoth(doc, doc1, bib, bib1);
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('offline, unknown or broken answers: one clear message, nothing changed', async () => {
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    cursorAfter(editor, 'Patients may present with relapsing polychondritis');
    assert.deepStrictEqual((await add('10.5555/missing')).failure?.kind, 'not-found');
    assert.deepStrictEqual((await add('10.5555/malformed')).failure?.kind, 'malformed');
    await network().update('endpoints.doi', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      assert.deepStrictEqual((await add('10.5555/vexas.published')).failure?.kind, 'offline');
    } finally {
      await network().update('endpoints.doi', server.endpoints.doi, vscode.ConfigurationTarget.Global);
    }
    assert.strictEqual(doc.getText(), before);
    assert.strictEqual(bib.getText(), bibBefore);
  });
});

type CheckSummary = { status: string; online?: boolean; total?: number; checked?: number; counts?: Record<string, number>; stopped?: string };
type Snapshot = { message?: string; nodes: Array<{ element: string; label: string; description: string; children: Array<{ label: string; description: string }> }> };

/** Checking a manuscript's references: diagnostics on citations and entries, the report view, quick fixes. */
describe('lookup: check references in the extension host', function () {
  this.timeout(40_000);
  let server: RegistryServer;
  const folder = () => vscode.Uri.joinPath(workspaceFolder().uri, 'check');
  const BIB = [
    '@article{retracted2022, author = {Withdrawn, Will}, title = {A retracted example}, journal = {Journal of Examples}, year = 2022, doi = {10.5555/vexas.retracted}}',
    '@misc{preprint2023, author = {Preprinter, Pat}, title = {A preprint about {VEXAS} treatment}, year = 2023, doi = {10.1101/2099.01.01.000001}}',
    '@article{fine2024, author = {Dvořák, Zoë}, title = {Somatic {UBA1} variants \\& 50\\% relapse in {VEXAS}: a test\\_cohort}, journal = {J Examples}, year = 2024, doi = {10.5555/vexas.test.1}}',
    '@article{wrongyear, author = {Exampleson, Erin}, title = {Tocilizumab in an example cohort with {VEXAS} syndrome}, year = 2018, pmid = {99000001}}',
    '',
  ].join('\n');
  before(async () => {
    await activateExtension();
    server = await startRegistryServer();
    await useServer(server);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'paper.md'), new TextEncoder().encode(
      '---\nbibliography: refs.bib\n---\n\nFirst [@retracted2022]. Then [@preprint2023; @fine2024]. Later @wrongyear.\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), 'refs.bib'), new TextEncoder().encode(BIB));
  });
  after(async () => {
    await resetNetworkSettings(server);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true });
    await server.close();
  });

  it('with network lookups off: offline checks only, nothing requested, and the view says so', async () => {
    await network().update('enabled', false, vscode.ConfigurationTarget.Global);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'paper.md')));
    const requests = server.requests.length;
    const summary = await vscode.commands.executeCommand<CheckSummary>('vexas.checkReferences');
    assert.deepStrictEqual(summary, { status: 'checked', online: false, total: 4, checked: 0, counts: {}, stopped: undefined });
    assert.strictEqual(server.requests.length, requests);
    const view = await vscode.commands.executeCommand<Snapshot>('vexas.referenceCheck.describeTree');
    assert.match(view.message ?? '', /^check\/paper\.md: 4 cited references checked offline only \(network lookups are off\) at .*; no problems found\.$/);
  });

  it('flags a retracted reference on its citation and entry, lists every finding by kind, and a preprint\'s fix swaps in the published version (one undo)', async () => {
    await network().update('enabled', true, vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'paper.md'));
    await vscode.window.showTextDocument(doc);
    const summary = await vscode.commands.executeCommand<CheckSummary>('vexas.checkReferences');
    assert.deepStrictEqual(summary.counts, { retracted: 1, 'preprint-published': 1, 'year-mismatch': 1, 'identifier-found': 1 });
    assert.strictEqual(summary.checked, 4);

    // On the citation in the manuscript, as an error.
    const onCitation = vscode.languages.getDiagnostics(doc.uri).find(d => d.code === 'retracted:retracted2022');
    assert.ok(onCitation, JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map(d => d.code)));
    assert.strictEqual(doc.getText(onCitation.range), 'retracted2022');
    assert.strictEqual(onCitation.severity, vscode.DiagnosticSeverity.Error);
    assert.match(onCitation.message, /has been retracted \(notice: DOI 10\.5555\/vexas\.retraction-notice, 2023\)/);
    // And on the entry.
    const bibUri = vscode.Uri.joinPath(folder(), 'refs.bib');
    const bib = await vscode.workspace.openTextDocument(bibUri);
    const onEntry = vscode.languages.getDiagnostics(bibUri).find(d => d.code === 'retracted:retracted2022');
    assert.ok(onEntry);
    assert.strictEqual(bib.getText(onEntry.range), 'retracted2022');

    const view = await vscode.commands.executeCommand<Snapshot>('vexas.referenceCheck.describeTree');
    assert.deepStrictEqual(view.nodes.map(n => [n.label, n.description]), [
      ['Retracted or withdrawn', '1'], ['Preprint since published', '1'], ['Year differs', '1'], ['Identifier the registry can add', '1']]);
    assert.match(view.message ?? '', /^check\/paper\.md: 4 of 4 cited references checked against the registries at .*; 3 problems\.$/);

    // The preprint's quick fix, from the citation in the manuscript.
    const preprint = vscode.languages.getDiagnostics(doc.uri).find(d => d.code === 'preprint-published:preprint2023')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, preprint.range);
    const replace = actions.find(a => a.title.startsWith('Replace preprint2023 by its published version'));
    assert.ok(replace?.command, JSON.stringify(actions.map(a => a.title)));
    const before = bib.getText();
    assert.strictEqual(await vscode.commands.executeCommand(replace.command.command, ...(replace.command.arguments ?? [])), true);
    const after = bib.getText();
    assert.match(after, /@article\{preprint2023,\n {2}author += \{Preprinter, Pat\},\n {2}title += \{A study about \{VEXAS\} treatment\},\n {2}journal += \{Journal of Examples\}/);
    assert.doesNotMatch(after, /10\.1101\/2099/);
    assert.ok(after.startsWith(before.slice(0, before.indexOf('@misc{preprint2023'))), 'entries before it untouched');
    assert.ok(after.endsWith(before.slice(before.indexOf('@article{fine2024'))), 'entries after it untouched');
    assert.ok(!vscode.languages.getDiagnostics(doc.uri).some(d => d.code === 'preprint-published:preprint2023'), 'the finding is resolved');
    await vscode.window.showTextDocument(bib);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(bib.getText(), before, 'one undo restores the entry');

    // The year fix sets the field in place (one edit).
    // The diagnostics follow the entry as the file changes (the replacement, then its undo).
    const year = await waitFor('the year finding to be on the restored entry', () =>
      vscode.languages.getDiagnostics(bibUri).find(d => d.code === 'year-mismatch:wrongyear' && bib.getText(d.range) === 'wrongyear'));
    const yearFix = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bibUri, year.range)).find(a => a.title.startsWith('Set year of wrongyear to "2023"'));
    assert.ok(yearFix?.edit, JSON.stringify((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bibUri, year.range)).map(a => a.title)));
    assert.ok(await vscode.workspace.applyEdit(yearFix.edit));
    assert.match(bib.getText(), /title = \{Tocilizumab in an example cohort with \{VEXAS\} syndrome\}, year = \{2023\}, pmid = \{99000001\}/);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(bib.getText(), before);
  });
});
