import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFolder } from './helpers';

type Count = { total: number; abstract: number; sections: Array<{ title: string; words: number }>; apart: { captions: number; tables: number; headings: number }; references: number };

/** Word counts in the host: the command's numbers (derived by hand below) and the limit warning. */
describe('word count in the extension host', function () {
  this.timeout(20_000);
  const uri = () => vscode.Uri.joinPath(workspaceFolder().uri, 'counted', 'paper.md');
  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode([
      '---',
      'abstract: "Somatic UBA1 variants cause VEXAS."', // abstract: 5 words
      'bibliography: refs.bib',
      '---',
      '',
      '# Introduction', // heading: 1 word, apart
      '',
      'VEXAS affects older men [@countedkey2020].', // 4 (the citation is not counted)
      '',
      '# Treatment', // heading: 1 word, apart
      '',
      'Tocilizumab and ruxolitinib were used $n = 12$.', // 5 (math not counted)
      '',
      '![Figure 1. Responses.](fig.png)', // caption: 3 words, apart
      '',
    ].join('\n')));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('vexas.limits').update('words', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'counted'), { recursive: true });
  });

  it('counts the main text per section, the abstract apart, and leaves out citations, math and captions', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(document);
    const count = await vscode.commands.executeCommand<Count>('vexas.wordCount.of', uri().toString());
    assert.deepStrictEqual(count.sections.map(s => [s.title, s.words]), [['Introduction', 4], ['Treatment', 5]]);
    assert.strictEqual(count.total, 9);
    assert.strictEqual(count.abstract, 5);
    assert.deepStrictEqual(count.apart, { captions: 3, tables: 0, headings: 2 });
    assert.strictEqual(count.references, 1);
  });

  it('warns on the manuscript when the main text is over vexas.limits.words, and stops when it is not', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(document);
    await vscode.workspace.getConfiguration('vexas.limits').update('words', 8, vscode.ConfigurationTarget.Global);
    const warning = await waitFor('the word-limit warning', () => vscode.languages.getDiagnostics(uri()).find(d => d.code === 'word-limit'));
    assert.strictEqual(warning.message, 'The main text has 9 words: 1 over the 8-word limit (vexas.limits.words).');
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.workspace.getConfiguration('vexas.limits').update('words', 9, vscode.ConfigurationTarget.Global);
    await waitFor('the warning to go', () => vscode.languages.getDiagnostics(uri()).some(d => d.code === 'word-limit') ? undefined : true);
  });
});
