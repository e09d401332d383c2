import * as assert from 'assert';
import * as vscode from 'vscode';

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

/** Puts the cursor `delta` characters into the first `needle`. */
export function placeCursor(editor: vscode.TextEditor, needle: string, delta = needle.length): void {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  const p = editor.document.positionAt(offset + delta);
  editor.selection = new vscode.Selection(p, p);
}
