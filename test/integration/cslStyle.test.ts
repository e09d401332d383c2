import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, workspaceFolder } from './helpers';

const hoverText = async (document: vscode.TextDocument, needle: string): Promise<string> => {
  const at = document.positionAt(document.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
  return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
};

/** An author's own CSL style (`csl:` in the front matter) formats the hover; a broken one is refused, the style before it stays. */
describe('CSL styles from the workspace in the extension host', function () {
  this.timeout(30_000);
  const folder = () => vscode.Uri.joinPath(workspaceFolder().uri, 'styled');
  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), name), new TextEncoder().encode(text));
  before(async () => {
    await activateExtension();
    // The test style (written for the tests) prints "HOUSE: authors / title / year".
    await write('house.csl', fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/styles/house.csl'), 'utf8'));
    await write('broken.csl', '<style xmlns="http://purl.org/net/xbiblio/csl"><info/></style>');
    await write('refs.bib', '@article{styledbeck2020, author = {Beck, David B. and Grayson, Peter C.}, title = {Somatic mutations in {UBA1}}, journal = {N Engl J Med}, year = 2020}\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true });
  });

  it('a .csl named by csl: changes the hover; a broken one is refused and the previous style stays', async () => {
    await write('paper.md', '---\nbibliography: refs.bib\ncsl: house.csl\n---\n\nAs shown [@styledbeck2020].\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'paper.md'));
    await vscode.window.showTextDocument(document);
    assert.match(String(await vscode.commands.executeCommand('vexas.citationStyle.refresh', document.uri.toString())), /^csl:/);
    assert.match(await hoverText(document, '@styledbeck2020'), /HOUSE: Beck and Grayson \/ Somatic mutations in UBA1 \/ 2020/);

    await write('other.md', '---\nbibliography: refs.bib\ncsl: broken.csl\n---\n\nAs shown [@styledbeck2020].\n');
    const other = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'other.md'));
    await vscode.window.showTextDocument(other);
    assert.strictEqual(await vscode.commands.executeCommand('vexas.citationStyle.refresh', other.uri.toString()), undefined, 'refused');
    const hover = await hoverText(other, '@styledbeck2020');
    assert.doesNotMatch(hover, /HOUSE:/);
    assert.match(hover.replace(/\\/g, ''), /Beck DB, Grayson PC\. Somatic mutations in UBA1\. N Engl J Med\. 2020/, `vexas.citationStyle (Vancouver) stays: ${hover}`);
  });
});
