import * as vscode from 'vscode';
import { syntaxForLanguageId } from '../core/languages';

/** Context key: a Markdown or LaTeX manuscript is open in a visible editor (drives the views' welcome content). */
export const MANUSCRIPT_OPEN_KEY = 'vexas.manuscriptOpen';

const served = (e: vscode.TextEditor | undefined): e is vscode.TextEditor => !!e && !!syntaxForLanguageId(e.document.languageId);

/**
 * The manuscript the sidebar writes into: the most recently active Markdown/LaTeX editor. Using the
 * sidebar or the details panel takes the focus away from it, so it is tracked, not read at use.
 */
export class ManuscriptTracker implements vscode.Disposable {
  private last: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the tracked manuscript changes, or when the last one closes. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.note(vscode.window.activeTextEditor);
    if (!this.last) this.note(vscode.window.visibleTextEditors.find(served));
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(e => this.note(e)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
      vscode.workspace.onDidCloseTextDocument(() => this.update()),
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
    );
    this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private note(editor: vscode.TextEditor | undefined): void {
    if (!served(editor)) return;
    const changed = this.last?.toString() !== editor.document.uri.toString();
    this.last = editor.document.uri;
    this.update();
    if (changed) this.changed.fire();
  }

  private update(): void {
    if (this.last && !this.document()) {
      this.last = vscode.window.visibleTextEditors.find(served)?.document.uri;
      this.changed.fire();
    }
    void vscode.commands.executeCommand('setContext', MANUSCRIPT_OPEN_KEY, !!this.document());
  }

  /** The tracked manuscript, while it is open. */
  document(): vscode.TextDocument | undefined {
    const uri = this.last?.toString();
    return uri ? vscode.workspace.textDocuments.find(d => d.uri.toString() === uri && !d.isClosed) : undefined;
  }

  /** An editor on the tracked manuscript: a visible one, else it is shown again. Undefined when none is open. */
  async editor(): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor;
    if (served(active)) return active;
    const document = this.document();
    if (!document) return undefined;
    const visible = vscode.window.visibleTextEditors.find(e => e.document === document);
    if (visible) return visible;
    return vscode.window.showTextDocument(document, { preserveFocus: true, preview: false });
  }
}
