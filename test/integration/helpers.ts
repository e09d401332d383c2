import * as assert from 'assert';
import * as vscode from 'vscode';
import type { VexasExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'vexas-manuscript.vexas-manuscript';

/** Activates the extension under test (activation is asynchronous) and returns its API. */
export async function activateExtension(): Promise<VexasExtensionApi> {
  const ext = vscode.extensions.getExtension<VexasExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded in the extension host`);
  return ext.activate();
}

/** The scratch copy of test/fixtures/workspace that the launchers open. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder;
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, relativePath);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Polls `check` until it returns a value that is not undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A manuscript shown in an editor and its .bib opened, with both texts as they were (to check undo). */
export async function openWithBibliography(manuscript: string, bibliography: string): Promise<{
  doc: vscode.TextDocument; editor: vscode.TextEditor; bib: vscode.TextDocument; before: string; bibBefore: string;
}> {
  const doc = await openWorkspaceFile(manuscript);
  const editor = await vscode.window.showTextDocument(doc);
  const bib = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, bibliography));
  return { doc, editor, bib, before: doc.getText(), bibBefore: bib.getText() };
}

/** Undoes the last edit in the manuscript and, if it also changed a .bib, there too. */
export async function undoBoth(doc: vscode.TextDocument, before: string, bib: vscode.TextDocument, bibBefore: string): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  assert.strictEqual(doc.getText(), before, 'undo restores the manuscript');
  if (bib.getText() !== bibBefore) {
    await vscode.window.showTextDocument(bib);
    await vscode.commands.executeCommand('undo');
  }
  assert.strictEqual(bib.getText(), bibBefore, 'undo restores the .bib');
}

/** Puts the cursor right after the first `needle` in the editor. */
export function cursorAfter(editor: vscode.TextEditor, needle: string): void {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  const p = editor.document.positionAt(offset + needle.length);
  editor.selection = new vscode.Selection(p, p);
}

export const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');

export const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

/** The hover `delta` characters into the first `needle` of the document. */
export async function hoverAt(doc: vscode.TextDocument, needle: string, delta = 1): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + delta)));
}

export async function completionsAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.map(labelOf);
}
