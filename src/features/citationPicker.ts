/**
 * The Insert Citation picker: every source searched as the author types (key, authors, title, year,
 * DOI, PMID, keywords, abstract), several picks at once, and a way to fetch what no source has.
 */
import * as vscode from 'vscode';
import { arxivDoi, parseIdentifier } from '../core/identifiers/parseIdentifier';
import { syntaxForLanguageId } from '../core/languages';
import { inertText } from '../core/messageText';
import type { Bibliographies, FoundReference } from '../workspace/bibliographies';
import type { ExtraCitationSource, SourceRow } from './citationSources';
import type { CitationInserter } from './insertCitation';

/** For scripts and tests: the picker's search for `query`, taking these keys and the source's rows with these ids, without the UI. */
export interface ScriptedCitationPick { readonly query: string; readonly pick: readonly string[] }

type Item = vscode.QuickPickItem & { found?: FoundReference; fetch?: string; row?: SourceRow };

/**
 * The Quick Pick: search by key, author, title, year, DOI, PMID, keyword or abstract; several at once;
 * fetch what is missing by identifier; `extra` (Zotero, on the desktop) searched too as the author types.
 */
export async function pickAndInsertCitations(inserter: CitationInserter, bibliographies: Bibliographies, editor: vscode.TextEditor | undefined,
  extra?: ExtraCitationSource, scripted?: ScriptedCitationPick): Promise<boolean> {
  const syntax = editor && syntaxForLanguageId(editor.document.languageId);
  if (!editor || !syntax) {
    void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript to insert a citation.');
    return false;
  }
  const bib = await bibliographies.forDocument(editor.document, syntax);
  const source = extra?.usable() ? extra : undefined;
  const insertChosen = async (chosen: readonly Item[]) => {
    const rows = chosen.flatMap(i => (i.row ? [i.row] : []));
    if (!source || rows.length === 0) return inserter.insert(editor, chosen.map(i => i.label));
    const { cite, added } = await source.citationsFor(editor.document, syntax, rows);
    if (cite.length !== rows.length) {
      void vscode.window.showWarningMessage(`Some of the ${source.name} works chosen are no longer at hand; search for them again. Nothing was inserted.`);
      return false;
    }
    let next = 0;
    return inserter.insertWith(editor, chosen.map(i => (i.row ? cite[next++] : i.label)), added);
  };
  if (scripted) {
    const found = source ? await source.search(scripted.query) : undefined;
    const items = [...bib.search(scripted.query, 200).map(toItem), ...(found?.ok ? found.rows.map(rowItem) : [])];
    const byKey = (key: string) => { const f = bib.lookup(key); return f && toItem(f); };
    const chosen = scripted.pick.map(p => items.find(i => idOf(i) === p) ?? byKey(p)).filter((i): i is Item => i !== undefined);
    return chosen.length > 0 && insertChosen(chosen);
  }

  const pick = vscode.window.createQuickPick<Item>();
  pick.canSelectMany = true;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.placeholder = source ? `Author, title, year, key, DOI, PMID or topic (${source.name} too)` : 'Author, title, year, key, DOI, PMID or topic';
  pick.title = 'VEXAS: Insert Citation (select one or more)';
  const chosen = new Map<string, Item>();
  let extraRows: Item[] = [];
  let extraNote: string | undefined;
  const refresh = () => {
    const query = pick.value.trim();
    const items = bib.search(pick.value, 200).map(toItem);
    for (const c of chosen.values()) if (!c.row && !items.some(i => i.label === c.label)) items.unshift(c);
    // An identifier the bibliographies lack can be fetched; nothing found offers the same by hand.
    const id = identifierInQuery(query);
    if (id && !bib.findByIdentifier(id.fields)) {
      items.unshift({ label: `$(cloud-download) Fetch ${inertText(id.label)} and cite it`, description: 'from doi.org or PubMed (network lookups must be on)', alwaysShow: true, fetch: query });
    } else if (items.length === 0 && query && extraRows.length === 0) {
      items.push({ label: '$(cloud-download) Add a reference by DOI, PMID or arXiv id…', description: 'fetches it, writes the entry and cites it', alwaysShow: true, fetch: '' });
    }
    const local = items.some(i => i.found);
    // The source's rows after the manuscript's own, checked ones kept. A work those already list (same key
    // or DOI) is not repeated, unless checked. No separator: VS Code hides them while the typed text sorts the rows.
    const listed = (r: Item) => !!r.row && ((r.row.key !== undefined && bib.definesOwn(r.row.key)) ||
      (r.row.doi !== undefined && bib.findByIdentifier({ doi: r.row.doi }) !== undefined));
    const rows = [...[...chosen.values()].filter(c => c.row && !extraRows.some(r => idOf(r) === idOf(c))),
      ...extraRows.filter(r => !listed(r) || chosen.has(idOf(r)))];
    items.push(...rows);
    pick.items = items;
    pick.selectedItems = items.filter(i => (i.found || i.row) && chosen.has(idOf(i)));
    // Nothing found is said, not shown as an empty list; a source that did not answer is said too.
    const searched = `key, authors, title, year, keywords, abstract, DOI, PMID${source && !extraNote ? `; ${source.name}` : ''}`;
    pick.title = id && !local
      ? `${inertText(id.label)} is in none of your bibliographies nor the VEXAS library: press Enter to fetch it`
      : !local && rows.length === 0 && query
        ? `No reference matches "${inertText(query)}" (searched: ${searched})${extraNote ? `. ${extraNote}` : ''}`
        : extraNote ? `VEXAS: Insert Citation. ${extraNote}` : 'VEXAS: Insert Citation (select one or more)';
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  // One request at a time: a newer query, or closing the picker, cancels the one before.
  const searchSource = (query: string) => {
    clearTimeout(timer);
    inFlight?.abort();
    if (!source) return;
    timer = setTimeout(() => {
      const mine = inFlight = new AbortController();
      pick.busy = true;
      source.search(query, mine.signal).then(found => found, (e: unknown) => ({ ok: false as const, message: `${source.name} did not answer (${e instanceof Error ? e.message : String(e)}).` }))
        .then(found => {
          if (mine.signal.aborted) return;
          pick.busy = false;
          extraRows = found.ok ? found.rows.map(rowItem) : [];
          extraNote = found.ok ? undefined : shorten(found.message);
          refresh();
        });
    }, 250);
  };
  let fetchRequest: string | undefined;
  pick.onDidChangeSelection(sel => {
    const action = sel.find(i => i.fetch !== undefined);
    if (action) {
      fetchRequest = action.fetch;
      pick.hide();
      return;
    }
    for (const i of pick.items) if (!sel.includes(i)) chosen.delete(idOf(i));
    for (const i of sel) chosen.set(idOf(i), i);
  });
  pick.onDidChangeValue(value => { refresh(); searchSource(value); });
  refresh();
  const accepted = await new Promise<boolean>(resolve => {
    pick.onDidAccept(() => {
      // Enter with nothing checked and an identifier typed: fetch it (the one thing the list offers).
      const fetch = chosen.size === 0 ? pick.items.find(i => !!i.fetch) : undefined;
      if (fetch) fetchRequest = fetch.fetch;
      // Otherwise Enter with nothing checked takes the highlighted reference, as a single-choice list would.
      const active = pick.activeItems[0];
      if (!fetch && chosen.size === 0 && (active?.found || active?.row)) chosen.set(idOf(active), active);
      resolve(true);
      pick.hide();
    });
    pick.onDidHide(() => resolve(false));
    pick.show();
  });
  clearTimeout(timer);
  inFlight?.abort();
  pick.dispose();
  if (fetchRequest !== undefined) {
    const result = await vscode.commands.executeCommand<{ status: string }>('vexas.addByIdentifier', fetchRequest || undefined);
    return result?.status === 'inserted';
  }
  if (!accepted || chosen.size === 0) return false;
  return insertChosen([...chosen.values()]);
}

const idOf = (i: Item) => i.row?.id ?? i.label;

function toItem(f: FoundReference): Item {
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
}

function rowItem(row: SourceRow): Item {
  return { label: row.label, description: row.description, detail: row.detail, alwaysShow: true, row };
}

function shorten(message: string): string {
  return message.length > 140 ? `${message.slice(0, 139)}…` : message;
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
