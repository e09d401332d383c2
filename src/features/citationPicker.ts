/**
 * The Insert Citation picker: every source searched as the author types (key, authors, title, year,
 * DOI, PMID, keywords, abstract), several picks at once, and a way to fetch what no source has.
 */
import * as vscode from 'vscode';
import { arxivDoi, parseIdentifier } from '../core/identifiers/parseIdentifier';
import { syntaxForLanguageId } from '../core/languages';
import type { Bibliographies, FoundReference } from '../workspace/bibliographies';
import type { CitationInserter } from './insertCitation';

/** The Quick Pick: search by key, author, title, year, DOI, PMID, keyword or abstract; several at once; fetch what is missing by identifier. */
export async function pickAndInsertCitations(inserter: CitationInserter, bibliographies: Bibliographies, editor: vscode.TextEditor | undefined): Promise<boolean> {
  const syntax = editor && syntaxForLanguageId(editor.document.languageId);
  if (!editor || !syntax) {
    void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript to insert a citation.');
    return false;
  }
  const bib = await bibliographies.forDocument(editor.document, syntax);
  type Item = vscode.QuickPickItem & { found?: FoundReference; fetch?: string };
  const toItem = (f: FoundReference): Item => {
    const e = f.entry;
    const year = e.fields.year ?? e.fields.date?.slice(0, 4) ?? '';
    return {
      label: e.key,
      description: [e.fields.author?.split(/\s+and\s+/)[0]?.split(',')[0], year].filter(Boolean).join(', '),
      detail: [e.fields.title, e.fields.journal ?? e.fields.journaltitle, e.fields.doi && `doi:${e.fields.doi}`,
        e.fields.pmid && `PMID ${e.fields.pmid}`, f.source === 'bundled' ? 'VEXAS library' : vscode.workspace.asRelativePath(f.source)]
        .filter(Boolean).join(' · '),
      alwaysShow: true,
      found: f,
    };
  };
  const pick = vscode.window.createQuickPick<Item>();
  pick.canSelectMany = true;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.placeholder = 'Author, title, year, key, DOI, PMID or topic';
  pick.title = 'VEXAS: Insert Citation (select one or more)';
  const chosen = new Map<string, Item>();
  const refresh = () => {
    const query = pick.value.trim();
    const items = bib.search(pick.value, 200).map(toItem);
    for (const c of chosen.values()) if (!items.some(i => i.label === c.label)) items.unshift(c);
    // An identifier the bibliographies lack can be fetched; nothing found offers the same by hand.
    const id = identifierInQuery(query);
    if (id && !bib.findByIdentifier(id.fields)) {
      items.unshift({ label: `$(cloud-download) Fetch ${plain(id.label)} and cite it`, description: 'from doi.org or PubMed (network lookups must be on)', alwaysShow: true, fetch: query });
    } else if (items.length === 0 && query) {
      items.push({ label: '$(cloud-download) Add a reference by DOI, PMID or arXiv id…', description: 'fetches it, writes the entry and cites it', alwaysShow: true, fetch: '' });
    }
    pick.items = items;
    pick.selectedItems = items.filter(i => i.found && chosen.has(i.label));
    // Nothing found is said, not shown as an empty list.
    pick.title = id && items.every(i => !i.found)
      ? `${plain(id.label)} is in none of your bibliographies nor the VEXAS library: press Enter to fetch it`
      : items.every(i => !i.found) && query
        ? `No reference matches "${plain(query)}" (searched: key, authors, title, year, keywords, abstract, DOI, PMID)`
        : 'VEXAS: Insert Citation (select one or more)';
  };
  let fetchRequest: string | undefined;
  pick.onDidChangeSelection(sel => {
    const action = sel.find(i => i.fetch !== undefined);
    if (action) {
      fetchRequest = action.fetch;
      pick.hide();
      return;
    }
    for (const i of pick.items) if (!sel.includes(i)) chosen.delete(i.label);
    for (const i of sel) chosen.set(i.label, i);
  });
  pick.onDidChangeValue(refresh);
  refresh();
  const accepted = await new Promise<boolean>(resolve => {
    pick.onDidAccept(() => {
      // Enter with nothing checked and an identifier typed: fetch it (the one thing the list offers).
      const fetch = chosen.size === 0 ? pick.items.find(i => !!i.fetch) : undefined;
      if (fetch) fetchRequest = fetch.fetch;
      // Otherwise Enter with nothing checked takes the highlighted reference, as a single-choice list would.
      const active = pick.activeItems[0];
      if (!fetch && chosen.size === 0 && active?.found) chosen.set(active.label, active);
      resolve(true);
      pick.hide();
    });
    pick.onDidHide(() => resolve(false));
    pick.show();
  });
  pick.dispose();
  if (fetchRequest !== undefined) {
    const result = await vscode.commands.executeCommand<{ status: string }>('vexas.addByIdentifier', fetchRequest || undefined);
    return result?.status === 'inserted';
  }
  if (!accepted || chosen.size === 0) return false;
  return inserter.insert(editor, [...chosen.keys()]);
}

/** A DOI, PMCID, arXiv id or identifier link typed in the picker (a bare number counts as a PMID from 6 digits: shorter ones are years or page numbers). */
function identifierInQuery(query: string): { label: string; fields: { doi?: string; pmid?: string; pmcid?: string } } | undefined {
  const id = parseIdentifier(query);
  if (!id) return undefined;
  if (id.kind === 'pmid') return /^\d{1,5}$/.test(query) ? undefined : { label: `PMID ${id.value}`, fields: { pmid: id.value } };
  if (id.kind === 'pmcid') return { label: id.value, fields: { pmcid: id.value } };
  if (id.kind === 'arxiv') return { label: `arXiv ${id.value}`, fields: { doi: arxivDoi(id.value) } };
  return { label: `DOI ${id.value}`, fields: { doi: id.value } };
}

/** Typed text shown as text: `$(name)` would be read as an icon. */
function plain(s: string): string {
  return s.replace(/\$\(/g, '$\u200b(');
}
