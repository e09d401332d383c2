/**
 * "Add Reference by DOI or PMID": an identifier (typed, pasted as a link, or from the Insert
 * Citation picker) becomes a citation at the cursor and an entry in the manuscript's bibliography
 * — BibTeX or CSL-JSON, whichever it is — in one undoable edit. An identifier the manuscript's
 * bibliography (or the VEXAS library) already has is cited, not fetched and not duplicated.
 */
import * as vscode from 'vscode';
import { bibtexFromCsl } from '../../core/bibliography/bibtexFromCsl';
import { parseBibTeX } from '../../core/bibliography/parseBibTeX';
import type { CslItem } from '../../core/bibliography/types';
import { parseIdentifier, type Identifier } from '../../core/identifiers/parseIdentifier';
import { citationKeyFor, DEFAULT_KEY_PATTERN } from '../../core/lookup/citationKey';
import type { Failure } from '../../core/lookup/http';
import { syntaxForLanguageId } from '../../core/languages';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { NetworkAccess } from '../../workspace/network';
import type { CitationInserter, InsertOptions } from '../insertCitation';
import { inertText } from '../../core/messageText';

/** What the command did (returned for scripts and tests). */
export type AddResult =
  | { readonly status: 'inserted'; readonly key: string; readonly fetched: boolean }
  | { readonly status: 'cancelled' | 'not-an-identifier' | 'no-manuscript' | 'network-off' | 'untrusted' | 'edit-refused' }
  | { readonly status: 'failed'; readonly failure: Failure };

export interface AddByIdentifierDeps {
  readonly bibliographies: Bibliographies;
  readonly inserter: CitationInserter;
  readonly network: NetworkAccess;
}

export async function addByIdentifier(deps: AddByIdentifierDeps, input?: string, options: InsertOptions = {}): Promise<AddResult> {
  const editor = vscode.window.activeTextEditor;
  const syntax = editor && syntaxForLanguageId(editor.document.languageId);
  if (!editor || !syntax) {
    void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript and place the cursor where the citation goes, then add a reference by DOI or PMID.');
    return { status: 'no-manuscript' };
  }
  const text = input ?? await vscode.window.showInputBox({
    title: 'VEXAS: Add Reference by DOI, PMID, PMCID or arXiv id',
    prompt: 'A DOI, PMID, PMCID or arXiv id; a doi.org, PubMed, PMC, arXiv or medRxiv/bioRxiv link works too',
    placeHolder: '10.1056/NEJMoa2026834 or 33108101',
    ignoreFocusOut: true,
    validateInput: value => (value.trim() === '' || parseIdentifier(value) ? undefined : 'Not a DOI, PMID, PMCID or arXiv id.'),
  });
  if (text === undefined) return { status: 'cancelled' };
  const id = parseIdentifier(text);
  if (!id) {
    void vscode.window.showWarningMessage(inertText(`"${inertText(text.trim().slice(0, 80))}" is not a DOI, PMID, PMCID or arXiv id.`));
    return { status: 'not-an-identifier' };
  }
  const document = editor.document;
  const bib = await deps.bibliographies.forDocument(document, syntax);
  const known = bib.findByIdentifier(identifierFields(id));
  if (known) return citeExisting(deps, editor, known.entry.key, options);

  const refusal = deps.network.allowed(`fetch ${describe(id)}`, () => vscode.commands.executeCommand('vexas.addByIdentifier', text));
  if (refusal) return { status: refusal === 'untrusted' ? 'untrusted' : 'network-off' };
  const client = await deps.network.client();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Fetching ${describe(id)}…`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return client.csl(id, controller.signal);
    });
  if (!result.ok) {
    if (result.failure.kind !== 'cancelled') void vscode.window.showWarningMessage(inertText(`Could not fetch ${describe(id)}: ${result.failure.message} Nothing was changed.`));
    return result.failure.kind === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', failure: result.failure };
  }
  const item = result.value;
  // Fetched by PMID, it may be a DOI the bibliography already has (and the other way round).
  const same = bib.findByIdentifier({ doi: str(item.DOI), pmid: str(item.PMID), pmcid: str(item.PMCID) });
  if (same) return citeExisting(deps, editor, same.entry.key, options);
  if (document.isClosed || vscode.window.activeTextEditor?.document !== document) {
    void vscode.window.showWarningMessage(inertText(`The manuscript is no longer the active editor; ${describe(id)} was fetched but not inserted.`));
    return { status: 'edit-refused' };
  }
  const pattern = vscode.workspace.getConfiguration('vexas.lookup', document).get<string>('keyPattern', DEFAULT_KEY_PATTERN);
  const key = citationKeyFor(item, pattern, k => bib.lookup(k) !== undefined);
  const entry = parseBibTeX(bibtexFromCsl(item, key)).entries[0];
  const csl: CslItem = { id: key, ...withoutAbstract(item) };
  const ok = await deps.inserter.insertNew(editor, { entry, csl, origin: originOf(id) }, options);
  return ok ? { status: 'inserted', key, fetched: true } : { status: 'edit-refused' };
}

async function citeExisting(deps: AddByIdentifierDeps, editor: vscode.TextEditor, key: string, options: InsertOptions): Promise<AddResult> {
  const ok = await deps.inserter.insert(editor, [key], options);
  if (ok) vscode.window.setStatusBarMessage(inertText(`VEXAS: ${key} is already in the bibliography; cited it`), 5000);
  return ok ? { status: 'inserted', key, fetched: false } : { status: 'edit-refused' };
}

function identifierFields(id: Identifier): { doi?: string; pmid?: string; pmcid?: string } {
  if (id.kind === 'doi') return { doi: id.value };
  if (id.kind === 'pmid') return { pmid: id.value };
  if (id.kind === 'pmcid') return { pmcid: id.value };
  return { doi: `10.48550/arXiv.${id.value.replace(/v\d+$/, '')}` };
}

export function describe(id: Identifier): string {
  return id.kind === 'doi' ? `DOI ${id.value}` : id.kind === 'pmid' ? `PMID ${id.value}` : id.kind === 'pmcid' ? id.value : `arXiv ${id.value}`;
}

function originOf(id: Identifier): string {
  return id.kind === 'pmid' ? 'PubMed' : id.kind === 'pmcid' ? 'PubMed Central' : 'doi.org';
}

function withoutAbstract(item: CslItem): CslItem {
  const copy: CslItem = { ...item };
  delete copy.abstract;
  delete copy.id;
  return copy;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
