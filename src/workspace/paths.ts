import * as vscode from 'vscode';

/**
 * A path a manuscript or a setting names, against the folder it is relative to. An absolute path
 * keeps the folder's scheme and authority: on github.dev or vscode.dev (a virtual workspace), and in
 * remote windows, `/refs.bib` names a file of the same workspace, not one of this computer's disk.
 */
export function resolvePath(base: vscode.Uri, path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return vscode.Uri.parse(path);
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) {
    return base.scheme === 'file' ? vscode.Uri.file(path) : base.with({ path: path.replace(/\\/g, '/') });
  }
  return vscode.Uri.joinPath(base, path.replace(/\\/g, '/'));
}
