/**
 * The web entry (`browser`): the extension in a browser's web worker extension host (vscode.dev,
 * github.dev). Everything works as on the desktop but Zotero, whose local API listens on the author's
 * own computer, where a browser tab cannot reach it; its commands are hidden here and say so if run.
 */
import * as vscode from 'vscode';
import { activateShared, type VexasExtensionApi } from '../activation';

export type { VexasExtensionApi } from '../activation';

export const ZOTERO_ON_THE_WEB = 'Zotero is not available in VS Code for the Web: Zotero answers only programs on the computer it runs on, and a browser tab cannot reach it. Use VS Code desktop to cite from Zotero, or export your library to a .bib file in this workspace (Better BibTeX can keep it up to date).';

export function activate(context: vscode.ExtensionContext): VexasExtensionApi {
  const { api } = activateShared(context, {
    kind: 'web',
    zotero: false,
    randomValues: bytes => crypto.getRandomValues(bytes),
  });
  // Every contributed Zotero command (read from the manifest, so a new one cannot be missed) says why, and returns it.
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  const zoteroCommands = contributed.map(c => c.command).filter(id => id.startsWith('vexas.zotero.'));
  context.subscriptions.push(...zoteroCommands.map(id => vscode.commands.registerCommand(id, () => {
    void vscode.window.showInformationMessage(ZOTERO_ON_THE_WEB);
    return ZOTERO_ON_THE_WEB;
  })));
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
