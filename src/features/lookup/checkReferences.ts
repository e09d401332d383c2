/**
 * "Check References": every entry the active manuscript cites, checked against the registries
 * (see core/lookup/checkReferences.ts), with the results as diagnostics on each citation and on
 * each entry, in the Reference Check view, and as quick fixes. With network lookups off, the
 * offline checks (malformed and duplicate identifiers) still run, and the view says so.
 */
import * as vscode from 'vscode';
import type { BibEntry } from '../../core/bibliography/types';
import { checkReferences, type CheckReport } from '../../core/lookup/checkReferences';
import { offlineFindings, type Finding } from '../../core/lookup/referenceCheck';
import { syntaxForLanguageId } from '../../core/languages';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { NetworkAccess } from '../../workspace/network';
import type { DocumentAnalyses } from '../documentAnalysis';
import { rangeIn } from '../definition';
import { inertText } from '../../core/messageText';

export const CHECK_SOURCE = 'VEXAS reference check';

/** The last check of a manuscript. */
export interface CheckResult {
  readonly manuscript: vscode.Uri;
  readonly report: CheckReport;
  readonly online: boolean;
  readonly at: Date;
  /** Where each checked key's entry is (undefined: the VEXAS library). */
  readonly entryFiles: ReadonlyMap<string, vscode.Uri | undefined>;
}

/** What a command run returns (for scripts and tests). */
export interface CheckSummary {
  readonly status: 'checked' | 'no-manuscript' | 'cancelled';
  readonly online?: boolean;
  readonly total?: number;
  readonly checked?: number;
  readonly counts?: Readonly<Record<string, number>>;
  readonly stopped?: string;
}

export class ReferenceChecker implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('vexas-reference-check');
  private readonly results = new Map<string, CheckResult>();
  private readonly changed = new vscode.EventEmitter<CheckResult | undefined>();
  readonly onDidChange = this.changed.event;

  private readonly subscription: vscode.Disposable;
  private republishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: { bibliographies: Bibliographies; analyses: DocumentAnalyses; network: NetworkAccess }) {
    // Findings belong to keys; their places are recomputed when the manuscript or a bibliography changes.
    this.subscription = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length === 0 || !this.involves(e.document.uri)) return;
      clearTimeout(this.republishTimer);
      this.republishTimer = setTimeout(() => void this.republishAll(), 150);
    });
  }

  private involves(uri: vscode.Uri): boolean {
    const s = uri.toString();
    for (const r of this.results.values()) {
      if (r.manuscript.toString() === s) return true;
      for (const file of r.entryFiles.values()) if (file?.toString() === s) return true;
    }
    return false;
  }

  private async republishAll(): Promise<void> {
    for (const result of this.results.values()) {
      const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === result.manuscript.toString());
      if (document) await this.publish(result, document);
    }
  }

  result(manuscript: vscode.Uri): CheckResult | undefined {
    return this.results.get(manuscript.toString());
  }

  latest(): CheckResult | undefined {
    return [...this.results.values()].sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  }

  /** The finding a diagnostic shows (diagnostics come back from the editor as data, so looked up again). */
  findingFor(d: vscode.Diagnostic): { result: CheckResult; finding: Finding } | undefined {
    if (d.source !== CHECK_SOURCE || typeof d.code !== 'string') return undefined;
    const at = d.code.indexOf(':');
    if (at < 0) return undefined;
    const kind = d.code.slice(0, at);
    const key = d.code.slice(at + 1);
    for (const result of this.results.values()) {
      const finding = result.report.findings.find(f => f.kind === kind && f.key === key);
      if (finding) return { result, finding };
    }
    return undefined;
  }

  /** Drops a finding once its quick fix is applied (the entry now says what the registry says). */
  async resolve(kind: string, key: string): Promise<void> {
    for (const [uri, result] of this.results) {
      const findings = result.report.findings.filter(f => !(f.kind === kind && f.key === key));
      if (findings.length === result.report.findings.length) continue;
      const updated: CheckResult = { ...result, report: { ...result.report, findings } };
      this.results.set(uri, updated);
      const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
      if (document) await this.publish(updated, document);
      this.changed.fire(updated);
    }
  }

  async run(): Promise<CheckSummary> {
    const editor = vscode.window.activeTextEditor;
    const syntax = editor && syntaxForLanguageId(editor.document.languageId);
    if (!editor || !syntax) {
      void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript to check its references.');
      return { status: 'no-manuscript' };
    }
    const document = editor.document;
    const analysis = this.deps.analyses.get(document);
    const bib = await this.deps.bibliographies.forDocument(document, syntax);
    const entries: BibEntry[] = [];
    const entryFiles = new Map<string, vscode.Uri | undefined>();
    for (const key of new Set(analysis?.citations.map(c => c.key) ?? [])) {
      const found = bib.lookup(key);
      if (!found) continue;
      entries.push(found.entry);
      entryFiles.set(key, found.source === 'bundled' ? undefined : found.source);
    }
    const online = !this.deps.network.allowed('check references against the registries', () => vscode.commands.executeCommand('vexas.checkReferences'));
    let report: CheckReport;
    if (!online) {
      report = { findings: offlineFindings(entries), checked: 0, total: entries.length, failures: [] };
    } else {
      const client = await this.deps.network.client();
      const ran = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking ${entries.length} reference${entries.length === 1 ? '' : 's'}`, cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return checkReferences(client, entries, {
            signal: controller.signal,
            onProgress: (done, total, key) => progress.report({ message: `${done}/${total}: ${key}`, increment: 100 / Math.max(1, total) }),
          });
        });
      if (ran.stopped?.kind === 'cancelled') return { status: 'cancelled' };
      report = ran;
      if (ran.stopped) void vscode.window.showWarningMessage(inertText(`Reference check stopped after ${ran.checked} of ${ran.total}: ${ran.stopped.message}`));
      else if (ran.failures.length) void vscode.window.showWarningMessage(inertText(`${ran.failures.length} reference${ran.failures.length === 1 ? '' : 's'} could not be checked (${ran.failures.map(f => f.key).slice(0, 5).join(', ')}): ${ran.failures[0].failure.message}`));
    }
    const result: CheckResult = { manuscript: document.uri, report, online, at: new Date(), entryFiles };
    this.results.set(document.uri.toString(), result);
    await this.publish(result, document);
    this.changed.fire(result);
    return { status: 'checked', online, total: report.total, checked: report.checked, counts: countKinds(report.findings), stopped: report.stopped?.kind };
  }

  /** Diagnostics on each citation of a key in the manuscript, and on its entry in its own bibliography. */
  private async publish(result: CheckResult, document: vscode.TextDocument): Promise<void> {
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, d: vscode.Diagnostic) => {
      const slot = byUri.get(uri.toString()) ?? { uri, list: [] };
      slot.list.push(d);
      byUri.set(uri.toString(), slot);
    };
    // This manuscript's old diagnostics go; other manuscripts' stay.
    this.diagnostics.delete(document.uri);
    for (const uri of new Set([...result.entryFiles.values()].filter((u): u is vscode.Uri => !!u).map(u => u.toString()))) this.diagnostics.delete(vscode.Uri.parse(uri));
    const analysis = this.deps.analyses.get(document);
    const loaded = new Map<string, Awaited<ReturnType<Bibliographies['load']>>>();
    for (const finding of result.report.findings) {
      const make = (range: vscode.Range) => {
        const d = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
        d.source = CHECK_SOURCE;
        d.code = `${finding.kind}:${finding.key}`;
        return d;
      };
      for (const c of analysis?.citations ?? []) {
        if (c.key === finding.key) add(document.uri, make(new vscode.Range(document.positionAt(c.start), document.positionAt(c.end))));
      }
      const file = result.entryFiles.get(finding.key);
      if (file) {
        let bibliography = loaded.get(file.toString());
        if (!bibliography) loaded.set(file.toString(), bibliography = await this.deps.bibliographies.load(file));
        const entry = bibliography.byKey.get(finding.key);
        if (entry && file.toString() !== document.uri.toString()) add(file, make(rangeIn(bibliography.lines(), entry.keyStart, entry.keyEnd)));
      }
    }
    for (const { uri, list } of byUri.values()) this.diagnostics.set(uri, list);
  }

  dispose(): void {
    clearTimeout(this.republishTimer);
    this.subscription.dispose();
    this.diagnostics.dispose();
    this.changed.dispose();
  }
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information,
};

export function countKinds(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}
