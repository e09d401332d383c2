import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReferencesSnapshot } from '../../src/features/references';
import type { VexasExtensionApi } from '../../src/extension';
import { activateExtension, openWorkspaceFile, undoBoth, waitFor, workspaceFolder } from './helpers';

const describeReferences = () => vscode.commands.executeCommand<ReferencesSnapshot>('vexas.references.describeTree');

/** The citation keys of a .bib in the workspace, read directly (not through the extension). */
async function keysOf(relativePath: string): Promise<string[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceFolder().uri, relativePath));
  return [...new TextDecoder().decode(bytes).matchAll(/^@\w+\{([^,\s]+),/gm)].map(m => m[1]);
}

describe('References view in the extension host', () => {
  let api: VexasExtensionApi;
  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('vexas.references.clearSearch');
  });
  after(() => vscode.commands.executeCommand('vexas.references.clearSearch'));

  it('lists the manuscript\'s bibliography and the VEXAS library, searches both, and inserts a result (undoable)', async () => {
    const doc = await openWorkspaceFile('manuscript.md');
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('vexas.references.focus');
    const tree = await waitFor('the References view to list the manuscript\'s sources', async () => {
      const t = await describeReferences();
      return t.visible && t.manuscript === 'manuscript.md' ? t : undefined;
    });
    const bundled = (await api.knowledge()).referenceEntries;
    assert.deepStrictEqual(tree.nodes.map(n => n.label), ['library.bib', 'VEXAS library']);
    const libraryKeys = await keysOf('library.bib');
    assert.strictEqual(tree.nodes[0].label, 'library.bib');
    assert.strictEqual(tree.nodes[0].description, `${libraryKeys.length} entries`, 'the file name is the label, not repeated');
    assert.deepStrictEqual(tree.nodes[0].children.map(c => c.label), libraryKeys);
    assert.strictEqual(tree.nodes[1].description, `${bundled.length} curated references`);
    assert.deepStrictEqual(tree.nodes[1].children.map(c => c.label), bundled.map(e => e.key));
    const beck = tree.nodes[0].children.find(c => c.label === 'beck2020somatic');
    assert.strictEqual(beck?.description, "Beck 2020 · Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease");
    assert.strictEqual(beck?.contextValue, 'vexasReference', 'no DOI or PMID in library.bib: nothing to open');
    const withDoi = bundled.find(e => e.fields.doi);
    assert.ok(withDoi);
    assert.strictEqual(tree.nodes[1].children.find(c => c.label === withDoi.key)?.contextValue, 'vexasReference:link', 'a DOI to open');

    // A search narrows the view to matching entries from every source, each key once.
    await vscode.commands.executeCommand('vexas.references.search', 'kosmider');
    const found = await describeReferences();
    assert.strictEqual(found.manuscript, 'manuscript.md');
    assert.match(found.message ?? '', /^Search "kosmider": \d+ results? for manuscript\.md\.$/);
    const byKey = new Map(bundled.map(e => [e.key, e]));
    assert.ok(found.nodes.length > 0, 'something is found');
    assert.match(found.nodes[0].label, /^kosmider/, 'a key prefix ranks first');
    for (const n of found.nodes) assert.match(`${n.label} ${byKey.get(n.label)?.fields.author ?? ''}`, /kosmider/i, `${n.label} matches`);
    assert.strictEqual(new Set(found.nodes.map(n => n.label)).size, found.nodes.length);
    assert.ok(!libraryKeys.some(k => found.nodes.some(n => n.label === k)), 'no library.bib entry mentions Kosmider');

    // Insert the first result at the cursor: the key into the text, the entry into library.bib, one undo each.
    const bib = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, 'library.bib'));
    const before = doc.getText();
    const bibBefore = bib.getText();
    const end = doc.positionAt(before.indexOf('# Introduction') + '# Introduction'.length);
    editor.selection = new vscode.Selection(end, end);
    const key = found.nodes[0].label;
    assert.strictEqual(await vscode.commands.executeCommand('vexas.references.insertCitation', found.nodes[0].element), true);
    assert.ok(doc.getText().includes(`# Introduction [@${key}]`), doc.getText().slice(0, 400));
    assert.match(bib.getText(), new RegExp(`@\\w+\\{${key},`), 'the VEXAS-library entry is copied into library.bib');
    await undoBoth(doc, before, bib, bibBefore);

    // A drug name finds the papers about it (the evidence data links studies to drugs), and a search
    // that finds nothing says so rather than showing an empty list.
    await vscode.commands.executeCommand('vexas.references.search', 'ruxolitinib');
    const byDrug = await describeReferences();
    assert.ok(byDrug.nodes.some(n => n.label === 'wolff2025vexas'), JSON.stringify(byDrug.nodes.map(n => n.label)));
    assert.match(byDrug.message ?? '', /^Search "ruxolitinib": \d+ results? for manuscript\.md\.$/);
    await vscode.commands.executeCommand('vexas.references.search', 'zzqxv');
    const none = await describeReferences();
    assert.deepStrictEqual(none.nodes, []);
    assert.strictEqual(none.message, 'No reference matches "zzqxv" for manuscript.md (searched: key, authors, title, year, keywords, abstract, DOI, PMID).');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('vexas.references.clearSearch');
    const cleared = await describeReferences();
    assert.strictEqual(cleared.manuscript, 'manuscript.md');
    assert.deepStrictEqual(cleared.nodes.map(n => n.label), ['library.bib', 'VEXAS library']);
  });

  it('shows a declared bibliography that does not exist, and what the manuscript can still cite', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'references-view', 'draft.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nbibliography: [nowhere.bib]\n---\n\nText [@kosmider2024vexas].\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const tree = await waitFor('the References view to follow the new manuscript', async () => {
        const t = await describeReferences();
        return t.manuscript === 'references-view/draft.md' ? t : undefined;
      });
      assert.deepStrictEqual(tree.nodes.map(n => [n.label, n.description]), [
        ['nowhere.bib', 'declared, not found'],
        ['VEXAS library', `${(await api.knowledge()).referenceEntries.length} curated references`],
      ]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'references-view'), { recursive: true });
    }
  });
});
