import * as vscode from 'vscode';
import { compactSourceText, decodeSourceText, type SourceText } from '../core/bibliography/sourceText';
import { defaultYield } from '../core/slices';
import { maxBibliographyBytes } from './settings';

/** A file we will not read: not a regular file, or larger than the limit. The message says why. */
export class RefusedFileError extends Error {}

/**
 * Checks before reading: a regular file (not a directory, device or pipe: `/dev/zero` never ends)
 * no larger than the limit. Returns the file's stat.
 */
async function checkReadable(uri: vscode.Uri): Promise<vscode.FileStat> {
  const stat = await vscode.workspace.fs.stat(uri);
  if ((stat.type & vscode.FileType.File) === 0) {
    throw new RefusedFileError(`${vscode.workspace.asRelativePath(uri)} is not a regular file (a folder, device or pipe), so it is not read`);
  }
  const limit = maxBibliographyBytes(uri);
  if (stat.size > limit) {
    throw new RefusedFileError(`${vscode.workspace.asRelativePath(uri)} is ${(stat.size / 1e6).toFixed(0)} MB, over the limit of ` +
      `${(limit / 1e6).toFixed(0)} MB set by vexas.bibliography.maxFileSizeMB, so it is not read`);
  }
  return stat;
}

const decoder = new TextDecoder('utf-8'); // not fatal: invalid bytes become U+FFFD, the rest still reads

/**
 * Reads a text file through the workspace file system (local, remote and virtual workspaces alike).
 * An open document's text wins over the disk, so unsaved edits count.
 */
export async function readText(uri: vscode.Uri): Promise<{ text: string; version: string }> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), version: `doc:${open.version}` };
  const stat = await checkReadable(uri);
  const bytes = await vscode.workspace.fs.readFile(uri);
  let text = decoder.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, version: `disk:${stat.mtime}:${stat.size}` };
}


/**
 * Reads a bibliography as a SourceText: one byte per character, whatever the characters (see
 * core/bibliography/sourceText.ts), decoded in steps. Decoding consumes the bytes and frees them.
 */
export async function readSourceText(uri: vscode.Uri): Promise<{ text: SourceText; version: string }> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  if (open) {
    const version = `doc:${open.version}`;
    return { text: await compactSourceText(open.getText(), { yieldFn: defaultYield }), version };
  }
  const stat = await checkReadable(uri);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return { text: await decodeSourceText(bytes, { yieldFn: defaultYield }), version: `disk:${stat.mtime}:${stat.size}` };
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
