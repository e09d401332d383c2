import * as vscode from 'vscode';
import { findCitations, type Citation } from '../core/citations';
import { syntaxForLanguageId, type CitationSyntax } from '../core/languages';
import { findNonProseRegions, type NonProseRegion } from '../core/manuscript/nonProseRegions';
import { proseRanges } from '../core/knowledge/proseRanges';
import { rangeContaining, type TextRange } from '../core/manuscript/textScan';
import { extraCiteCommands } from '../workspace/settings';

/** What the providers need to know about one version of a manuscript, computed once per version. */
export interface DocumentAnalysis {
  readonly syntax: CitationSyntax;
  readonly text: string;
  readonly citations: readonly Citation[];
  /** What is not prose (code, math, comments, front matter…): the masking pass, kept for the other readers. */
  readonly regions: readonly NonProseRegion[];
  /** Ordinary prose: not code, math, comments, front matter, URLs, citation keys or LaTeX markup. */
  readonly prose: readonly TextRange[];
  /** The LaTeX citation commands the scan recognised besides the built-in ones. */
  readonly latexCommands: readonly string[];
}

/**
 * Scans each document version once and shares the result between hover, completion, definition,
 * references and diagnostics (one scanner, one set of syntax rules).
 */
export class DocumentAnalyses implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; latexCommands: string; analysis: DocumentAnalysis }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument(d => this.cache.delete(d.uri.toString()));

  /** `commandsFor`: the LaTeX citation commands in force for a document (setting and detected aliases). */
  constructor(private readonly commandsFor: (document: vscode.TextDocument) => readonly string[] = d => extraCiteCommands(d)) {}

  get(document: vscode.TextDocument): DocumentAnalysis | undefined {
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax) return undefined;
    const key = document.uri.toString();
    const commands = syntax === 'latex' ? [...this.commandsFor(document)] : [];
    const commandsKey = commands.join(',');
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.latexCommands === commandsKey) return hit.analysis;
    const text = document.getText();
    // One masking pass (code, math, comments…) shared by the citation scan and the prose ranges.
    const regions = findNonProseRegions(text, syntax);
    const analysis: DocumentAnalysis = {
      syntax,
      text,
      citations: findCitations(text, syntax, { latexCommands: commands, regions }),
      regions,
      prose: proseRanges(text, syntax, regions),
      latexCommands: commands,
    };
    this.cache.set(key, { version: document.version, latexCommands: commandsKey, analysis });
    return analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}

/** The cited key at an offset (the cursor on or just after the key), if any. */
export function citationAt(analysis: DocumentAnalysis, offset: number): Citation | undefined {
  const list = analysis.citations;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = list[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** Whether an offset is in ordinary prose (the end of a prose range counts: the cursor after a word). */
export function isProse(analysis: DocumentAnalysis, offset: number): boolean {
  return rangeContaining(analysis.prose, offset) !== undefined || rangeContaining(analysis.prose, offset - 1) !== undefined;
}
