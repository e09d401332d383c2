/**
 * The References view: the active manuscript's bibliographies and the bundled VEXAS library,
 * searchable, with insert, copy and open commands. Commands that act on an item take the tree
 * element (menus pass it; scripts may pass its id) and otherwise use the selection.
 */
import * as vscode from 'vscode';
import type { InsertOptions } from '../insertCitation';
import type { SidebarDeps } from '../sidebarDeps';
import { copyReference, manuscriptEditor, openSource } from '../referenceActions';
import { snapshotNodes, type TreeSnapshot } from '../treeSnapshot';
import { ReferencesTreeProvider, type ReferenceElement } from './referencesTree';

export const REFERENCES_VIEW = 'vexas.references';

/** The References tree as a snapshot, with the manuscript it was listed for (the view follows the active one). */
export interface ReferencesSnapshot extends TreeSnapshot {
  readonly manuscript: string | undefined;
}

export function registerReferencesView(context: vscode.ExtensionContext, deps: SidebarDeps): void {
  const { manuscripts } = deps;
  const tree = new ReferencesTreeProvider(deps.knowledge, deps.bibliographies, manuscripts);
  const view = vscode.window.createTreeView(REFERENCES_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);

  /** A References element from a menu, an id (scripts), or else the selection. */
  const target = (element: ReferenceElement | string | undefined): ReferenceElement | undefined =>
    typeof element === 'string' ? tree.element(element) : element ?? view.selection[0];
  const entryOf = (element: ReferenceElement | string | undefined) => {
    const t = target(element);
    return t?.kind === 'entry' ? t.entry : undefined;
  };

  async function describe(): Promise<ReferencesSnapshot> {
    const document = manuscripts.document();
    const nodes = await snapshotNodes(tree, c => c.id);
    const manuscript = document && vscode.workspace.asRelativePath(document.uri);
    return { visible: view.visible, message: view.message, description: view.description, nodes, manuscript };
  }

  const command = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);
  context.subscriptions.push(
    tree, view,
    command('vexas.references.search', async (query?: unknown) => {
      const value = typeof query === 'string' ? query : await vscode.window.showInputBox({
        title: 'Search references', prompt: 'Author, title, year, key, DOI, PMID, keyword or a word of the abstract', value: tree.searchQuery,
      });
      if (value !== undefined) await tree.setQuery(value);
    }),
    command('vexas.references.clearSearch', () => tree.setQuery('')),
    command('vexas.references.showLibrary', () => tree.revealLibrary()),
    command('vexas.references.insertCitation', async (element?: ReferenceElement | string, options?: InsertOptions) => {
      const entry = entryOf(element);
      if (!entry) return false;
      const editor = await manuscriptEditor(manuscripts);
      return editor ? deps.inserter.insert(editor, [entry.key], options) : false;
    }),
    command('vexas.references.copyReference', (element?: ReferenceElement | string) => {
      const entry = entryOf(element);
      return entry && copyReference(entry, manuscripts);
    }),
    command('vexas.references.openSource', (element?: ReferenceElement | string) => {
      const entry = entryOf(element);
      return entry && openSource(entry);
    }),
    command('vexas.references.describeTree', describe),
    command('vexas.references.showInZotero', (element?: ReferenceElement | string) => {
      const entry = entryOf(element);
      return entry && vscode.commands.executeCommand('vexas.zotero.show', entry.key);
    }),
    command('vexas.newManuscript', async (language?: unknown) => {
      const languageId = language === 'latex' ? 'latex' : 'markdown';
      const doc = await vscode.workspace.openTextDocument({ language: languageId, content: '' });
      await vscode.window.showTextDocument(doc);
    }),
  );
}
