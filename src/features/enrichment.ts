import * as vscode from 'vscode';
import type { BibTeXEntry } from '../core/bibliography/bibtexEntry';
import { IdentifierSource, type MissingIdentifiers } from '../core/bibliography/enrichment';
import type { KnowledgeBase } from '../core/knowledge';
import type { Bibliographies, LoadedBibliography } from '../workspace/bibliographies';
import { rangeIn } from './definition';

/**
 * "The VEXAS library has this work's DOI and PMID": an information diagnostic on a user's BibTeX
 * entry that lacks identifiers the library verified for the same work, and the quick fix that
 * writes them into that entry (one edit, in the user's .bib).
 */
export const ENRICH_CODE = 'identifiers-from-vexas-library';

const sources = new WeakMap<KnowledgeBase, IdentifierSource>();
const computed = new WeakMap<LoadedBibliography, vscode.Diagnostic[]>();

/** The library's DOI and title index, built once per knowledge base. */
function identifierSource(kb: KnowledgeBase): IdentifierSource {
  let source = sources.get(kb);
  if (!source) sources.set(kb, source = new IdentifierSource(kb.referenceEntries));
  return source;
}

export function enrichmentDiagnostics(file: LoadedBibliography, kb: KnowledgeBase): vscode.Diagnostic[] {
  if (file.format !== 'bibtex') return [];
  const cached = computed.get(file);
  if (cached) return cached;
  const source = identifierSource(kb);
  const out: vscode.Diagnostic[] = [];
  for (const entry of file.entries) {
    const missing = source.missingIdentifiers(entry);
    const insertAt = missing && insertionPoint(entry as BibTeXEntry);
    if (!missing || insertAt === undefined) continue;
    const what = [missing.doi && `DOI ${missing.doi}`, missing.pmid && `PMID ${missing.pmid}`].filter(Boolean).join(' and ');
    const d = new vscode.Diagnostic(rangeIn(file.lines(), entry.keyStart, entry.keyEnd),
      `The VEXAS library has this work's ${what} (${missing.match === 'doi' ? 'same DOI' : 'same title and year'}, entry ${missing.from.key}).`,
      vscode.DiagnosticSeverity.Information);
    d.source = 'VEXAS';
    d.code = ENRICH_CODE;
    out.push(d);
  }
  computed.set(file, out);
  return out;
}

/**
 * The quick fix for one of these diagnostics: the fields after the entry's last field. Diagnostics
 * come back from the editor as plain data, so the entry and the identifiers are looked up again.
 */
export async function enrichmentAction(document: vscode.TextDocument, d: vscode.Diagnostic, bibliographies: Bibliographies,
  knowledge: () => Promise<KnowledgeBase>): Promise<vscode.CodeAction | undefined> {
  if (d.code !== ENRICH_CODE) return undefined;
  const [loaded, kb] = await Promise.all([bibliographies.load(document.uri), knowledge()]);
  const entry = loaded.byKey.get(document.getText(d.range));
  if (!entry) return undefined;
  const missing = identifierSource(kb).missingIdentifiers(entry);
  const insertAt = insertionPoint(entry as BibTeXEntry);
  if (!missing || insertAt === undefined) return undefined;
  const e: MissingIdentifiers & { insertAt: vscode.Position } = { ...missing, insertAt: document.positionAt(insertAt) };
  const fields = [e.doi && `  doi = {${e.doi}}`, e.pmid && `  pmid = {${e.pmid}}`].filter(Boolean).join(',\n');
  const a = new vscode.CodeAction(`Add ${[e.doi && 'DOI', e.pmid && 'PMID'].filter(Boolean).join(' and ')} from the VEXAS library`, vscode.CodeActionKind.QuickFix);
  a.edit = new vscode.WorkspaceEdit();
  a.edit.insert(document.uri, e.insertAt, `,\n${fields}`);
  a.diagnostics = [d];
  a.isPreferred = true;
  return a;
}

/** Just after the entry's last field value (where a field can be added without touching others). */
function insertionPoint(entry: BibTeXEntry): number | undefined {
  if (typeof entry.valueRange !== 'function') return undefined;
  let end: number | undefined;
  for (const name of entry.fieldNames) {
    const r = entry.valueRange(name);
    if (r && (end === undefined || r.end > end)) end = r.end;
  }
  return end;
}
