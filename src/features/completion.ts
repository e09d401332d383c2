import * as vscode from 'vscode';
import type { BibEntry } from '../core/bibliography/types';
import { citationContextAt, citationKeyProblem } from '../core/citations';
import type { KnowledgeBase } from '../core/knowledge';
import type { Bibliographies, FoundReference } from '../workspace/bibliographies';
import { isProse, type DocumentAnalyses } from './documentAnalysis';
import { parseNameList } from '../core/bibliography/names';
import { escapeMarkdown } from './markdownText';
import type { CitationCommands } from '../workspace/citationCommands';
import { completeTerms } from '../workspace/settings';
import type { ExtraSources, SourceRow } from './citationSources';
import { SourceCompletion } from './sourceCompletion';

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
    private readonly commands?: CitationCommands,
    sources: ExtraSources = {},
  ) {
    this.fromSource = new SourceCompletion(sources);
  }

  private readonly fromSource: SourceCompletion;

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    // Citation commands a chapter's root file defines are known once it has been read.
    await this.commands?.forDocument(document);
    const analysis = this.analyses.get(document);
    if (!analysis) return undefined;
    const offset = document.offsetAt(position);
    const context = citationContextAt(analysis.text, offset, analysis.syntax, { latexCommands: [...analysis.latexCommands] });
    if (context) {
      const bib = await this.bibliographies.forDocument(document, analysis.syntax);
      if (token.isCancellationRequested) return undefined;
      const range = new vscode.Range(document.positionAt(context.replaceStart), document.positionAt(context.replaceEnd));
      // A key that cannot be written into this syntax (a `}` in a CSL-JSON id, say) is not offered.
      const found = bib.search(context.prefix, KEY_RESULTS).filter(f => citationKeyProblem(f.entry.key, analysis.syntax) === undefined);
      // Our search already matched author, title, year and DOI: the filter text starts with what was
      // typed so VS Code's own filter (which sees only the first 128 characters) keeps every result.
      const items = found.map((f, rank) => keyItem(f, rank, range, context.prefix,
        // A key only the VEXAS library has: its entry must join the bibliography with it (one edit, one undo).
        f.source === 'bundled' && !bib.definesOwn(f.entry.key)
          ? { command: COMPLETE_FROM_LIBRARY, title: 'Add from the VEXAS library', arguments: [document.uri, context.replaceStart, context.replaceEnd, f.entry.key] }
          : undefined));
      // Then the extra source's works (Zotero) that the bibliographies do not list; choosing one writes its entry too.
      const rows = await this.fromSource.rows(context.prefix, token);
      const listed = (r: SourceRow) => (r.key !== undefined && bib.definesOwn(r.key)) || (r.doi !== undefined && bib.findByIdentifier({ doi: r.doi }) !== undefined);
      items.push(...rows.filter(r => !listed(r)).map((r, rank) => sourceItem(r, rank, range, context.prefix,
        { command: COMPLETE_FROM_SOURCE, title: 'Add from Zotero', arguments: [document.uri, context.replaceStart, context.replaceEnd, r.id] })));
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

/** The command a library-only key's completion runs (it writes the key and the entry in one edit). */
export const COMPLETE_FROM_LIBRARY = 'vexas.completeFromLibrary';
/** The same for a work of the extra source (Zotero). */
export const COMPLETE_FROM_SOURCE = 'vexas.completeFromSource';

function sourceItem(row: SourceRow, rank: number, range: vscode.Range, typed: string, add: vscode.Command): vscode.CompletionItem {
  const label = row.key || row.description || row.title || row.id;
  const item = new vscode.CompletionItem({ label, detail: row.key && row.description ? ` ${row.description}` : undefined, description: 'Zotero' },
    vscode.CompletionItemKind.Reference);
  // As for a library-only key: the command writes the key and the entry, the editor nothing.
  item.insertText = '';
  item.range = new vscode.Range(range.end, range.end);
  item.command = add;
  item.filterText = `${typed} ${label}`;
  item.sortText = `z${String(rank).padStart(5, '0')}`;
  item.detail = row.title;
  item.documentation = new vscode.MarkdownString(`${escapeMarkdown(row.detail ?? '')}\n\n_From your Zotero library: choosing it also adds the entry to your bibliography (one undo removes both)._`);
  return item;
}

function keyItem(found: FoundReference, rank: number, range: vscode.Range, typed: string, fromLibrary: vscode.Command | undefined): vscode.CompletionItem {
  const e = found.entry;
  const authors = shortAuthors(e);
  const year = e.fields.year ?? e.fields.date?.slice(0, 4) ?? '';
  const source = found.source === 'bundled' ? 'VEXAS library' : vscode.workspace.asRelativePath(found.source).split('/').pop();
  const item = new vscode.CompletionItem({ label: e.key, detail: year ? ` ${authors} ${year}` : ` ${authors}`, description: source },
    vscode.CompletionItemKind.Reference);
  if (fromLibrary) {
    // The command replaces the typed part with the key and adds the entry: the editor itself writes nothing.
    item.insertText = '';
    item.range = new vscode.Range(range.end, range.end);
    item.command = fromLibrary;
  } else {
    item.range = range;
    item.insertText = e.key;
  }
  item.filterText = `${typed} ${e.key}`;
  item.sortText = String(rank).padStart(5, '0');
  item.detail = e.fields.title;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(e.fields.title ?? e.key)}**\n\n`);
  const names = authorList(e);
  if (names) md.appendMarkdown(`${escapeMarkdown(names)}\n\n`);
  const venue = [e.fields.journal ?? e.fields.journaltitle ?? e.fields.booktitle, year].filter(Boolean).join(', ');
  if (venue) md.appendMarkdown(`_${escapeMarkdown(venue)}_\n\n`);
  if (e.fields.doi) md.appendMarkdown(`DOI ${escapeMarkdown(e.fields.doi)}\n\n`);
  md.appendMarkdown(fromLibrary ? '_From the VEXAS library: choosing it also adds the entry to your bibliography (one undo removes both)._'
    : found.source === 'bundled' ? '_VEXAS library (your bibliography has it too)._'
      : `_${escapeMarkdown(vscode.workspace.asRelativePath(found.source))}_`);
  item.documentation = md;
  return item;
}

/** "Beck DB, Ferrada MA, Sikora KA, et al." from the entry's names (never the word "others"). */
function authorList(e: BibEntry): string {
  const raw = e.fields.author ?? e.fields.editor;
  if (!raw) return '';
  const names = parseNameList(raw);
  const shown = names.filter(n => !n.isOthers).map(n => {
    if (n.isLiteral || !n.given) return [n.particle, n.family].filter(Boolean).join(' ');
    const initials = n.given.split(/[\s.-]+/).filter(Boolean).map(g => g[0].toUpperCase()).join('');
    return `${[n.particle, n.family].filter(Boolean).join(' ')} ${initials}`;
  });
  const more = names.some(n => n.isOthers) || shown.length > 6;
  return shown.slice(0, 6).join(', ') + (more ? ', et al.' : '');
}

/** "Beck et al." / "Al-Hakim & Savic" / "Beck" from an author list. */
function shortAuthors(e: BibEntry): string {
  const raw = e.fields.author ?? e.fields.editor;
  const names = raw ? parseNameList(raw) : [];
  const family = (i: number) => [names[i].particle, names[i].family].filter(Boolean).join(' ');
  if (names.length === 0) return '';
  if (names.length === 1) return family(0);
  if (names.length === 2 && !names[1].isOthers) return `${family(0)} & ${family(1)}`;
  return `${family(0)} et al.`;
}
