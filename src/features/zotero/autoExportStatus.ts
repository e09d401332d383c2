/**
 * Better BibTeX auto-exports of the manuscript in the editor (its bibliographies that the author
 * named in `vexas.zotero.autoExports`): a status bar warning when the Zotero library changed after
 * one was written and Better BibTeX has not rewritten it. The background check asks Zotero only when
 * that is allowed (never asking the author), only for a manuscript with a named export, at most once
 * a minute (five minutes after a failure), and shows no message: Zotero not running is not news.
 * **VEXAS: Check Zotero Auto-Exports** checks now and says what it found.
 */
import * as vscode from 'vscode';
import { syntaxForLanguageId, type CitationSyntax } from '../../core/languages';
import type { Failure } from '../../core/lookup/http';
import { autoExportMatcher, exportFreshness, exportReport, staleExportStatus, EXPORT_GRACE_MS, type BibliographyPath, type ExportCheck, type ExportFreshness } from '../../core/zotero/autoExports';
import type { ZoteroChange } from '../../core/zotero/zoteroResponses';
import { inertText } from '../../core/messageText';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { ZoteroAccess } from '../../workspace/zoteroAccess';

export const CHECK_AUTO_EXPORTS = 'vexas.zotero.checkAutoExports';
export const CHOOSE_AUTO_EXPORTS = 'vexas.zotero.chooseAutoExports';

/** A successful answer is used for this long before Zotero is asked again. */
const QUERY_INTERVAL_MS = 60_000;
/** After Zotero did not answer, the background check leaves it alone this long. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;
/** The background check waits less than a search would: nobody is waiting for it. */
const BACKGROUND_TIMEOUT_MS = 5_000;
/** While the window has the focus, the status is brought up to date this often. */
const TICK_MS = 120_000;

/** What the status shows and what the check found (for the check command's caller and the tests). */
export interface AutoExportState {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly exports: ReadonlyArray<{ readonly uri: string; readonly writtenMs: number; readonly freshness: ExportFreshness }>;
  /** Requests made to Zotero for the library's latest change, this session. */
  readonly queries: number;
  /** Every message this feature has shown (only its commands show any). */
  readonly messages: readonly string[];
}

type Library = { ok: true; change: ZoteroChange | null; running: boolean } | { ok: false; failure: Failure };

type Outcome =
  | { kind: 'not-allowed' | 'no-manuscript' }
  | { kind: 'none-named'; document: vscode.TextDocument }
  | { kind: 'unavailable'; failure: Failure }
  | { kind: 'checked'; checks: ExportCheck[]; missing: vscode.Uri[]; change: ZoteroChange | null; running: boolean };

export class AutoExportStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vexas.zoteroAutoExport', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** The last answer Zotero gave, and when. */
  private known: { change: ZoteroChange | null; at: number } | undefined;
  private failure: { failure: Failure; at: number } | undefined;
  private asking: Promise<Library> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private exports: AutoExportState['exports'] = [];
  private queries = 0;
  readonly messages: string[] = [];

  constructor(private readonly bibliographies: Bibliographies, private readonly zotero: ZoteroAccess) {
    this.item.name = 'VEXAS Zotero auto-export';
    this.item.command = CHECK_AUTO_EXPORTS;
    const tick = setInterval(() => { if (vscode.window.state.focused) this.schedule(0); }, TICK_MS);
    this.disposables.push(
      { dispose: () => clearInterval(tick) },
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(200)),
      // Back from Zotero: the moment a change made there is worth a look.
      vscode.window.onDidChangeWindowState(s => { if (s.focused) this.schedule(200); }),
      // An export rewritten on disk (the bibliographies watch them, inside the workspace or not).
      bibliographies.onDidChange(() => this.schedule(200)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (!e.affectsConfiguration('vexas.zotero')) return;
        // Another Zotero (url), or Zotero allowed again: what was learnt or refused no longer holds.
        this.known = undefined;
        this.failure = undefined;
        this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  state(): AutoExportState {
    return {
      visible: this.item.text !== '', text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '',
      exports: this.exports, queries: this.queries, messages: this.messages,
    };
  }

  /** The state once the checks already triggered have run (for tests and scripts). */
  async settled(): Promise<AutoExportState> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.run(false);
    }
    await this.queue;
    return this.state();
  }

  /** The check command: asks Zotero now (allowing it first if need be) and says what it found. */
  async check(): Promise<AutoExportState> {
    if (!this.zotero.allowed(() => vscode.commands.executeCommand(CHECK_AUTO_EXPORTS))) return this.state();
    const outcome = await this.run(true);
    switch (outcome.kind) {
      case 'not-allowed': break;
      case 'no-manuscript': this.say('info', 'Open a Markdown or LaTeX manuscript to check the Better BibTeX auto-exports it uses.'); break;
      case 'none-named': {
        const choose = 'Choose Auto-Exports…';
        void this.say('info', `None of the bibliographies of ${vscode.workspace.asRelativePath(outcome.document.uri)} is named as a Better BibTeX auto-export (vexas.zotero.autoExports).`, choose)
          .then(answer => answer === choose ? vscode.commands.executeCommand(CHOOSE_AUTO_EXPORTS) : undefined);
        break;
      }
      case 'unavailable': this.say('warning', this.zotero.explain(outcome.failure.message, outcome.failure.kind === 'offline')); break;
      case 'checked': {
        const missing = outcome.missing.map(u => `${vscode.workspace.asRelativePath(u)} does not exist (yet): Better BibTeX writes it when its export first runs.`);
        const report = outcome.checks.length ? exportReport(outcome.checks, outcome.change, outcome.running, formatTime) : '';
        this.say(outcome.checks.some(c => c.freshness === 'stale') || outcome.missing.length ? 'warning' : 'info', [...missing, report].filter(Boolean).join(' '));
      }
    }
    return this.state();
  }

  /**
   * The choose command: which of the manuscript's bibliographies Better BibTeX keeps updated, saved
   * in the workspace folder's settings. `scripted`: the URIs to name, without the picker.
   */
  async choose(scripted?: readonly string[]): Promise<readonly string[] | undefined> {
    const found = manuscript();
    if (!found) {
      this.say('info', 'Open a Markdown or LaTeX manuscript to choose which of its bibliographies are Better BibTeX auto-exports.');
      return undefined;
    }
    const { document, syntax } = found;
    const files = await this.bibliographyFiles(document, syntax);
    if (files.length === 0) {
      this.say('info', `${vscode.workspace.asRelativePath(document.uri)} declares no bibliography file.`);
      return undefined;
    }
    const config = vscode.workspace.getConfiguration('vexas.zotero', document.uri);
    const patterns = namedPatterns(config);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const named = autoExportMatcher(patterns, caseInsensitivePaths());
    let picked: vscode.Uri[];
    if (scripted) picked = files.filter(f => scripted.includes(f.toString()));
    else {
      const rows = files.map(uri => ({ label: vscode.workspace.asRelativePath(uri), uri, picked: named(pathOf(uri, folder)) }));
      const chosen = await vscode.window.showQuickPick(rows, {
        canPickMany: true, title: 'Which bibliographies does Better BibTeX keep updated?',
        placeHolder: 'Check the files exported from Zotero with "Keep updated"',
      });
      if (!chosen) return undefined;
      picked = chosen.map(r => r.uri);
    }
    // Written where the setting already is: the folder's value, else the workspace's (a .code-workspace),
    // else the author's user value, else the folder. User settings get absolute paths (they hold in every
    // workspace), and the user's patterns (home paths) are never copied into a repository's settings.
    const inspected = config.inspect<string[]>('autoExports');
    const level = folder && Array.isArray(inspected?.workspaceFolderValue) ? 'folder'
      : Array.isArray(inspected?.workspaceValue) ? 'workspace'
        : Array.isArray(inspected?.globalValue) || !folder ? 'user' : 'folder';
    const current = level === 'folder' ? inspected?.workspaceFolderValue : level === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue;
    const written = (uri: vscode.Uri) => { const p = pathOf(uri, folder); return level === 'user' ? p.absolute : p.relative ?? p.absolute; };
    const listed = new Set(files.flatMap(f => { const p = pathOf(f, folder); return [p.absolute, ...(p.relative ? [p.relative] : [])]; }));
    const next = [...(current ?? []).filter(p => typeof p === 'string' && !listed.has(normalizePattern(p))), ...picked.map(written)];
    await config.update('autoExports', next, level === 'folder' ? vscode.ConfigurationTarget.WorkspaceFolder
      : level === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    const stillNamed = files.filter(f => !picked.includes(f) && autoExportMatcher(next, caseInsensitivePaths())(pathOf(f, folder)));
    if (stillNamed.length) this.say('info', `${stillNamed.map(u => vscode.workspace.asRelativePath(u)).join(', ')} still matches a pattern in vexas.zotero.autoExports; edit the setting to leave it out.`);
    return next;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; this.run(false); }, ms);
  }

  /** One check at a time, in order: a forced one waits for a background one under way. */
  private run(force: boolean): Promise<Outcome> {
    const next = this.queue.then(() => this.refresh(force));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(force: boolean): Promise<Outcome> {
    if (!this.zotero.mayAsk()) return this.show([], undefined, { kind: 'not-allowed' });
    const found = manuscript();
    if (!found) return this.show([], undefined, { kind: 'no-manuscript' });
    const named = await this.namedExports(found.document, found.syntax);
    if (named.length === 0) return this.show([], undefined, { kind: 'none-named', document: found.document });
    const written: Array<{ uri: vscode.Uri; mtime: number }> = [];
    const missing: vscode.Uri[] = [];
    await Promise.all(named.map(async uri => {
      try {
        written.push({ uri, mtime: (await vscode.workspace.fs.stat(uri)).mtime });
      } catch {
        missing.push(uri);
      }
    }));
    if (written.length === 0) return this.show([], undefined, { kind: 'checked', checks: [], missing, change: null, running: true });
    const library = await this.library(force);
    // Zotero not reachable: what it last said still holds (nothing can have rewritten the file
    // since), and with nothing said yet there is nothing to show.
    const known = library.ok ? library : this.known && { change: this.known.change, running: library.failure.kind !== 'offline' };
    if (!known) return this.show([], undefined, { kind: 'unavailable', failure: (library as { failure: Failure }).failure });
    const now = Date.now();
    const rows = written.map(w => ({ uri: w.uri, writtenMs: w.mtime, freshness: exportFreshness(w.mtime, known.change, now) }));
    const pending = known.change && rows.some(r => r.freshness === 'pending');
    // Better BibTeX is given its minute; then the same answer says whether it wrote the file.
    if (pending && known.change) this.schedule(Math.max(1_000, EXPORT_GRACE_MS - (now - known.change.at) + 1_000));
    const checks = rows.map(r => ({ name: r.uri.path.split('/').pop() ?? r.uri.path, writtenMs: r.writtenMs, freshness: r.freshness }));
    const status = known.change ? staleExportStatus(checks, known.change, known.running, formatTime) : undefined;
    return this.show(rows, status, { kind: 'checked', checks, missing, change: known.change, running: known.running });
  }

  private show(rows: ReadonlyArray<{ uri: vscode.Uri; writtenMs: number; freshness: ExportFreshness }>, status: { text: string; tooltip: string } | undefined, outcome: Outcome): Outcome {
    this.exports = rows.map(r => ({ uri: r.uri.toString(), writtenMs: r.writtenMs, freshness: r.freshness }));
    if (!status) {
      this.item.text = '';
      this.item.tooltip = '';
      this.item.hide();
      return outcome;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
    return outcome;
  }

  /** The library's latest change: the last answer while recent, else Zotero is asked (one request at a time). */
  private library(force: boolean): Promise<Library> {
    const now = Date.now();
    if (!force && this.known && now - this.known.at < QUERY_INTERVAL_MS) return Promise.resolve({ ok: true, change: this.known.change, running: true });
    if (!force && this.failure && now - this.failure.at < RETRY_AFTER_FAILURE_MS) return Promise.resolve({ ok: false, failure: this.failure.failure });
    return this.asking ??= (async (): Promise<Library> => {
      this.queries++;
      const answer = await this.zotero.client(force ? undefined : BACKGROUND_TIMEOUT_MS).lastChange();
      if (answer.ok) {
        this.known = { change: answer.value, at: Date.now() };
        this.failure = undefined;
        return { ok: true, change: answer.value, running: true };
      }
      this.failure = { failure: answer.failure, at: Date.now() };
      return { ok: false, failure: answer.failure };
    })().finally(() => { this.asking = undefined; });
  }

  private async bibliographyFiles(document: vscode.TextDocument, syntax: CitationSyntax): Promise<vscode.Uri[]> {
    const { declared, configured } = await this.bibliographies.filesFor(document, syntax);
    const seen = new Set<string>();
    return [...declared, ...configured].filter(u => !seen.has(u.toString()) && !!seen.add(u.toString()));
  }

  /** The manuscript's bibliography files the author named as auto-exports (none without a setting: no work then). */
  private async namedExports(document: vscode.TextDocument, syntax: CitationSyntax): Promise<vscode.Uri[]> {
    const patterns = namedPatterns(vscode.workspace.getConfiguration('vexas.zotero', document.uri));
    if (patterns.length === 0) return [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const named = autoExportMatcher(patterns, caseInsensitivePaths());
    return (await this.bibliographyFiles(document, syntax)).filter(uri => named(pathOf(uri, folder)));
  }

  private say(kind: 'info' | 'warning', text: string, ...actions: string[]): Thenable<string | undefined> {
    // File names and Zotero titles are in it: no links or icons of theirs (this feature shows none of its own).
    const message = inertText(text);
    this.messages.push(message);
    if (this.messages.length > 50) this.messages.shift();
    return kind === 'info' ? vscode.window.showInformationMessage(message, ...actions) : vscode.window.showWarningMessage(message, ...actions);
  }
}

/** The manuscript in the active editor, else in a visible one. */
function manuscript(): { document: vscode.TextDocument; syntax: CitationSyntax } | undefined {
  for (const editor of [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]) {
    const syntax = editor && syntaxForLanguageId(editor.document.languageId);
    if (editor && syntax) return { document: editor.document, syntax };
  }
  return undefined;
}

function namedPatterns(config: vscode.WorkspaceConfiguration): string[] {
  const value = config.get<unknown>('autoExports', []);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

function normalizePattern(pattern: string): string {
  return pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

function pathOf(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): BibliographyPath {
  const base = folder && `${folder.uri.path.replace(/\/$/, '')}/`;
  const relative = base && uri.scheme === folder.uri.scheme && uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
  return { relative, absolute: (uri.scheme === 'file' ? uri.fsPath : uri.path).replace(/\\/g, '/') };
}

function caseInsensitivePaths(): boolean {
  return typeof process !== 'undefined' && process.platform === 'win32';
}

/** "at 14:02" today, else "on 3 May 2024, 14:02" (the author's locale). */
function formatTime(ms: number): string {
  const d = new Date(ms);
  return d.toDateString() === new Date().toDateString()
    ? `at ${d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`
    : `on ${d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}
