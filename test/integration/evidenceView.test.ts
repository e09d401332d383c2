import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeCounts, countPatients, countStudies, designLabel, evidenceTable, LEADING_CLASSES, studySentence } from '../../src/core/evidence';
import type { EvidenceFile, EvidenceRecord } from '../../src/core/knowledge';
import type { DetailsActionResult, DetailsReady } from '../../src/features/evidence/detailsPanel';
import type { SnapshotNode, TreeSnapshot } from '../../src/features/evidence';
import { activateExtension, EXTENSION_ID, openWithBibliography, undoBoth, waitFor } from './helpers';

/** data/evidence.json as shipped with the extension under test. */
async function shippedEvidence(): Promise<EvidenceFile> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'data', 'evidence.json'));
  return JSON.parse(new TextDecoder().decode(bytes)) as EvidenceFile;
}

const describeTree = () => vscode.commands.executeCommand<TreeSnapshot>('vexas.evidence.describeTree');
const classNodes = (nodes: readonly SnapshotNode[]) => nodes.filter(n => n.element.startsWith('class:'));
const studies = (nodes: readonly SnapshotNode[]): string[] =>
  classNodes(nodes).flatMap(c => c.children.flatMap(d => d.children.map(s => s.element.replace(/^study:/, ''))));

async function placeCursorAtEndOf(editor: vscode.TextEditor, needle: string): Promise<void> {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  const p = editor.document.positionAt(offset + needle.length);
  editor.selection = new vscode.Selection(p, p);
}

describe('therapy evidence sidebar in the extension host', () => {
  let data: EvidenceFile;
  before(async () => {
    await activateExtension();
    data = await shippedEvidence();
    await vscode.commands.executeCommand('vexas.evidence.clearFilter');
  });
  after(() => vscode.commands.executeCommand('vexas.evidence.clearFilter'));

  it('shows class → drug → study for the shipped data, IL-6 and JAK inhibitors first, with counts', async () => {
    await vscode.commands.executeCommand('vexas.evidence.focus');
    const tree = await waitFor('the evidence view to be visible', async () => {
      const t = await describeTree();
      return t.visible ? t : undefined;
    });
    const withRecords = new Set(data.records.map(r => r.class));
    const expectedOrder = [...LEADING_CLASSES.filter(c => withRecords.has(c)),
      ...data.classes.map(c => c.id).filter(c => withRecords.has(c) && !LEADING_CLASSES.includes(c))];
    assert.deepStrictEqual(classNodes(tree.nodes).map(n => n.element), expectedOrder.map(c => `class:${c}`));
    for (const classNode of classNodes(tree.nodes)) {
      const classId = classNode.element.slice('class:'.length);
      const records = data.records.filter(r => r.class === classId);
      assert.strictEqual(classNode.label, data.classes.find(c => c.id === classId)?.name ?? classId);
      assert.strictEqual(classNode.description, describeCounts(countStudies(records), countPatients(records)));
      assert.strictEqual(classNode.contextValue, 'vexasEvidenceClass');
      assert.deepStrictEqual(new Set(classNode.children.map(d => d.label)), new Set(records.map(r => r.drugLabel)));
      for (const drugNode of classNode.children) {
        assert.strictEqual(drugNode.contextValue, 'vexasEvidenceDrug');
        const drugRecords = records.filter(r => `drug:${r.class}/${r.drug}` === drugNode.element);
        assert.deepStrictEqual(new Set(drugNode.children.map(s => s.element)), new Set(drugRecords.map(r => `study:${r.id}`)));
        for (const studyNode of drugNode.children) {
          const r = drugRecords.find(x => `study:${x.id}` === studyNode.element) as EvidenceRecord;
          assert.match(studyNode.contextValue ?? '', /^vexasEvidenceStudy/);
          assert.ok(studyNode.description.startsWith(`${r.evidenceLevel} · ${designLabel(r.design)} · `), studyNode.description);
          assert.ok(studyNode.description.includes(typeof r.patients === 'number' ? `n=${r.patients}` : 'not reported'), studyNode.description);
          assert.match(studyNode.label, /\d{4}$/, 'a study row is labelled by first author and year');
          if (r.figures === 'not-abstracted') assert.ok(studyNode.description.endsWith('figures not abstracted — open the paper'), studyNode.description);
        }
      }
    }
    assert.deepStrictEqual(studies(tree.nodes).sort(), data.records.map(r => r.id).sort(), 'every record once');
    const guidance = tree.nodes.find(n => n.element === 'section:guidance');
    assert.ok(guidance, 'guidance documents follow the classes');
    assert.deepStrictEqual(guidance.children.map(g => g.element), (data.guidance ?? []).map(g => `guidance:${g.study}`));
    assert.match(tree.description ?? '', / · reviewed \d{4}-\d{2}-\d{2}$/);
  });

  it('adds the author\'s own extractions, marked as theirs, and reports an invalid record in the file', async () => {
    const own = {
      records: [
        { ...data.records.find(r => r.class === 'il6' && r.figures !== 'not-abstracted'), id: 'tocilizumab--mine2026own', study: 'mine2026own', year: 2026 },
        { id: 'broken--mine2026own', drug: 'x' },
      ],
    };
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'extractions', 'vexas-evidence.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(own, null, 2)));
    await vscode.workspace.openTextDocument(uri); // as an author would: it is read again when opened, whatever the watcher does
    try {
      const tree = await waitFor('the own record in the tree', async () => {
        const t = await describeTree();
        return studies(t.nodes).includes('own:0:tocilizumab--mine2026own') ? t : undefined;
      });
      const row = classNodes(tree.nodes).flatMap(c => c.children.flatMap(d => d.children)).find(n => n.element === 'study:own:0:tocilizumab--mine2026own');
      assert.ok(row?.description.startsWith('yours · '), row?.description);
      const problems = await waitFor('the problem in the file', () => {
        const d = vscode.languages.getDiagnostics(uri).filter(x => /Record 2 \(broken--mine2026own\) is not used/.test(x.message));
        return d.length ? d : undefined;
      });
      assert.strictEqual(problems[0].range.start.line, JSON.stringify(own, null, 2).split('\n').findIndex(l => l.includes('"broken--mine2026own"')) - 1);
    } finally {
      await vscode.workspace.fs.delete(uri);
      await waitFor('the own record to go', async () => (studies((await describeTree()).nodes).some(s => s.startsWith('own:')) ? undefined : true));
    }
  });

  it('narrows the tree with the filter, says so in the view message, and clears it', async () => {
    const drug = data.records.find(r => r.class === 'il6') ?? data.records[0];
    await vscode.commands.executeCommand('vexas.evidence.filter', drug.drugLabel);
    const filtered = await describeTree();
    const shown = studies(filtered.nodes);
    for (const r of data.records.filter(x => x.drug === drug.drug)) assert.ok(shown.includes(r.id), `${r.id} is shown`);
    assert.ok(shown.length < data.records.length, 'the filter hides other studies');
    assert.ok(filtered.message?.includes(`"${drug.drugLabel}"`), filtered.message);
    assert.ok(filtered.message?.includes(`Showing ${shown.length} of ${data.records.length}`), filtered.message);

    await vscode.commands.executeCommand('vexas.evidence.filterToggles', { classes: ['jak'] });
    const none = await describeTree();
    assert.deepStrictEqual(studies(none.nodes), data.records.filter(r => r.class === 'jak' && shown.includes(r.id)).map(r => r.id));

    await vscode.commands.executeCommand('vexas.evidence.clearFilter');
    await vscode.commands.executeCommand('vexas.evidence.filterToggles', { populations: ['genotype'] });
    const genotyped = studies((await describeTree()).nodes).sort();
    assert.deepStrictEqual(genotyped, data.records.filter(r => (r.population?.genotypes?.length ?? 0) > 0).map(r => r.id).sort());

    await vscode.commands.executeCommand('vexas.evidence.clearFilter');
    const all = await describeTree();
    assert.strictEqual(studies(all.nodes).length, data.records.length);
    assert.ok(!all.message?.startsWith('Filtered'), String(all.message));
  });

  it('sorts studies by size', async () => {
    await vscode.commands.executeCommand('vexas.evidence.sort', 'size');
    try {
      const tree = await describeTree();
      assert.ok(tree.description?.startsWith('by number of patients'), tree.description);
      for (const drug of classNodes(tree.nodes).flatMap(c => c.children)) {
        const sizes = drug.children.map(s => data.records.find(r => `study:${r.id}` === s.element)?.patients ?? -1);
        assert.deepStrictEqual(sizes, [...sizes].sort((a, b) => b - a), drug.label);
      }
    } finally {
      await vscode.commands.executeCommand('vexas.evidence.sort', 'level');
    }
  });

  it('inserts a study citation and an evidence sentence into the Markdown manuscript (focus in the sidebar), each undoable', async () => {
    const record = data.records.find(r => r.class === 'il6') ?? data.records[0];
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    await placeCursorAtEndOf(editor, 'IL-6 inhibitors such as tocilizumab');
    await vscode.commands.executeCommand('vexas.evidence.focus');

    assert.strictEqual(await vscode.commands.executeCommand('vexas.evidence.insertCitation', `study:${record.id}`), true);
    assert.ok(doc.getText().includes(`IL-6 inhibitors such as tocilizumab [@${record.study}]`), doc.getText());
    assert.match(bib.getText(), new RegExp(`@\\w+\\{${record.study},`), 'the bundled entry is copied to the manuscript\'s .bib');
    await undoBoth(doc, before, bib, bibBefore);

    await placeCursorAtEndOf(editor, 'Inline code `[@notacitation]` and math $a@b$ are not citations.');
    await vscode.commands.executeCommand('vexas.evidence.focus');
    assert.strictEqual(await vscode.commands.executeCommand('vexas.evidence.insertSentence', `study:${record.id}`), true);
    const sentence = studySentence(record, { syntax: 'markdown' }).text;
    assert.ok(doc.getText().includes(`are not citations. ${sentence}`), doc.getText());
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('inserts a LaTeX evidence table for a class with the configured cite command, undoable', async () => {
    const classId = 'jak';
    const records = data.records.filter(r => r.class === classId);
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.tex', 'references.bib');
    const end = doc.getText().indexOf('\\printbibliography');
    assert.ok(end > 0);
    editor.selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(end));
    await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', 'parencite', vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('vexas.evidence.insertTable', `class:${classId}`), true);
    } finally {
      await vscode.workspace.getConfiguration('vexas').update('latex.citeCommand', undefined, vscode.ConfigurationTarget.Global);
    }
    const table = evidenceTable(records, { syntax: 'latex', latexCommand: 'parencite', classInfo: data.classes.find(c => c.id === classId) }).text;
    assert.ok(doc.getText().includes(table), doc.getText());
    for (const key of new Set(records.map(r => r.study))) {
      assert.ok(bibBefore.includes(`{${key},`) || bib.getText().includes(`{${key},`), `${key} is in references.bib`);
    }
    await undoBoth(doc, before, bib, bibBefore);
  });

  it('opens the details panel with a strict CSP and a row per study, and inserts when its button is pressed', async () => {
    const classId = 'il6';
    const records = data.records.filter(r => r.class === classId);
    const { doc, editor, bib, before, bibBefore } = await openWithBibliography('manuscript.md', 'library.bib');
    await placeCursorAtEndOf(editor, 'IL-6 inhibitors such as tocilizumab');

    const ready = await vscode.commands.executeCommand<DetailsReady>('vexas.evidence.showDetails', `class:${classId}`);
    assert.strictEqual(ready.type, 'ready');
    assert.strictEqual(ready.rows, records.length);
    assert.strictEqual(ready.subject, `class:${classId}`, 'the webview keeps what it shows for restoring after a reload');
    const csp = ready.csp ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9]{16,}';/);
    assert.match(csp, /style-src [^;]*'nonce-[A-Za-z0-9]{16,}';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;|\s\*\s/, 'no inline code, no wildcard source');

    const result = await vscode.commands.executeCommand<DetailsActionResult>('vexas.evidence.pressInDetails', 'insertCitation', records[0].id);
    assert.deepStrictEqual(result, { type: 'insertCitation', recordId: records[0].id, ok: true });
    assert.ok(doc.getText().includes(`IL-6 inhibitors such as tocilizumab [@${records[0].study}]`), doc.getText());
    await undoBoth(doc, before, bib, bibBefore);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('copies the formatted reference of a study', async () => {
    const record = data.records[0];
    const text = await vscode.commands.executeCommand<string>('vexas.evidence.copyReference', `study:${record.id}`);
    assert.ok(typeof text === 'string' && text.length > 20, String(text));
  });
});
