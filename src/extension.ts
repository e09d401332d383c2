import * as vscode from 'vscode';
import { SERVED_LANGUAGE_IDS } from './core/languages';

/** What `activate` returns: used by the integration tests, and by other extensions that build on this one. */
export interface VexasExtensionApi {
  readonly version: string;
}

/** Status reported by the `vexas.showStatus` command (also returned, so tests and scripts can read it). */
export interface VexasStatus {
  version: string;
  vscodeVersion: string;
  languages: readonly string[];
}

/** Document selector for every language the extension serves, on disk or unsaved. */
export const SERVED_DOCUMENTS: vscode.DocumentSelector = SERVED_LANGUAGE_IDS.map(language => ({ language }));

// Activation registers providers and commands only; data and indexes load at first use.
export function activate(context: vscode.ExtensionContext): VexasExtensionApi {
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  context.subscriptions.push(
    vscode.commands.registerCommand('vexas.showStatus', (): VexasStatus => {
      const status: VexasStatus = { version, vscodeVersion: vscode.version, languages: SERVED_LANGUAGE_IDS };
      void vscode.window.showInformationMessage(
        `VEXAS Manuscript Assistant ${version} is active (VS Code ${vscode.version}).`);
      return status;
    }),
  );
  return { version };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
