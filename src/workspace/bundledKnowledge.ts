import * as vscode from 'vscode';
import { LazyKnowledgeBase } from '../core/knowledge';

/** The bundled VEXAS knowledge base, read from the extension's data/ folder at first use. */
export function bundledKnowledge(extensionUri: vscode.Uri): LazyKnowledgeBase {
  return new LazyKnowledgeBase(async name => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'data', name));
    return new TextDecoder('utf-8').decode(bytes);
  });
}
