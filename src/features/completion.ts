import * as vscode from 'vscode';
import type { BibEntry } from '../core/bibliography/types';
import { citationContextAt, citationKeyProblem } from '../core/citations';
import type { KnowledgeBase } from '../core/knowledge';
import type { Bibliographies, FoundReference } from '../workspace/bibliographies';
import { isProse, type DocumentAnalyses } from './documentAnalysis';
import { escapeMarkdown } from './markdownText';
import { completeTerms, extraCiteCommands } from './settings';

const KEY_RESULTS = 100;
/** A word being typed in prose: letters, digits and the joiners of HGVS names and cytokines (p.Met41Thr, IL-6). */
const TERM_PREFIX = /[\p{L}\p{N}][\p{L}\p{N}.\->+_]*$/u;

/**
 * Completes citation keys where a key is being typed (`[@`, `@`, `\cite{`, after `;` or `,`), searched
 * by key, author, year, title and DOI in the document's bibliographies and the VEXAS library; and VEXAS
 * terms in prose.
 */
export class VexasCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly bibliographies: Bibliographies,
    private readonly knowledge: () => Promise<KnowledgeBase>,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const analysis = this.analyses.get(document);
    if (!analysis) return undefined;
    const offset = document.offsetAt(position);
    const context = citationContextAt(analysis.text, offset, analysis.syntax, { latexCommands: extraCiteCommands(document) });
    if (context) {
      const bib = await this.bibliographies.forDocument(document, analysis.syntax);
      if (token.isCancellationRequested) return undefined;
      const range = new vscode.Range(document.positionAt(context.replaceStart), document.positionAt(context.replaceEnd));
      // A key that cannot be written into this syntax (a `}` in a CSL-JSON id, say) is not offered.
      const found = bib.search(context.prefix, KEY_RESULTS).filter(f => citationKeyProblem(f.entry.key, analysis.syntax) === undefined);
      // Our search already matched author, title, year and DOI: the filter text starts with what was
      // typed so VS Code's own filter (which sees only the first 128 characters) keeps every result.
      const items = found.map((f, rank) => keyItem(f, rank, range, context.prefix));
      return new vscode.CompletionList(items, true);
    }
    if (!completeTerms(document) || !isProse(analysis, offset)) return undefined;
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const typed = TERM_PREFIX.exec(linePrefix)?.[0];
    if (!typed || typed.length < 2) return undefined;
    const kb = await this.knowledge();
    if (token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.translate(0, -typed.length), position);
    const items = kb.glossary.complete(typed).map((c, rank) => {
      const item = new vscode.CompletionItem({ label: c.label, description: c.kind === 'discouraged' ? `→ ${c.insert}` : c.term.category },
        vscode.CompletionItemKind.Text);
      item.insertText = c.insert;
      item.range = range;
      item.filterText = c.label;
      item.sortText = `~${String(rank).padStart(4, '0')}`; // after the editor's own word completions
      item.detail = c.kind === 'discouraged' ? `VEXAS: preferred form of ${c.label}` : 'VEXAS term';
      item.documentation = new vscode.MarkdownString(`**${escapeMarkdown(c.term.term)}**: ${escapeMarkdown(c.term.definition)}`);
      return item;
    });
    return new vscode.CompletionList(items, false);
  }
}

function keyItem(found: FoundReference, rank: number, range: vscode.Range, typed: string): vscode.CompletionItem {
  const e = found.entry;
  const authors = shortAuthors(e);
  const year = e.fields.year ?? e.fields.date?.slice(0, 4) ?? '';
  const item = new vscode.CompletionItem({ label: e.key, description: [authors, year].filter(Boolean).join(' ') },
    vscode.CompletionItemKind.Reference);
  item.range = range;
  item.insertText = e.key;
  item.filterText = `${typed} ${e.key}`;
  item.sortText = String(rank).padStart(5, '0');
  item.detail = [authors, year && `(${year})`, e.fields.title].filter(Boolean).join(' ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(e.fields.title ?? e.key)}**\n\n`);
  if (e.fields.author) md.appendMarkdown(`${escapeMarkdown(e.fields.author.replace(/ and /g, '; '))}\n\n`);
  const venue = [e.fields.journal ?? e.fields.journaltitle ?? e.fields.booktitle, year].filter(Boolean).join(', ');
  if (venue) md.appendMarkdown(`_${escapeMarkdown(venue)}_\n\n`);
  if (e.fields.doi) md.appendMarkdown(`DOI ${escapeMarkdown(e.fields.doi)}\n\n`);
  md.appendMarkdown(found.source === 'bundled' ? '_VEXAS library: added to your bibliography when inserted with **Insert Citation**._'
    : `_${escapeMarkdown(vscode.workspace.asRelativePath(found.source))}_`);
  item.documentation = md;
  return item;
}

/** "Beck et al." / "Al-Hakim & Savic" / "Beck" from an author list. */
function shortAuthors(e: BibEntry): string {
  const names = (e.fields.author ?? e.fields.editor ?? '').split(/\s+and\s+/).map(n => n.trim()).filter(Boolean);
  const family = (n: string) => (n.includes(',') ? n.split(',')[0] : n.split(/\s+/).pop() ?? n).trim();
  if (names.length === 0) return '';
  if (names.length === 1) return family(names[0]);
  if (names.length === 2 && names[1] !== 'others') return `${family(names[0])} & ${family(names[1])}`;
  return `${family(names[0])} et al.`;
}
