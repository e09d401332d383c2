/**
 * Zotero in the Insert Citation picker: the author's library searched beside the manuscript's
 * bibliographies and the VEXAS library, once Zotero use is allowed (never asking from here: the
 * picker is for everything, and "Cite from Zotero…" is where the author is asked and told why not).
 */
import type * as vscode from 'vscode';
import type { CitationSyntax } from '../../core/languages';
import type { ZoteroItem } from '../../core/zotero/zoteroResponses';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { ZoteroAccess } from '../../workspace/zoteroAccess';
import { inertText } from '../../core/messageText';
import type { ExtraCitationSource, SourceRow, SourceSearch } from '../citationSources';
import { creatorsAndYear, zoteroCitations } from './citeFromZotero';

/** Rows per search: enough to find a work by a few words, few enough to answer at once. */
const ROWS = 20;
/** Items kept from past searches (a checked row outlives the search that found it). */
const REMEMBERED = 2000;

export function zoteroPickerSource(bibliographies: Bibliographies, zotero: ZoteroAccess): ExtraCitationSource {
  /** Every item a search returned this session, by row id (a checked row outlives the search that found it). */
  const seen = new Map<string, ZoteroItem>();
  return {
    name: 'Zotero',
    usable: () => zotero.mayAsk(),
    async search(query: string, signal?: AbortSignal): Promise<SourceSearch> {
      if (query.trim().length < 2) return { ok: true, rows: [] };
      const client = zotero.client();
      const found = await client.search(query, ROWS, signal);
      if (!found.ok) return { ok: false, message: zotero.explain(found.failure.message, found.failure.kind === 'offline') };
      await client.fillCitationKeys(found.value, signal);
      for (const item of found.value) {
        seen.delete(rowId(item));
        seen.set(rowId(item), item);
      }
      // The oldest go first: a row checked that long ago is no longer on screen.
      for (const id of seen.keys()) { if (seen.size <= REMEMBERED) break; seen.delete(id); }
      return { ok: true, rows: found.value.map(toRow) };
    },
    citationsFor(document: vscode.TextDocument, syntax: CitationSyntax, rows: readonly SourceRow[]) {
      const items = rows.map(r => seen.get(r.id)).filter((i): i is ZoteroItem => i !== undefined);
      return zoteroCitations({ bibliographies }, zotero.client(), document, syntax, items);
    },
  };
}

const rowId = (item: ZoteroItem) => `zotero:${item.key}`;

function toRow(item: ZoteroItem): SourceRow {
  return {
    id: rowId(item),
    // The icon marks the source: VS Code sorts rows whose label matches the typed text first, so a
    // separator cannot be relied on to head the Zotero rows.
    label: `$(library) ${inertText(item.citekey ?? item.title)}`,
    key: item.citekey,
    doi: item.doi,
    title: item.title,
    description: creatorsAndYear(item),
    detail: inertText(['In Zotero', item.citekey ? item.title : undefined, item.publication, item.doi && `doi:${item.doi}`].filter(Boolean).join(' · ')),
  };
}
