import * as vscode from 'vscode';
import { formatReference } from '../../core/bibliography/format';
import { escapeHtml, renderDetailsBody } from '../../core/evidence';
import type { EvidenceRecord, KnowledgeBase } from '../../core/knowledge';
import { doiUrl, pubmedUrl } from '../markdownText';
import { citationStyle } from '../../workspace/settings';
import { makeNonce } from '../../workspace/host';
import { inertText } from '../../core/messageText';
import { EvidenceState } from './state';

/** What the panel's script posts once it has loaded (read by the integration tests). */
export interface DetailsReady {
  readonly type: 'ready';
  /** The Content-Security-Policy the page runs under, as its meta element states it. */
  readonly csp: string | null;
  /** Rows in the studies table. */
  readonly rows: number;
  /** The tree element shown (`class:jak`, `drug:il6/tocilizumab`), kept in the webview's state for reloads. */
  readonly subject: string | null;
}

/** A button's message from the panel, and whether the extension carried it out. */
export interface DetailsActionResult {
  readonly type: 'insertCitation' | 'insertSentence';
  readonly recordId: string;
  readonly ok: boolean;
}

export interface DetailsSubject {
  /** The tree element the panel shows, so the panel can be restored after a reload. */
  readonly element: string;
  readonly title: string;
  readonly target?: string;
  readonly records: readonly EvidenceRecord[];
  readonly summary?: ReadonlyArray<{ readonly text: string; readonly studies: readonly string[] }>;
}

type Handler = (type: 'insertCitation' | 'insertSentence', recordId: string) => Promise<boolean>;

export const DETAILS_VIEW_TYPE = 'vexas.evidenceDetails';

/**
 * The evidence details webview: one panel, re-rendered for each class or drug. Strict CSP with a
 * nonce, resources only from media/evidence, nothing remote; the script posts button presses back.
 */
export class EvidenceDetailsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly mediaRoot: vscode.Uri;
  private readyWaiters: Array<(m: DetailsReady) => void> = [];
  private actionWaiters: Array<(r: DetailsActionResult) => void> = [];
  private recordIds = new Set<string>();

  constructor(extensionUri: vscode.Uri, private readonly handle: Handler) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'media', 'evidence');
  }

  dispose(): void {
    this.panel?.dispose();
  }

  /** Takes over a panel VS Code restored after a reload (its webview is re-rendered by `show`). */
  adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.mediaRoot] };
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'activity.svg');
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; });
    panel.webview.onDidReceiveMessage(m => this.onMessage(m));
  }

  /** Shows the subject; resolves with the page's `ready` message once its script has run. */
  show(subject: DetailsSubject, kb: KnowledgeBase): Promise<DetailsReady> {
    let panel = this.panel;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, 'Evidence', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true,
        localResourceRoots: [this.mediaRoot],
        enableFindWidget: true,
      });
      this.attach(panel);
    } else {
      panel.reveal(undefined, false);
    }
    panel.title = `Evidence: ${subject.title}`;
    this.recordIds = new Set(subject.records.map(r => r.id));
    const ready = new Promise<DetailsReady>(resolve => this.readyWaiters.push(resolve));
    panel.webview.html = this.html(panel.webview, subject, kb);
    return ready;
  }

  /**
   * Test hook: asks the page to press its button for (action, record), which posts the same message
   * a click does; resolves once the extension has handled it.
   */
  press(action: 'insertCitation' | 'insertSentence', recordId: string): Promise<DetailsActionResult> {
    const panel = this.panel;
    if (!panel) return Promise.reject(new Error('The evidence details panel is not open.'));
    const result = new Promise<DetailsActionResult>(resolve => this.actionWaiters.push(resolve));
    void panel.webview.postMessage({ type: 'press', action, recordId });
    return result;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const m = message as { type?: unknown; recordId?: unknown; csp?: unknown; rows?: unknown; subject?: unknown };
    if (m.type === 'ready') {
      const ready: DetailsReady = {
        type: 'ready', csp: typeof m.csp === 'string' ? m.csp : null, rows: typeof m.rows === 'number' ? m.rows : -1,
        subject: typeof m.subject === 'string' ? m.subject : null,
      };
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const w of waiters) w(ready);
      return;
    }
    if (m.type === 'pressFailed') {
      this.settle({ type: 'insertCitation', recordId: String(m.recordId), ok: false });
      return;
    }
    if ((m.type === 'insertCitation' || m.type === 'insertSentence') && typeof m.recordId === 'string' && this.recordIds.has(m.recordId)) {
      let ok = false;
      try {
        ok = await this.handle(m.type, m.recordId);
      } catch (e) {
        void vscode.window.showErrorMessage(inertText(`VEXAS: ${e instanceof Error ? e.message : String(e)}`));
      }
      void this.panel?.webview.postMessage({
        type: 'status',
        text: ok ? (m.type === 'insertCitation' ? 'Citation inserted in the manuscript.' : 'Sentence inserted in the manuscript.')
          : 'Nothing was inserted: open a Markdown or LaTeX manuscript first.',
      });
      this.settle({ type: m.type, recordId: m.recordId, ok });
    }
  }

  private settle(result: DetailsActionResult): void {
    const waiters = this.actionWaiters;
    this.actionWaiters = [];
    for (const w of waiters) w(result);
  }

  private html(webview: vscode.Webview, subject: DetailsSubject, kb: KnowledgeBase): string {
    const nonce = makeNonce();
    const csp = detailsCsp(webview.cspSource, nonce);
    const style = citationStyle();
    const body = renderDetailsBody({
      title: subject.title,
      target: subject.target,
      records: subject.records,
      summary: subject.summary,
      levels: kb.evidence.levels,
      studyLabel: key => EvidenceState.studyLabel(kb, key),
      reference: key => {
        const entry = kb.references.get(key);
        return entry ? formatReference(entry, style, 'text') : undefined;
      },
      link: key => {
        const f = kb.references.get(key)?.fields;
        return f?.doi ? doiUrl(f.doi) : f?.pmid ? pubmedUrl(f.pmid) : undefined;
      },
      reviewed: kb.evidence.reviewed,
    });
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'details.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'details.js'));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(css.toString())}" nonce="${nonce}">
<title>${escapeHtml(`Evidence: ${subject.title}`)}</title>
</head>
<body data-subject="${escapeHtml(subject.element)}">
<main>
${body}
</main>
<script nonce="${nonce}" src="${escapeHtml(js.toString())}"></script>
</body>
</html>`;
  }
}

/** The panel's Content-Security-Policy: nothing by default; styles and scripts from the extension with the nonce. */
export function detailsCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:;`;
}

