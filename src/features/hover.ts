import * as vscode from 'vscode';
import type { BibEntry } from '../core/bibliography/types';
import { formatReference } from '../core/bibliography/format';
import type { KnowledgeBase, Term } from '../core/knowledge';
import type { Bibliographies, FoundReference } from '../workspace/bibliographies';
import { citationAt, isProse, type DocumentAnalyses } from './documentAnalysis';
import { codeSpan, commandLink, doiUrl, escapeMarkdown, pubmedUrl } from './markdownText';
import { citationStyle, hoverTerms } from '../workspace/settings';
import { hostCapabilities } from '../workspace/host';

const ABSTRACT_EXCERPT = 400;

/** Hover on a citation key (the formatted reference) and on a VEXAS term (its sourced definition). */
export class VexasHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly bibliographies: Bibliographies,
    private readonly knowledge: () => Promise<KnowledgeBase>,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = this.analyses.get(document);
    if (!analysis) return undefined;
    const offset = document.offsetAt(position);
    const citation = citationAt(analysis, offset);
    if (citation) {
      const bib = await this.bibliographies.forDocument(document, analysis.syntax);
      if (token.isCancellationRequested) return undefined;
      const range = new vscode.Range(document.positionAt(citation.start), document.positionAt(citation.end));
      return new vscode.Hover(citationHover(citation.key, bib.lookup(citation.key), bib.definesOwn(citation.key), document), range);
    }
    if (!hoverTerms(document) || !isProse(analysis, offset)) return undefined;
    const kb = await this.knowledge();
    if (token.isCancellationRequested) return undefined;
    const line = document.lineAt(position.line);
    const lineStart = document.offsetAt(line.range.start);
    const match = kb.glossary.matchAt(analysis.text, offset, lineStart, lineStart + line.text.length);
    if (!match) return undefined;
    const md = termHover(match.term, kb, document);
    if (match.kind === 'discouraged' && match.preferred) {
      md.appendMarkdown(`\n\n---\n\n**Preferred form:** ${escapeMarkdown(match.preferred)}` +
        (match.reason ? ` (${escapeMarkdown(match.reason)})` : ''));
    }
    return new vscode.Hover(md, new vscode.Range(document.positionAt(match.start), document.positionAt(match.end)));
  }
}

function termHover(term: Term, kb: KnowledgeBase, document: vscode.TextDocument): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['vexas.insertCitationKeys'] };
  md.appendMarkdown(`**${escapeMarkdown(term.term)}** · _${escapeMarkdown(kb.glossary.categoryName(term.category))}_\n\n`);
  md.appendMarkdown(`${escapeMarkdown(term.definition)}\n\n`);
  const forms = [...term.aliases, ...term.abbreviations];
  if (forms.length) md.appendMarkdown(`Also written: ${forms.map(escapeMarkdown).join(', ')}\n\n`);
  if (term.sources.length) {
    md.appendMarkdown('**Sources**\n\n');
    const style = citationStyle(document);
    for (const s of term.sources) {
      const entry = kb.references.get(s.key);
      const text = entry ? formatReference(entry, style, 'text') : s.key;
      md.appendMarkdown(`- ${escapeMarkdown(text)} (${escapeMarkdown(s.where)})${identifierLinks(entry)}` +
        ` · [Cite](${commandLink('vexas.insertCitationKeys', [[s.key]])} "Insert a citation of ${s.key}")\n`);
    }
  }
  return md;
}

function citationHover(key: string, found: FoundReference | undefined, own: boolean, document: vscode.TextDocument): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['vexas.addBundledEntry', 'vexas.zotero.show', 'vexas.zotero.openPdf'] };
  if (!found) {
    md.appendMarkdown(`**${codeSpan(key)}** is not in this document's bibliographies, nor in the VEXAS library.`);
    return md;
  }
  const { entry } = found;
  md.appendMarkdown(`${escapeMarkdown(formatReference(entry, citationStyle(document), 'text'))}${identifierLinks(entry)}\n\n`);
  const abstract = entry.fields.abstract;
  if (abstract) {
    const excerpt = abstract.length > ABSTRACT_EXCERPT ? `${abstract.slice(0, ABSTRACT_EXCERPT).trimEnd()}…` : abstract;
    md.appendMarkdown(`> ${escapeMarkdown(excerpt)}\n\n`);
  }
  if (found.source === 'bundled') {
    md.appendMarkdown(own ? '' : `_Not in this document's bibliographies; the VEXAS library has it._ ` +
      `[Add it to the bibliography](${commandLink('vexas.addBundledEntry', [document.uri.toString(), key])})`);
  } else {
    md.appendMarkdown(`_From ${escapeMarkdown(vscode.workspace.asRelativePath(found.source))}_`);
  }
  if (hostCapabilities().zotero && vscode.workspace.getConfiguration('vexas.zotero').get<boolean>('enabled', false)) {
    md.appendMarkdown(` · [Show in Zotero](${commandLink('vexas.zotero.show', [key])}) · [Open PDF](${commandLink('vexas.zotero.openPdf', [key])})`);
  }
  return md;
}

function identifierLinks(entry: BibEntry | undefined): string {
  if (!entry) return '';
  const links: string[] = [];
  if (entry.fields.doi) links.push(`[DOI](${doiUrl(entry.fields.doi)})`);
  if (entry.fields.pmid) links.push(`[PubMed](${pubmedUrl(entry.fields.pmid)})`);
  return links.length ? ` · ${links.join(' · ')}` : '';
}
