/**
 * When and how VEXAS talks to Zotero: only once the author allows it (`vexas.zotero.enabled`, user
 * settings), never from an untrusted workspace, directly to Zotero's port on this computer (no
 * proxy), and with a word about remote windows, where "this computer" is the remote one.
 */
import * as vscode from 'vscode';
import { DEFAULT_ZOTERO_URL, ZoteroClient } from '../core/zotero/zoteroClient';
import { hostHttpEnvironment } from './httpEnvironment';
import { localFetch } from './localFetch';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('vexas.zotero');
}

export class ZoteroAccess {
  /** Whether Zotero may be asked now; if not, says why (without waiting), offering to allow it and then `retry`. */
  allowed(retry?: () => unknown): boolean {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('VEXAS does not read your Zotero library from an untrusted workspace. Trust the workspace to cite from Zotero.');
      return false;
    }
    if (config().get<boolean>('enabled', false)) return true;
    const allow = 'Use Zotero';
    void vscode.window.showInformationMessage(
      'Cite from your Zotero library? VEXAS will search it through Zotero\'s local API on this computer (Zotero 7 or newer, read-only) and, if Better BibTeX is installed, use your citation keys. Nothing leaves this computer.',
      allow, 'Not now',
    ).then(async answer => {
      if (answer !== allow) return;
      await config().update('enabled', true, vscode.ConfigurationTarget.Global);
      await retry?.();
    });
    return false;
  }

  /** Whether Zotero may be asked now, without asking the author: for checks they did not start. */
  mayAsk(): boolean {
    return vscode.workspace.isTrusted && config().get<boolean>('enabled', false);
  }

  /** A client; `timeoutMs` overrides the setting (background checks wait less). */
  client(timeoutMs?: number): ZoteroClient {
    return new ZoteroClient({
      env: hostHttpEnvironment({ fetch: localFetch }),
      baseUrl: config().get<string>('url', DEFAULT_ZOTERO_URL) || DEFAULT_ZOTERO_URL,
      timeoutMs: timeoutMs ?? Math.max(1, config().get<number>('timeoutSeconds', 10)) * 1000,
    });
  }

  /** A failure's message, with where Zotero must run when this window is remote. */
  explain(message: string, notRunning: boolean): string {
    const remote = vscode.env.remoteName;
    return notRunning && remote
      ? `${message} This window is connected to a remote (${remote}): the extension runs there, so Zotero must run on that machine, or forward its port 23119 from this computer (e.g. ssh -R 23119:127.0.0.1:23119).`
      : message;
  }
}
