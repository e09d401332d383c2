import * as vscode from 'vscode';

/**
 * A path a manuscript or a setting names, against the folder it is relative to. An absolute path is
 * read through the same file system as the manuscript (its scheme and authority): in a remote window
 * it is the remote machine's, on vscode.dev or github.dev the opened repository's (where `/refs.bib`
 * is at the file system's root, which need not be the workspace folder), never this computer's disk
 * unless the manuscript is on it (or unsaved, on the desktop).
 */
export function resolvePath(base: vscode.Uri, path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]{1,}:\/\//i.test(path)) return vscode.Uri.parse(path);
  const drive = /^[A-Za-z]:[\\/]/.test(path);
  if (path.startsWith('/') || drive) {
    const absolute = base.scheme === 'file' || base.scheme === 'untitled' ? vscode.Uri.file(path)
      // With an authority a URI's path must start with '/': a Windows drive path becomes '/C:/…'.
      : base.with({ path: `${drive ? '/' : ''}${path.replace(/\\/g, '/')}` });
    // '..' resolved here: '/workspace/../elsewhere.bib' must not pass for a file inside the workspace.
    return vscode.Uri.joinPath(absolute, '.');
  }
  return vscode.Uri.joinPath(base, path.replace(/\\/g, '/'));
}
