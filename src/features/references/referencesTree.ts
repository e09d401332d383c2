import * as vscode from 'vscode';
import { familyNames } from '../../core/bibliography/names';
import type { BibEntry } from '../../core/bibliography/types';
import { syntaxForLanguageId } from '../../core/languages';
import type { KnowledgeBase } from '../../core/knowledge';
import type { Bibliographies, FoundReference } from '../../workspace/bibliographies';
import type { ManuscriptTracker } from '../../workspace/manuscripts';

/** Context key: show the bundled library in the References view even with no manuscript open. */
export const SHOW_LIBRARY_KEY = 'vexas.references.showLibrary';
/** Context key: a search narrows the References view. */
export const SEARCHING_KEY = 'vexas.references.searching';

/** Children listed per source before a "search to see more" row. */
const MAX_CHILDREN = 500;
const SEARCH_LIMIT = 200;

export type ReferenceElement =
  | { readonly kind: 'source'; readonly id: string; readonly label: string; readonly description: string; readonly entries: readonly BibEntry[]; readonly source: vscode.Uri | 'bundled' }
  | { readonly kind: 'entry'; readonly id: string; readonly entry: BibEntry; readonly source: vscode.Uri | 'bundled' }
  | { readonly kind: 'more'; readonly id: string; readonly count: number };

/** The References view: the bundled VEXAS library and the active manuscript's bibliographies, searchable. */
export class ReferencesTreeProvider implements vscode.TreeDataProvider<ReferenceElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private query = '';
  private showLibrary = false;
  private view: vscode.TreeView<ReferenceElement> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Elements handed to VS Code since the roots were last listed, by id (commands may name one by id). */
  private readonly shown = new Map<string, ReferenceElement>();

  constructor(
    private readonly knowledge: () => Promise<KnowledgeBase>,
    private readonly bibliographies: Bibliographies,
    private readonly manuscripts: ManuscriptTracker,
  ) {
    this.disposables.push(
      manuscripts.onDidChange(() => this.refresh()),
      bibliographies.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('vexas.bibliography')) this.refresh(); }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  attach(view: vscode.TreeView<ReferenceElement>): void {
    this.view = view;
  }

  refresh(): void {
    this.changed.fire();
  }

  get searchQuery(): string {
    return this.query;
  }

  async setQuery(query: string): Promise<void> {
    this.query = query.trim();
    await vscode.commands.executeCommand('setContext', SEARCHING_KEY, this.query !== '');
    this.refresh();
  }

  async revealLibrary(): Promise<void> {
    this.showLibrary = true;
    await vscode.commands.executeCommand('setContext', SHOW_LIBRARY_KEY, true);
    this.refresh();
  }

  /** An element the view shows, by its id. */
  element(id: string): ReferenceElement | undefined {
    return this.shown.get(id);
  }

  async getChildren(element?: ReferenceElement): Promise<ReferenceElement[]> {
    const children = await this.children(element);
    if (!element) this.shown.clear();
    for (const c of children) this.shown.set(c.id, c);
    return children;
  }

  private async children(element?: ReferenceElement): Promise<ReferenceElement[]> {
    if (element?.kind === 'source') {
      const shown = element.entries.slice(0, MAX_CHILDREN).map((entry): ReferenceElement =>
        ({ kind: 'entry', id: `${element.id}|${entry.key}`, entry, source: element.source }));
      if (element.entries.length > MAX_CHILDREN) shown.push({ kind: 'more', id: `${element.id}|more`, count: element.entries.length - MAX_CHILDREN });
      return shown;
    }
    if (element) return [];
    const document = this.manuscripts.document();
    const syntax = document && syntaxForLanguageId(document.languageId);
    if (!document && !this.showLibrary) {
      this.setMessage(undefined);
      return [];
    }
    const bib = document && syntax ? await this.bibliographies.forDocument(document, syntax) : undefined;
    const kb = bib ? bib.knowledge : await this.knowledge();
    if (this.query) {
      let found: FoundReference[];
      if (bib) found = bib.search(this.query, SEARCH_LIMIT);
      else found = (kb?.references.search(this.query, { limit: SEARCH_LIMIT }) ?? []).map(h => ({ entry: h.item.entry, source: 'bundled' as const }));
      const where = document ? ` for ${vscode.workspace.asRelativePath(document.uri)}` : ' in the VEXAS library';
      this.setMessage(found.length === 0
        ? `No reference matches "${this.query}"${where} (searched: key, authors, title, year, keywords, abstract, DOI, PMID).`
        : `Search "${this.query}": ${found.length === SEARCH_LIMIT ? `first ${SEARCH_LIMIT}` : found.length} result${found.length === 1 ? '' : 's'}${where}.`);
      return found.map(f => ({ kind: 'entry', id: `search|${sourceId(f.source)}|${f.entry.key}`, entry: f.entry, source: f.source }));
    }
    this.setMessage(document ? `Bibliographies of ${vscode.workspace.asRelativePath(document.uri)}` : undefined);
    const roots: ReferenceElement[] = [];
    for (const f of bib?.files ?? []) {
      roots.push({
        kind: 'source', id: `file|${f.uri.toString()}`, label: f.uri.path.split('/').pop() ?? f.uri.path,
        description: describeSource(f.uri, f.format === 'inline' ? `${f.entries.length} in the front matter` : `${f.entries.length} ${f.entries.length === 1 ? 'entry' : 'entries'}`),
        entries: f.entries, source: f.uri,
      });
    }
    for (const uri of bib?.missing ?? []) {
      roots.push({ kind: 'source', id: `missing|${uri.toString()}`, label: uri.path.split('/').pop() ?? uri.path, description: 'declared, not found', entries: [], source: uri });
    }
    if (kb) {
      roots.push({ kind: 'source', id: 'bundled', label: 'VEXAS library', description: `${kb.referenceEntries.length} curated references`, entries: kb.referenceEntries, source: 'bundled' });
    }
    return roots;
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }

  getTreeItem(element: ReferenceElement): vscode.TreeItem {
    if (element.kind === 'more') {
      const item = new vscode.TreeItem(`${element.count} more: use Search References to find them`);
      item.id = element.id;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'vexas.references.search', title: 'Search References' };
      return item;
    }
    if (element.kind === 'source') {
      const item = new vscode.TreeItem(element.label,
        element.source === 'bundled' && this.manuscripts.document() ? vscode.TreeItemCollapsibleState.Collapsed
          : element.entries.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = element.id;
      item.description = element.description;
      item.iconPath = new vscode.ThemeIcon(element.source === 'bundled' ? 'library' : 'book');
      if (element.source !== 'bundled') item.resourceUri = element.source;
      item.tooltip = element.source === 'bundled' ? 'The bundled VEXAS reference library' : vscode.workspace.asRelativePath(element.source);
      item.contextValue = 'vexasReferenceSource';
      return item;
    }
    const e = element.entry;
    const authors = e.fields.author ? familyNames(e.fields.author) : [];
    const year = e.fields.year ?? e.fields.date?.slice(0, 4) ?? '';
    const item = new vscode.TreeItem(e.key);
    item.id = element.id;
    item.description = [[authors[0], year].filter(Boolean).join(' '), e.fields.title].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(element.source === 'bundled' ? 'library' : 'bookmark');
    item.contextValue = e.fields.doi || e.fields.pmid ? 'vexasReference:link' : 'vexasReference';
    item.tooltip = [e.fields.title, [e.fields.author, year].filter(Boolean).join(', '), e.fields.journal ?? e.fields.journaltitle,
      e.fields.doi && `doi:${e.fields.doi}`, e.fields.pmid && `PMID ${e.fields.pmid}`,
      element.source === 'bundled' ? 'VEXAS library' : vscode.workspace.asRelativePath(element.source)].filter(Boolean).join('\n');
    return item;
  }
}

/** "12 entries", or "refs/ · 12 entries" for a file in a folder: the name is the label, never repeated. */
function describeSource(uri: vscode.Uri, count: string): string {
  const relative = vscode.workspace.asRelativePath(uri);
  const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/') + 1) : '';
  return folder ? `${folder} · ${count}` : count;
}

function sourceId(source: vscode.Uri | 'bundled'): string {
  return source === 'bundled' ? 'bundled' : source.toString();
}
