/**
 * Registry answers kept on disk in the extension's global storage, one file per request, for
 * `vexas.network.cacheDays` days: a second check of the same manuscript asks nothing again.
 * Keys never hold secrets (an API key is removed from the URL before hashing).
 */
import * as vscode from 'vscode';
import { fnv1a } from '../core/hash';
import type { ResponseCache } from '../core/lookup/registryClient';

interface Stored { readonly url: string; readonly savedAt: number; readonly text: string }

export class DiskResponseCache implements ResponseCache {
  constructor(private readonly folder: vscode.Uri, private readonly maxAgeMs: () => number, private readonly now: () => number = Date.now) {}

  async get(url: string): Promise<string | undefined> {
    const key = cacheKey(url);
    try {
      const stored = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file(key)))) as Stored;
      if (stored.url !== key || this.now() - stored.savedAt > this.maxAgeMs()) return undefined;
      return stored.text;
    } catch {
      return undefined;
    }
  }

  async set(url: string, text: string): Promise<void> {
    if (this.maxAgeMs() <= 0) return;
    const key = cacheKey(url);
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(this.file(key), new TextEncoder().encode(JSON.stringify({ url: key, savedAt: this.now(), text } satisfies Stored)));
  }

  async clear(): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.folder, { recursive: true, useTrash: false });
    } catch {
      // nothing cached yet
    }
  }

  private file(key: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${hash(key)}.json`);
  }
}

function cacheKey(url: string): string {
  return url.replace(/([?&])api_key=[^&]*&?/, '$1').replace(/[?&]$/, '');
}

/** Two FNV-1a hashes of the key (64 bits): names the file; the file holds the key itself to rule out a collision. */
function hash(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0') + fnv1a(s, 0x01000193 ^ 0x5bd1e995).toString(16).padStart(8, '0');
}
