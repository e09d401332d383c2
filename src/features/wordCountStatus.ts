/**
 * Word counts the way journals count them (core/manuscript/wordCount.ts): in the status bar for the
 * active manuscript, the breakdown from **VEXAS: Word Count** (per section, the abstract, what is
 * counted apart and what not at all), and a warning on the manuscript when a limit the author set
 * (`vexas.limits.*`) is exceeded.
 */
import * as vscode from 'vscode';
import { countWords, type WordCount } from '../core/output/wordCount';
import type { DocumentAnalyses } from './documentAnalysis';

const LIMITS_SOURCE = 'VEXAS limits';

interface Limits { words: number; abstractWords: number; references: number; figuresAndTables: number }

function limits(document: vscode.TextDocument): Limits {
  const c = vscode.workspace.getConfiguration('vexas.limits', document);
  const n = (name: string) => Math.max(0, Math.floor(c.get<number>(name, 0) || 0));
  return { words: n('words'), abstractWords: n('abstractWords'), references: n('references'), figuresAndTables: n('figuresAndTables') };
}

const fmt = (n: number) => n.toLocaleString('en-US');

export class WordCountStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vexas.wordCount', vscode.StatusBarAlignment.Right, 100);
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('vexas-limits');
  private readonly disposables: vscode.Disposable[] = [this.item, this.diagnostics];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly analyses: DocumentAnalyses) {
    this.item.name = 'VEXAS word count';
    this.item.command = 'vexas.wordCount';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument(e => { if (e.document === vscode.window.activeTextEditor?.document) this.schedule(400); }),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('vexas.limits')) this.schedule(0); }),
      vscode.workspace.onDidCloseTextDocument(d => this.diagnostics.delete(d.uri)),
    );
    this.schedule(0);
  }

  /** The count of a manuscript (undefined for other documents). */
  count(document: vscode.TextDocument): WordCount | undefined {
    const analysis = this.analyses.get(document);
    if (!analysis) return undefined;
    return countWords(analysis.text, analysis.syntax, analysis.regions, analysis.citations);
  }

  /** The breakdown, as a list the author can read (and jump to a section from). */
  async show(): Promise<WordCount | undefined> {
    const editor = vscode.window.activeTextEditor;
    const count = editor && this.count(editor.document);
    if (!editor || !count) {
      void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript to count its words.');
      return undefined;
    }
    const l = limits(editor.document);
    type Row = vscode.QuickPickItem & { offset?: number };
    const rows: Row[] = [
      { label: `Main text: ${fmt(count.total)} words`, description: l.words ? `limit ${fmt(l.words)}${count.total > l.words ? ` — ${fmt(count.total - l.words)} over` : ''}` : undefined },
      { label: 'Sections', kind: vscode.QuickPickItemKind.Separator },
      ...count.sections.map(s => ({ label: `${'  '.repeat(Math.max(0, s.level - 1))}${s.title}`, description: `${fmt(s.words)} words`, offset: s.start })),
      { label: 'Counted apart', kind: vscode.QuickPickItemKind.Separator },
      { label: `Abstract: ${fmt(count.abstract)} words`, description: l.abstractWords ? `limit ${fmt(l.abstractWords)}` : undefined },
      { label: `Figure and table captions: ${fmt(count.apart.captions)} words` },
      { label: `Tables: ${fmt(count.apart.tables)} words` },
      { label: `Headings: ${fmt(count.apart.headings)} words` },
      { label: `Figures: ${count.figures} · tables: ${count.tablesCount}`, description: l.figuresAndTables ? `limit ${l.figuresAndTables} together` : undefined },
      { label: `References cited: ${count.references}`, description: l.references ? `limit ${l.references}` : undefined },
      { label: 'Not counted', kind: vscode.QuickPickItemKind.Separator },
      { label: `${count.excluded.citations} citations, ${count.excluded.codeBlocks} code blocks, ${count.excluded.math} math spans; the reference list (${fmt(count.excluded.referenceListWords)} words), front matter, comments and URLs` },
    ];
    const picked = await vscode.window.showQuickPick(rows, { title: `Word count of ${vscode.workspace.asRelativePath(editor.document.uri)} (as journals count)` });
    if (picked?.offset !== undefined) {
      const at = editor.document.positionAt(picked.offset);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
    }
    return count;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), ms);
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const count = document && this.count(document);
    if (!document || !count) {
      this.item.hide();
      return;
    }
    const l = limits(document);
    const over = l.words > 0 && count.total > l.words;
    this.item.text = `$(book) ${fmt(count.total)} words${l.words ? ` / ${fmt(l.words)}` : ''}`;
    this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = `Main text as journals count it (citations, tables, captions, code, math, front matter and the reference list left out); abstract ${fmt(count.abstract)} words, ${count.references} references, ${count.figures} figures, ${count.tablesCount} tables. Click for the breakdown.`;
    this.item.show();
    this.diagnostics.set(document.uri, limitDiagnostics(document, count, l));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** One warning per exceeded limit, on the first line of the manuscript. */
function limitDiagnostics(document: vscode.TextDocument, count: WordCount, l: Limits): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const range = document.lineAt(0).range;
  const add = (code: string, message: string) => {
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
    d.source = LIMITS_SOURCE;
    d.code = code;
    out.push(d);
  };
  if (l.words && count.total > l.words) add('word-limit', `The main text has ${fmt(count.total)} words: ${fmt(count.total - l.words)} over the ${fmt(l.words)}-word limit (vexas.limits.words).`);
  if (l.abstractWords && count.abstract > l.abstractWords) add('abstract-limit', `The abstract has ${fmt(count.abstract)} words: ${fmt(count.abstract - l.abstractWords)} over the ${fmt(l.abstractWords)}-word limit (vexas.limits.abstractWords).`);
  if (l.references && count.references > l.references) add('reference-limit', `${count.references} references are cited: ${count.references - l.references} over the limit of ${l.references} (vexas.limits.references).`);
  const shown = count.figures + count.tablesCount;
  if (l.figuresAndTables && shown > l.figuresAndTables) add('figure-limit', `${count.figures} figures and ${count.tablesCount} tables: ${shown - l.figuresAndTables} over the limit of ${l.figuresAndTables} (vexas.limits.figuresAndTables).`);
  return out;
}
