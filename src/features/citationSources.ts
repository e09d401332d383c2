/**
 * A source the Insert Citation picker searches beside the manuscript's bibliographies and the VEXAS
 * library, asked as the author types (the desktop build's Zotero). Its rows are cited, and their
 * entries written into the manuscript's bibliography, in the same edit as the picker's other picks.
 */
import type * as vscode from 'vscode';
import type { CitationSyntax } from '../core/languages';
import type { NewEntry } from './insertCitation';

export interface SourceRow {
  /** Unique among the source's rows (it keeps a checked row checked as the list changes). */
  readonly id: string;
  readonly label: string;
  /** The work's title, as it is (the label may carry an icon). */
  readonly title?: string;
  /** The key it would be cited with, when known, and its DOI: a work the manuscript's sources list is left out. */
  readonly key?: string;
  readonly doi?: string;
  readonly description?: string;
  readonly detail?: string;
}

export type SourceSearch = { readonly ok: true; readonly rows: readonly SourceRow[] } | { readonly ok: false; readonly message: string };

export interface ExtraCitationSource {
  /** Shown on its rows' separator ("Zotero"). */
  readonly name: string;
  /** Whether to ask it now, without asking the author anything (allowed and trusted). */
  usable(): boolean;
  /** Never rejects; `signal` cancels a search the author has typed past. */
  search(query: string, signal?: AbortSignal): Promise<SourceSearch>;
  /** The keys to cite for the picked rows, and the entries to add (none for works the bibliography has). */
  citationsFor(document: vscode.TextDocument, syntax: CitationSyntax, rows: readonly SourceRow[]): Promise<{ cite: string[]; added: NewEntry[] }>;
}

/** The sources an entry point adds to the shared activation (Zotero, on the desktop), read at each use. */
export interface ExtraSources { extra?: ExtraCitationSource }
