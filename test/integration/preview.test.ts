import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceFolder } from './helpers';

/** The Markdown preview's HTML (`markdown.api.render`, what the preview shows) with citations rendered. */
describe('Markdown preview citations in the extension host', function () {
  this.timeout(30_000);
  const uri = () => vscode.Uri.joinPath(workspaceFolder().uri, 'preview', 'paper.md');
  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceFolder().uri, 'preview', 'refs.bib'), new TextEncoder().encode([
      '@article{prevbeck2020, author = {Beck, David B. and Ferrada, Marcela A. and Sikora, Keith A.}, title = {Somatic mutations in {UBA1} and severe adult-onset autoinflammatory disease}, journal = {N Engl J Med}, year = 2020, volume = 383, number = 27, pages = {2628--2638}}',
      '@article{prevgrayson2021, author = {Grayson, Peter C. and Beck, David B.}, title = {{VEXAS} syndrome}, journal = {Blood}, year = 2021, volume = 137, pages = {3591--3594}}',
      '',
    ].join('\n')));
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(
      '---\nbibliography: refs.bib\n---\n\nVEXAS was described [see @prevgrayson2021, p. 3591; @prevbeck2020]. @prevbeck2020 named it. Unknown [@nowhere].\n\n# References\n'));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('vexas').update('citationStyle', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'preview'), { recursive: true });
  });

  const render = async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    return waitFor('the preview to render the citations', async () => {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', document);
      return html.includes('@prevgrayson2021') ? undefined : html;
    });
  };
  /** The rendered text without tags (each citation is wrapped in a span). */
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

  it('numbered (Vancouver): [see 1, p. 3591, 2], the unknown key marked, and the list in citation order', async () => {
    await vscode.workspace.getConfiguration('vexas').update('citationStyle', 'vancouver', vscode.ConfigurationTarget.Global);
    const html = await render();
    assert.match(textOf(html), /VEXAS was described \[see 1, p\. 3591, 2\]\. Beck et al\. \[2\] named it\. Unknown \[@nowhere\?\]\./);
    assert.match(html, /<span class="vexas-citation">\[see 1, p\. 3591, 2\]<\/span>/);
    const list = textOf(html.slice(html.indexOf('vexas-references')));
    assert.match(list, /^[^]*Grayson PC, Beck DB\. VEXAS syndrome\. Blood\. 2021;137:3591–4\.\s*Beck DB, Ferrada MA, Sikora KA\. Somatic mutations in UBA1/);
    assert.match(html, /<ol>\s*<li>/, 'a numbered list');
  });

  it('author–year (APA): (see Grayson & Beck, 2021, p. 3591; Beck et al., 2020), alphabetical list', async () => {
    await vscode.workspace.getConfiguration('vexas').update('citationStyle', 'apa', vscode.ConfigurationTarget.Global);
    const html = await waitFor('the APA rendering', async () => {
      const h = await render();
      return h.includes('Grayson &amp; Beck, 2021') ? h : undefined;
    });
    assert.match(textOf(html), /\(see Grayson &amp; Beck, 2021, p\. 3591; Beck et al\., 2020\)\. Beck et al\. \(2020\) named it\./);
    const list = textOf(html.slice(html.indexOf('vexas-references')));
    assert.ok(list.indexOf('Beck, D. B.') < list.indexOf('Grayson, P. C.'), list);
  });
});
