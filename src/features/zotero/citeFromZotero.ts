/**
 * "Cite from Zotero": a native picker over the author's Zotero library (author, title, year, or
 * #tag), several picks at once; the chosen works are cited at the cursor with Better BibTeX's keys
 * (else keys by `vexas.lookup.keyPattern`) and written into the manuscript's bibliography in the
 * same undoable edit. A work the bibliography already has (same key or DOI) is cited, not copied.
 * Each row can show the item in Zotero or open its PDF there.
 */
import * as vscode from 'vscode';
import { bibtexFromCsl } from '../../core/bibliography/bibtexFromCsl';
import { parseBibTeX } from '../../core/bibliography/parseBibTeX';
import type { CslItem } from '../../core/bibliography/types';
import { citationKeyProblem } from '../../core/citations';
import { syntaxForLanguageId, type CitationSyntax } from '../../core/languages';
import { inertText } from '../../core/messageText';
import { citationKeyFor, DEFAULT_KEY_PATTERN } from '../../core/lookup/citationKey';
import type { ZoteroItem } from '../../core/zotero/zoteroResponses';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { ZoteroAccess } from '../../workspace/zoteroAccess';
import type { CitationInserter, InsertOptions, NewEntry } from '../insertCitation';

export interface CiteFromZoteroDeps {
  readonly bibliographies: Bibliographies;
  readonly inserter: CitationInserter;
  readonly zotero: ZoteroAccess;
}

/** What the command did (for scripts and tests). */
export type ZoteroCiteResult =
  | { readonly status: 'inserted'; readonly keys: readonly string[]; readonly copied: readonly string[] }
  | { readonly status: 'cancelled' | 'no-manuscript' | 'not-allowed' | 'edit-refused' }
  | { readonly status: 'failed'; readonly message: string };

/** For scripts and tests: search with `query` and take the items with these Zotero keys, without the picker. */
export interface ScriptedPick { readonly query: string; readonly itemKeys: readonly string[] }

const SHOW = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Show in Zotero' };
const PDF = { iconPath: new vscode.ThemeIcon('file-pdf'), tooltip: 'Open the PDF in Zotero' };

export async function citeFromZotero(deps: CiteFromZoteroDeps, scripted?: ScriptedPick, options: InsertOptions = {}): Promise<ZoteroCiteResult> {
  const editor = vscode.window.activeTextEditor;
  const syntax = editor && syntaxForLanguageId(editor.document.languageId);
  if (!editor || !syntax) {
    void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript and place the cursor where the citation goes, then cite from Zotero.');
    return { status: 'no-manuscript' };
  }
  if (!deps.zotero.allowed(() => vscode.commands.executeCommand('vexas.zotero.cite'))) return { status: 'not-allowed' };
  const client = deps.zotero.client();
  let picked: ZoteroItem[];
  if (scripted) {
    const found = await client.search(scripted.query, 50);
    if (!found.ok) return fail(deps, found.failure.message, found.failure.kind === 'offline');
    picked = found.value.filter(i => scripted.itemKeys.includes(i.key));
  } else {
    const chosen = await pick(client);
    if (typeof chosen === 'string') return fail(deps, chosen, /not running/.test(chosen));
    if (!chosen) return { status: 'cancelled' };
    picked = chosen;
  }
  if (picked.length === 0) return { status: 'cancelled' };
  const { cite, added } = await zoteroCitations(deps, client, editor.document, syntax, picked);
  const ok = await deps.inserter.insertWith(editor, cite, added, options);
  return ok ? { status: 'inserted', keys: cite, copied: added.map(a => a.entry.key) } : { status: 'edit-refused' };
}

/**
 * The keys to cite for Zotero items, and the entries to write: Better BibTeX's key when it has one
 * (else one by `vexas.lookup.keyPattern`), and no entry for a work the bibliography has (same key or DOI).
 */
export async function zoteroCitations(deps: Pick<CiteFromZoteroDeps, 'bibliographies'>, client: ReturnType<ZoteroAccess['client']>,
  document: vscode.TextDocument, syntax: CitationSyntax, picked: readonly ZoteroItem[]): Promise<{ cite: string[]; added: NewEntry[] }> {
  await client.fillCitationKeys(picked);
  const bib = await deps.bibliographies.forDocument(document, syntax);
  const pattern = vscode.workspace.getConfiguration('vexas.lookup', document).get<string>('keyPattern', DEFAULT_KEY_PATTERN);
  const cite: string[] = [];
  const added: NewEntry[] = [];
  const taken = (k: string) => bib.lookup(k) !== undefined || added.some(a => a.entry.key === k);
  for (const item of picked) {
    const existing = (item.citekey && bib.definesOwn(item.citekey) ? item.citekey : undefined) ?? (item.doi ? bib.findByIdentifier({ doi: item.doi })?.entry.key : undefined);
    if (existing) {
      cite.push(existing);
      continue;
    }
    const csl: CslItem = item.csl ?? { type: 'article-journal', title: item.title, author: item.creators.map(family => ({ family })), issued: item.year ? { 'date-parts': [[Number(item.year)]] } : undefined };
    const key = item.citekey && citationKeyProblem(item.citekey, syntax) === undefined && !taken(item.citekey) ? item.citekey : citationKeyFor(csl, pattern, taken);
    const entry = parseBibTeX(bibtexFromCsl(csl, key)).entries[0];
    const { id: _zoteroUri, ...variables } = csl;
    added.push({ entry, csl: { id: key, ...variables }, origin: 'Zotero' });
    cite.push(key);
  }
  return { cite, added };
}

function fail(deps: CiteFromZoteroDeps, message: string, notRunning: boolean): ZoteroCiteResult {
  const text = deps.zotero.explain(message, notRunning);
  void vscode.window.showWarningMessage(text);
  return { status: 'failed', message: text };
}

type Row = vscode.QuickPickItem & { item: ZoteroItem };

/** The picker: the chosen items, undefined when dismissed, or the message of a failure that ends it. */
function pick(client: ReturnType<ZoteroAccess['client']>): Promise<ZoteroItem[] | string | undefined> {
  const quickPick = vscode.window.createQuickPick<Row>();
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  quickPick.title = 'VEXAS: Cite from Zotero (select one or more)';
  quickPick.placeholder = 'Search your Zotero library: author, title, year, or #tag';
  const chosen = new Map<string, Row>();
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failure: string | undefined;
  return new Promise(resolve => {
    const search = async (query: string) => {
      const mine = ++generation;
      quickPick.busy = true;
      const found = await client.search(query, 100);
      if (mine !== generation) return;
      quickPick.busy = false;
      if (!found.ok) {
        if (found.failure.kind === 'offline' || found.failure.status === 403) {
          failure = found.failure.message;
          quickPick.hide();
          return;
        }
        quickPick.title = found.failure.message;
        return;
      }
      // The author's own keys on the rows, when Better BibTeX is there (one request per search).
      await client.fillCitationKeys(found.value);
      if (mine !== generation) return;
      const rows = found.value.map(toRow);
      for (const c of chosen.values()) if (!rows.some(r => r.item.key === c.item.key)) rows.unshift(c);
      quickPick.items = rows;
      quickPick.selectedItems = rows.filter(r => chosen.has(r.item.key));
      quickPick.title = rows.length === 0 && query.trim() ? `Nothing in your Zotero library matches "${inertText(query.trim())}"` : 'VEXAS: Cite from Zotero (select one or more)';
    };
    quickPick.onDidChangeValue(value => {
      clearTimeout(timer);
      timer = setTimeout(() => void search(value), 250);
    });
    quickPick.onDidChangeSelection(selection => {
      for (const r of quickPick.items) if (!selection.includes(r)) chosen.delete(r.item.key);
      for (const r of selection) chosen.set(r.item.key, r);
    });
    quickPick.onDidTriggerItemButton(async e => {
      if (e.button === SHOW) await vscode.env.openExternal(vscode.Uri.parse(`zotero://select/library/items/${e.item.item.key}`));
      else await openPdf(client, e.item.item.key);
    });
    let accepted = false;
    quickPick.onDidAccept(() => {
      // Enter with nothing checked takes the highlighted row, as a single-choice list would.
      const active = quickPick.activeItems[0];
      if (chosen.size === 0 && active) chosen.set(active.item.key, active);
      accepted = true;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      clearTimeout(timer);
      quickPick.dispose();
      resolve(failure ?? (accepted ? [...chosen.values()].map(r => r.item) : undefined));
    });
    quickPick.show();
    void search('');
  });
}

/** "Ødegård and Nakamura 2024", "Beck et al. 2020": the creators and year a row shows. */
export function creatorsAndYear(item: ZoteroItem): string {
  const authors = item.creators.length > 2 ? `${item.creators[0]} et al.` : item.creators.join(' and ');
  return inertText([authors, item.year].filter(Boolean).join(' '));
}

function toRow(item: ZoteroItem): Row {
  return {
    label: inertText(item.title),
    description: creatorsAndYear(item),
    detail: inertText([item.citekey ? `@${item.citekey}` : undefined, item.publication, item.doi && `doi:${item.doi}`, item.tags.length ? item.tags.map(t => `#${t}`).join(' ') : undefined]
      .filter(Boolean).join(' · ')),
    alwaysShow: true,
    buttons: [SHOW, PDF],
    item,
  };
}

/** Opens the item's first PDF in Zotero's reader, or says it has none. */
export async function openPdf(client: ReturnType<ZoteroAccess['client']>, itemKey: string): Promise<string | undefined> {
  const attachments = await client.attachments(itemKey);
  if (!attachments.ok) {
    void vscode.window.showWarningMessage(attachments.failure.message);
    return undefined;
  }
  const pdf = attachments.value.find(a => a.contentType === 'application/pdf');
  if (!pdf) {
    void vscode.window.showInformationMessage('This Zotero item has no PDF attached.');
    return undefined;
  }
  const uri = `zotero://open-pdf/library/items/${pdf.key}`;
  await vscode.env.openExternal(vscode.Uri.parse(uri));
  return uri;
}
