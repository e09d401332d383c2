import * as vscode from 'vscode';
import type { KnowledgeBase } from '../core/knowledge';
import { syntaxForLanguageId } from '../core/languages';
import type { CitationSyntax } from '../core/languages';
import type { CitationCommands } from '../workspace/citationCommands';
import { ENRICH_CODE, enrichmentAction, enrichmentDiagnostics } from './enrichment';
import type { Bibliographies, DocumentBibliography, LoadedBibliography } from '../workspace/bibliographies';
import { isProse, type DocumentAnalyses } from './documentAnalysis';
import { rangeIn } from './definition';
import { diagnoseBibliographies, diagnoseMissingCitations, diagnoseNomenclature } from '../workspace/settings';

export const DIAGNOSTIC_SOURCE = 'VEXAS';
/** Diagnostic codes: quick fixes and tests key on them. */
export const enum DiagnosticCode {
  MissingKey = 'missing-citation',
  MissingKeyInLibrary = 'missing-citation-in-vexas-library',
  Nomenclature = 'nomenclature',
  BibProblem = 'bibliography-problem',
  /** On a manuscript's declaration of a bibliography that pandoc, biber or BibTeX cannot read whole. */
  BibUnreadable = 'bibliography-unreadable',
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
    private readonly commands?: CitationCommands,
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
      this.bibFiles.set(document.uri, diagnoseBibliographies(document) ? [...bibDiagnostics(loaded), ...enrichmentDiagnostics(loaded, await this.knowledge())] : []);
      return;
    }
    const syntax = syntaxForLanguageId(document.languageId);
    if (syntax === 'latex') await this.commands?.forDocument(document); // aliases from the root file
    const analysis = syntax && this.analyses.get(document);
    if (!analysis) return;
    const version = document.version;
    const out: vscode.Diagnostic[] = [];
    const bib = await this.bibliographies.forDocument(document, analysis.syntax);
    for (const f of bib.files) {
      if (f.format === 'inline') continue;
      this.bibFiles.set(f.uri, diagnoseBibliographies(f.uri) ? [...bibDiagnostics(f), ...(bib.knowledge ? enrichmentDiagnostics(f, bib.knowledge) : [])] : []);
    }
    if (diagnoseBibliographies(document)) out.push(...toolchainDiagnostics(document, analysis.syntax, bib));
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
    const severity = e.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    const d = new vscode.Diagnostic(rangeIn(file.lines(), e.start, Math.max(e.end, e.start + 1)), e.message, severity);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = DiagnosticCode.BibProblem;
    return d;
  });
}

/**
 * What the author's toolchain will do with a declared bibliography that has malformed entries: pandoc
 * stops at the first and renders no references; biber and BibTeX skip or misread the entry. One
 * error on the manuscript's declaration of the file, naming the first place, linked to it.
 */
function toolchainDiagnostics(document: vscode.TextDocument, syntax: CitationSyntax, bib: DocumentBibliography): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const site of bib.sites) {
    const file = bib.files.find(f => f.format !== 'inline' && f.uri.toString() === site.uri.toString());
    const errors = file?.errors.filter(e => e.severity === 'error') ?? [];
    if (!file || errors.length === 0) continue;
    const first = errors[0];
    const at = file.lines().positionAt(first.start);
    const name = vscode.workspace.asRelativePath(file.uri);
    const more = errors.length > 1 ? ` (${errors.length} malformed places in all)` : '';
    const message = syntax === 'markdown'
      ? `pandoc will stop at ${name} line ${at.line + 1}: ${first.message}${more}. It renders no bibliography until this is fixed.`
      : `biber and BibTeX will skip or misread the entry at ${name} line ${at.line + 1}: ${first.message}${more}.`;
    const range = site.range
      ? new vscode.Range(document.positionAt(site.range.start), document.positionAt(site.range.end))
      : new vscode.Range(0, 0, 0, 0);
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: DiagnosticCode.BibUnreadable, target: file.uri.with({ fragment: `L${at.line + 1},${at.character + 1}` }) };
    d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(file.uri, new vscode.Position(at.line, at.character)), first.message)];
    out.push(d);
  }
  return out;
}

function isBibFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'bibtex' || /\.bib$/i.test(document.uri.path);
}

/** Quick fixes: use the preferred form; add a cited key's entry from the VEXAS library; add identifiers to a .bib entry. */
export class VexasQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly bibliographies?: Bibliographies, private readonly knowledge?: () => Promise<KnowledgeBase>) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.code === ENRICH_CODE && this.bibliographies && this.knowledge) {
        const enrich = await enrichmentAction(document, d, this.bibliographies, this.knowledge);
        if (enrich) actions.push(enrich);
        continue;
      }
      if (d.code === DiagnosticCode.Nomenclature) {
        const preferred = /^Prefer '(.+?)' to '/.exec(d.message)?.[1];
        if (!preferred) continue;
        const a = new vscode.CodeAction(`Replace with '${preferred}'`, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(document.uri, d.range, preferred);
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
      } else if (typeof d.code === 'object' && d.code.value === DiagnosticCode.BibUnreadable && d.relatedInformation?.[0]) {
        const where = d.relatedInformation[0].location;
        const a = new vscode.CodeAction(`Go to the problem in ${vscode.workspace.asRelativePath(where.uri)}`, vscode.CodeActionKind.QuickFix);
        a.command = { command: 'vscode.open', title: a.title, arguments: [where.uri, { selection: where.range }] };
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
