import * as vscode from 'vscode';
import { findCitations } from '../core/citations';
import { syntaxForLanguageId } from '../core/languages';
import { LineIndex } from '../core/lineIndex';
import type { Bibliographies } from '../workspace/bibliographies';
import { readText } from '../workspace/textFiles';
import { citationAt, type DocumentAnalyses } from './documentAnalysis';
import { extraCiteCommands } from '../workspace/settings';

/** Manuscript files searched for references to a key. */
const MANUSCRIPT_GLOB = '**/*.{md,markdown,qmd,rmd,Rmd,tex}';
const MAX_MANUSCRIPTS = 5000;

/** Go to definition: from a cited key to its entry in the .bib (or the bundled VEXAS library). */
export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly analyses: DocumentAnalyses,
    private readonly bibliographies: Bibliographies,
    private readonly bundledLibraryUri: vscode.Uri,
  ) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const analysis = this.analyses.get(document);
    const citation = analysis && citationAt(analysis, document.offsetAt(position));
    if (!analysis || !citation) return undefined;
    const bib = await this.bibliographies.forDocument(document, analysis.syntax);
    const locations: vscode.Location[] = [];
    for (const file of bib.files) {
      const entry = file.byKey.get(citation.key);
      if (!entry) continue;
      if (file.format === 'inline') {
        // The entry's `id:` line in the manuscript's own front matter.
        const m = new RegExp(`(^|\\n)[ \\t-]*id:[ \\t]*["']?(${escapeRegExp(citation.key)})["']?[ \\t]*(\\r?\\n|$)`).exec(analysis.text);
        if (m) {
          const start = m.index + m[0].indexOf(m[2], m[1].length);
          locations.push(new vscode.Location(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(start + m[2].length))));
        }
      } else {
        locations.push(new vscode.Location(file.uri, rangeIn(file.lines(), entry.keyStart, entry.keyEnd)));
      }
    }
    if (locations.length === 0 && bib.knowledge) {
      const entry = bib.knowledge.references.get(citation.key);
      if (entry) {
        const doc = await vscode.workspace.openTextDocument(this.bundledLibraryUri);
        locations.push(new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(entry.keyStart), doc.positionAt(entry.keyEnd))));
      }
    }
    return locations;
  }
}

/** Find references: every citation of a key in the workspace's manuscripts (and open unsaved ones). */
export class CitationReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly analyses: DocumentAnalyses) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[]> {
    const key = this.keyAt(document, position);
    if (!key) return [];
    const uris = new Map<string, vscode.Uri>();
    for (const uri of await vscode.workspace.findFiles(MANUSCRIPT_GLOB, '**/node_modules/**', MAX_MANUSCRIPTS, token)) uris.set(uri.toString(), uri);
    for (const d of vscode.workspace.textDocuments) if (syntaxForLanguageId(d.languageId)) uris.set(d.uri.toString(), d.uri);
    const locations: vscode.Location[] = [];
    await Promise.all([...uris.values()].map(async uri => {
      const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
      const syntax = open ? syntaxForLanguageId(open.languageId) : /\.tex$/i.test(uri.path) ? 'latex' : 'markdown';
      if (!syntax) return;
      const text = open ? open.getText() : (await readText(uri)).text;
      let lines: LineIndex | undefined;
      for (const c of findCitations(text, syntax, { latexCommands: extraCiteCommands(uri) })) {
        if (c.key === key) locations.push(new vscode.Location(uri, rangeIn(lines ??= LineIndex.of(text), c.start, c.end)));
      }
    }));
    return locations.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.range.start.compareTo(b.range.start));
  }

  /** The key at the cursor: a citation in a manuscript, or an entry key in a .bib file. */
  private keyAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
    const analysis = this.analyses.get(document);
    if (analysis) return citationAt(analysis, document.offsetAt(position))?.key;
    if (document.languageId === 'bibtex' || /\.bib$/i.test(document.uri.path)) {
      const line = document.lineAt(position.line).text;
      const m = /^\s*@\w+\s*[{(]\s*([^,\s]+)\s*,/.exec(line);
      return m ? m[1] : undefined;
    }
    return undefined;
  }
}

/** A range from UTF-16 offsets of a text that is not open as a document. */
export function rangeIn(lines: LineIndex, start: number, end: number): vscode.Range {
  const from = lines.positionAt(start);
  const to = lines.positionAt(end);
  return new vscode.Range(from.line, from.character, to.line, to.character);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
