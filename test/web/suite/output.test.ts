import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeSnapshot } from '../../../src/features/treeSnapshot';
import { activateExtension, openWorkspaceFile, waitFor } from '../../integration/helpers';

interface Count { total: number; sections: Array<{ title: string; words: number }> }

/** What a manuscript becomes: the preview's citations, the word count, the reference list, the checklist. */
describe('web: manuscript output', () => {
  before(activateExtension);
  after(() => vscode.workspace.getConfiguration('vexas').update('citationStyle', undefined, vscode.ConfigurationTarget.Global));

  it('the Markdown preview renders citations in the manuscript\'s style, with the reference list', async () => {
    await vscode.workspace.getConfiguration('vexas').update('citationStyle', 'vancouver', vscode.ConfigurationTarget.Global);
    const doc = await openWorkspaceFile('paper.md');
    const html = await waitFor('the preview to render the citations', async () => {
      const h = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
      // The first render may come before the bibliographies are read: keys stand in until then.
      return h.includes('vexas-citation') && !h.includes('@webGeneticsKey2020') ? h : undefined;
    });
    assert.match(html, /VEXAS syndrome <span class="vexas-citation">\[1\]<\/span>/);
    assert.match(html.slice(html.indexOf('vexas-references')), /Webtest A, Second B\. A web-suite fixture article/);
  });

  it('counts the words of the main text per section', async () => {
    const doc = await openWorkspaceFile('paper.md');
    const count = await vscode.commands.executeCommand<Count>('vexas.wordCount.of', doc.uri.toString());
    assert.deepStrictEqual(count.sections.map(s => s.title), ['Introduction']);
    assert.ok(count.total > 20 && count.total < 40, String(count.total));
  });

  it('copies the reference list through the browser\'s clipboard', async () => {
    await openWorkspaceFile('paper.md');
    const list = await vscode.commands.executeCommand<{ keys: string[]; text: string }>('vexas.referenceList.copy', 'text');
    assert.deepStrictEqual(list.keys.slice(0, 1), ['webGeneticsKey2020']);
    assert.strictEqual(await vscode.env.clipboard.readText(), list.text);
  });

  it('shows a reporting checklist for the manuscript', async () => {
    await openWorkspaceFile('paper.md');
    await vscode.commands.executeCommand('vexas.checklist.focus');
    const tree = await waitFor('the checklist', async () => {
      const t = await vscode.commands.executeCommand<TreeSnapshot>('vexas.checklist.describeTree');
      return t.nodes.length > 0 ? t : undefined;
    });
    assert.match(tree.message ?? '', /for paper\.md: 0 of \d+ ticked/);
  });
});
