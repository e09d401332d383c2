import * as vscode from 'vscode';
import type { KnowledgeBase } from '../core/knowledge';
import { syntaxForLanguageId } from '../core/languages';
import type { Bibliographies, LoadedBibliography } from '../workspace/bibliographies';
import { isProse, type DocumentAnalyses } from './documentAnalysis';
import { rangeIn } from './definition';
import { diagnoseBibliographies, diagnoseMissingCitations, diagnoseNomenclature } from './settings';

export const DIAGNOSTIC_SOURCE = 'VEXAS';
/** Diagnostic codes: quick fixes and tests key on them. */
export const enum DiagnosticCode {
  MissingKey = 'missing-citation',
  MissingKeyInLibrary = 'missing-citation-in-vexas-library',
  Nomenclature = 'nomenclature',
  BibProblem = 'bibliography-problem',
}

const DEBOUNCE_MS = 300;

/**
 * Problems in manuscripts (cited keys no bibliography defines; discouraged spellings) and in .bib
 * files (malformed entries, duplicate keys), refreshed as documents and bibliographies change.
 */
export class VexasDiagnostics implements vscode.Disposable {
  private readonly manuscripts = vscode.languages.createDiagnosticCollection('vexas');
  private readonly bibFiles = vscode.languages.createDiagnosticCollection('vexas-bibliography');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly bibliographies: Bibliographies,
    private readonly knowledge: () => Promise<KnowledgeBase>,
  ) {
    this.disposables.push(
      this.manuscripts, this.bibFiles,
      vscode.workspace.onDidOpenTextDocument(d => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument(d => { this.manuscripts.delete(d.uri); }),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('vexas')) this.refreshAll(); }),
      bibliographies.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(document).catch(e => console.error(`[vexas] diagnostics for ${key}: ${e}`));
    }, delay));
  }

  /** Recomputes one document's diagnostics now (also used by tests through the returned promise). */
  async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    if (isBibFile(document)) {
      const loaded = await this.bibliographies.load(document.uri);
      this.bibFiles.set(document.uri, diagnoseBibliographies(document) ? bibDiagnostics(loaded) : []);
      return;
    }
    const syntax = syntaxForLanguageId(document.languageId);
    const analysis = syntax && this.analyses.get(document);
    if (!analysis) return;
    const version = document.version;
    const out: vscode.Diagnostic[] = [];
    const bib = await this.bibliographies.forDocument(document, analysis.syntax);
    for (const f of bib.files) {
      if (f.format === 'inline') continue;
      this.bibFiles.set(f.uri, diagnoseBibliographies(f.uri) ? bibDiagnostics(f) : []);
    }
    if (diagnoseMissingCitations(document)) {
      for (const c of analysis.citations) {
        if (bib.definesOwn(c.key)) continue;
        const inLibrary = bib.knowledge?.references.get(c.key) !== undefined;
        const d = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)),
          inLibrary
            ? `'${c.key}' is not in this document's bibliography; the VEXAS library has it.`
            : bib.declared.length === 0
              ? `'${c.key}' cannot be resolved: the document declares no bibliography.`
              : `'${c.key}' is not in the bibliography (${bib.declared.map(u => vscode.workspace.asRelativePath(u)).join(', ')}).`,
          vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = inLibrary ? DiagnosticCode.MissingKeyInLibrary : DiagnosticCode.MissingKey;
        out.push(d);
      }
    }
    if (diagnoseNomenclature(document)) {
      const kb = await this.knowledge();
      for (const m of kb.glossary.matchesIn(analysis.text)) {
        if (m.kind !== 'discouraged' || !m.preferred || !isProse(analysis, m.start)) continue;
        const d = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(m.start), document.positionAt(m.end)),
          `Prefer '${m.preferred}' to '${analysis.text.slice(m.start, m.end)}'${m.reason ? `: ${m.reason}` : ''}.`,
          vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = DiagnosticCode.Nomenclature;
        out.push(d);
      }
    }
    if (!document.isClosed && document.version === version) this.manuscripts.set(document.uri, out);
  }
}

function bibDiagnostics(file: LoadedBibliography): vscode.Diagnostic[] {
  return file.errors.map(e => {
    const d = new vscode.Diagnostic(rangeIn(file.lines(), e.start, Math.max(e.end, e.start + 1)), e.message, vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = DiagnosticCode.BibProblem;
    return d;
  });
}

function isBibFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'bibtex' || /\.bib$/i.test(document.uri.path);
}

/** Quick fixes: use the preferred form; add a cited key's entry from the VEXAS library. */
export class VexasQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.code === DiagnosticCode.Nomenclature) {
        const preferred = /^Prefer '(.+?)' to '/.exec(d.message)?.[1];
        if (!preferred) continue;
        const a = new vscode.CodeAction(`Replace with '${preferred}'`, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(document.uri, d.range, preferred);
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
      } else if (d.code === DiagnosticCode.MissingKeyInLibrary) {
        const key = document.getText(d.range);
        const a = new vscode.CodeAction(`Add '${key}' from the VEXAS library to the bibliography`, vscode.CodeActionKind.QuickFix);
        a.command = { command: 'vexas.addBundledEntry', title: a.title, arguments: [document.uri.toString(), key] };
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
      }
    }
    return actions;
  }
}
