/**
 * The network policy: nothing is requested until the author allows it (`vexas.network.enabled`, off
 * by default, settable only in user settings so a repository cannot turn it on), never in an
 * untrusted workspace, with the extension's name and version (and an optional contact e-mail) on
 * every request, an optional NCBI API key kept in SecretStorage, and answers cached on disk.
 */
import * as vscode from 'vscode';
import { DEFAULT_ENDPOINTS, RegistryClient, type RegistryEndpoints } from '../core/lookup/registryClient';
import { hostCapabilities } from './host';
import { hostHttpEnvironment } from './httpEnvironment';
import { DiskResponseCache } from './responseCache';

const ASKED_KEY = 'vexas.network.asked';
const NCBI_KEY_SECRET = 'vexas.ncbiApiKey';
export const NETWORK_SERVICES = 'doi.org, Crossref, NCBI (PubMed) and bioRxiv/medRxiv';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('vexas.network');
}

export type NetworkRefusal = 'untrusted' | 'off';

export class NetworkAccess {
  readonly cache: DiskResponseCache;
  private clientFor?: { signature: string; client: RegistryClient };

  constructor(private readonly context: vscode.ExtensionContext) {
    this.cache = new DiskResponseCache(vscode.Uri.joinPath(context.globalStorageUri, 'lookup-cache'),
      () => Math.max(0, config().get<number>('cacheDays', 30)) * 86_400_000);
  }

  /**
   * Whether a request may be made now; if not, says why once, without waiting for an answer. The
   * first time the setting is found off, the message offers to turn it on and then runs `retry`.
   */
  allowed(purpose: string, retry?: () => unknown): NetworkRefusal | undefined {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`VEXAS does not use the network in an untrusted workspace, so it cannot ${purpose}. Trust the workspace to allow it.`);
      return 'untrusted';
    }
    if (config().get<boolean>('enabled', false)) return undefined;
    const asked = this.context.globalState.get<boolean>(ASKED_KEY, false);
    void this.context.globalState.update(ASKED_KEY, true);
    const allow = 'Allow network lookups';
    const settings = 'Open Settings';
    void vscode.window.showInformationMessage(
      asked ? `Network lookups are off (setting vexas.network.enabled), so VEXAS cannot ${purpose}.`
        : `To ${purpose}, VEXAS asks ${NETWORK_SERVICES}; it sends them only the identifiers and titles it looks up. Network lookups are off until you allow them.`,
      ...(asked ? [settings] : [allow, settings]),
    ).then(async answer => {
      if (answer === allow) {
        await config().update('enabled', true, vscode.ConfigurationTarget.Global);
        await retry?.();
      } else if (answer === settings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'vexas.network');
      }
    });
    return 'off';
  }

  /** A client with the current settings (rebuilt when they change, so its rate limits persist across commands otherwise). */
  async client(): Promise<RegistryClient> {
    const c = config();
    const endpoints: RegistryEndpoints = {
      doi: c.get<string>('endpoints.doi') || DEFAULT_ENDPOINTS.doi,
      crossref: c.get<string>('endpoints.crossref') || DEFAULT_ENDPOINTS.crossref,
      ncbiCitation: c.get<string>('endpoints.ncbiCitation') || DEFAULT_ENDPOINTS.ncbiCitation,
      eutils: c.get<string>('endpoints.eutils') || DEFAULT_ENDPOINTS.eutils,
      biorxiv: c.get<string>('endpoints.biorxiv') || DEFAULT_ENDPOINTS.biorxiv,
    };
    const email = c.get<string>('contactEmail', '').trim() || undefined;
    const ncbiApiKey = (await this.context.secrets.get(NCBI_KEY_SECRET))?.trim() || undefined;
    const timeoutMs = Math.max(1, c.get<number>('timeoutSeconds', 15)) * 1000;
    const signature = JSON.stringify([endpoints, email, ncbiApiKey, timeoutMs]);
    if (this.clientFor?.signature !== signature) {
      const version = String((this.context.extension.packageJSON as { version?: unknown }).version ?? '0');
      const web = hostCapabilities().kind === 'web';
      this.clientFor = {
        signature,
        client: new RegistryClient({
          env: hostHttpEnvironment({ inBrowser: web }),
          endpoints, email, ncbiApiKey, timeoutMs, cache: this.cache,
          userAgent: web ? undefined : `VEXAS-Manuscript-Assistant/${version} (VS Code extension)`,
        }),
      };
    }
    return this.clientFor.client;
  }

  /** Asks for the NCBI API key (raises NCBI's limit from 3 to 10 requests/s) and keeps it in SecretStorage. */
  async setNcbiApiKey(value?: string): Promise<void> {
    const key = value ?? await vscode.window.showInputBox({
      title: 'NCBI API key', password: true, ignoreFocusOut: true,
      prompt: 'From your NCBI account settings. Kept in VS Code\'s secret storage, never in settings. Empty removes it.',
    });
    if (key === undefined) return;
    if (key.trim() === '') await this.context.secrets.delete(NCBI_KEY_SECRET);
    else await this.context.secrets.store(NCBI_KEY_SECRET, key.trim());
    this.clientFor = undefined;
  }
}
