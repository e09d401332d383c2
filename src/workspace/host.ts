/**
 * What the extension host this copy runs in can do. The desktop entry (src/extension.ts) runs in
 * Node, beside the author's Zotero; the web entry (src/web/extension.ts) runs in a browser's web
 * worker, which cannot open a port on the author's computer. Each entry says so once, at activation.
 */
export interface HostCapabilities {
  /** 'web' in the browser's web worker (vscode.dev, github.dev), 'desktop' in Node. */
  readonly kind: 'desktop' | 'web';
  /** Whether Zotero's local API (port 23119 on this computer) can be reached. */
  readonly zotero: boolean;
  /** Fills `bytes` with cryptographically strong random values (CSP nonces). */
  randomValues(bytes: Uint8Array): Uint8Array;
}

let current: HostCapabilities | undefined;

export function setHostCapabilities(capabilities: HostCapabilities): void {
  current = capabilities;
}

export function hostCapabilities(): HostCapabilities {
  if (!current) throw new Error('VEXAS: host capabilities are set by the entry point before use');
  return current;
}

/** A nonce for a webview's Content-Security-Policy: 18 random bytes, base64 without symbols. */
export function makeNonce(): string {
  const bytes = hostCapabilities().randomValues(new Uint8Array(18));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/[^A-Za-z0-9]/g, '');
}
