/** The desktop entry (`main`): the extension in VS Code's Node extension host, with Zotero beside it. */
import { webcrypto } from 'crypto';
import type * as vscode from 'vscode';
import { activateShared, type VexasExtensionApi } from './activation';
import { registerZotero } from './features/zotero';

export type { VexasExtensionApi, VexasStatus } from './activation';

export function activate(context: vscode.ExtensionContext): VexasExtensionApi {
  const { api, bibliographies, inserter, extraSources } = activateShared(context, {
    kind: 'desktop',
    zotero: true,
    randomValues: bytes => webcrypto.getRandomValues(bytes),
  });
  extraSources.extra = registerZotero(context, { bibliographies, inserter });
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
