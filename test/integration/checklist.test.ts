import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFolder } from './helpers';

type Snapshot = { message?: string; nodes: Array<{ element: string; label: string; description: string }> };
const describe_ = () => vscode.commands.executeCommand<Snapshot>('vexas.checklist.describeTree');

/** The reporting checklist for a case report: CARE items, hints, ticks and notes, and the exported table. */
describe('reporting checklist in the extension host', function () {
  this.timeout(20_000);
  const uri = () => vscode.Uri.joinPath(workspaceFolder().uri, 'care', 'case.md');
  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode([
      '---', 'title: "VEXAS syndrome with orbital inflammation: a case report"', '---', '',
      '# Introduction', '', 'VEXAS is caused by somatic UBA1 variants.', '',
      '# Case presentation', '', 'A 67-year-old man presented with fever.', '',
      '# Discussion', '', 'Orbital inflammation is rare.', '',
    ].join('\n')));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'care'), { recursive: true });
  });

  it('lists the 13 CARE items for a case report, with where each appears addressed; ticks and notes are kept; the export is a table', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    await vscode.commands.executeCommand('vexas.checklist.focus');
    const tree = await waitFor('the CARE checklist', async () => {
      const t = await describe_();
      return t.nodes.length === 13 ? t : undefined;
    });
    assert.deepStrictEqual(tree.nodes.map(n => n.label.split('.')[0]), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    assert.match(tree.message ?? '', /^CARE \(case report\) for care\/case\.md: 0 of 13 ticked; \d+ appear addressed\.$/);
    assert.strictEqual(tree.nodes[0].label, '1. Title');
    assert.match(tree.nodes[0].description, /^appears in line 2/);
    assert.strictEqual(tree.nodes[4].description, 'appears in section "Case presentation"');
    assert.strictEqual(tree.nodes[6].description, 'not found in the manuscript', 'no timeline yet');

    await vscode.commands.executeCommand('vexas.checklist.note', 'care:7', 'Figure 1');
    const noted = await describe_();
    assert.strictEqual(noted.nodes[6].description, 'addressed: Figure 1');
    assert.match(noted.message ?? '', /1 of 13 ticked/);

    const table = await vscode.commands.executeCommand<string>('vexas.checklist.export');
    assert.match(table, /^# CARE checklist: care\/case\.md\n/);
    assert.match(table, /\| Item \| Topic \| What it asks \| Addressed \| Where \|/);
    assert.match(table, /\| 7 \| Timeline \| [^|]+ \| yes \| Figure 1 \|/);
    assert.match(table, /https:\/\/www\.care-statement\.org\//);
    assert.strictEqual(table.split('\n').filter(l => /^\| \d+ \|/.test(l)).length, 13);
  });
});
