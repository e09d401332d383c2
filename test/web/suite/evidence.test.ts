import * as assert from 'assert';
import * as vscode from 'vscode';
import { LEADING_CLASSES } from '../../../src/core/evidence';
import type { DetailsReady } from '../../../src/features/evidence/detailsPanel';
import type { TreeSnapshot } from '../../../src/features/treeSnapshot';
import { activateExtension, waitFor } from '../../integration/helpers';

describe('web: therapy evidence', () => {
  before(activateExtension);

  it('the evidence tree shows IL-6 and JAK inhibitors first, with their studies', async () => {
    await vscode.commands.executeCommand('vexas.evidence.focus');
    const tree = await waitFor('the evidence view to be visible', async () => {
      const t = await vscode.commands.executeCommand<TreeSnapshot>('vexas.evidence.describeTree');
      return t.visible ? t : undefined;
    });
    const classes = tree.nodes.filter(n => n.element.startsWith('class:'));
    assert.deepStrictEqual(classes.slice(0, 2).map(n => n.element), LEADING_CLASSES.slice(0, 2).map(c => `class:${c}`));
    const studies = classes[0].children.flatMap(d => d.children);
    assert.ok(studies.length > 0 && studies.every(s => s.element.startsWith('study:')), JSON.stringify(classes[0]));
  });

  it('the details panel opens under a strict CSP with a nonce from the worker\'s crypto', async () => {
    const ready = await vscode.commands.executeCommand<DetailsReady>('vexas.evidence.showDetails', 'class:il6');
    assert.strictEqual(ready.type, 'ready');
    assert.ok((ready.rows ?? 0) > 0);
    assert.match(ready.csp ?? '', /^default-src 'none';.*script-src 'nonce-[A-Za-z0-9]{16,}';/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
