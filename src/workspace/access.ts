import * as vscode from 'vscode';

/**
 * What the extension may touch. In a trusted workspace, any file a manuscript names (a Zotero export
 * in the home folder is the common case). In an untrusted one, only files inside its folders: a
 * manuscript from elsewhere must not choose files on this machine to read or write.
 */
export function isInsideWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

export function mayRead(uri: vscode.Uri): boolean {
  return vscode.workspace.isTrusted || isInsideWorkspace(uri);
}

export const mayWrite = mayRead;
