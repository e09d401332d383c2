/**
 * Not a test: the extension on the web workbench for the README (media/screenshots/web.png), taken by
 *   node esbuild.mjs && node esbuild.mjs --web-tests && node test/web/runWebTests.mjs \
 *     --extensionDevelopmentPath . --extensionTestsPath out-web/screenshot.js --folder test/fixtures/web \
 *     --screenshot media/screenshots/web.png
 * It lays out what an author sees (the evidence sidebar beside the manuscript, a term's hover), asks
 * the runner for the picture through the log, and gives it time before returning.
 */
import * as vscode from 'vscode';

const pause = (ms: number) => new Promise(r => setTimeout(r, ms));

export async function run(): Promise<void> {
  await vscode.extensions.getExtension('vexas-manuscript.vexas-manuscript')?.activate();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the screenshot needs --folder');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'paper.md'));
  const editor = await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('vexas.evidence.focus');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await pause(5000);
  const offset = doc.getText().indexOf('p.Met41Thr') + 4;
  const at = doc.positionAt(offset);
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('editor.action.showHover');
  await pause(2500);
  console.log('[vexas:screenshot-now]');
  await pause(3000);
}
