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
