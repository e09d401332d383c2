/**
 * The Reporting Checklist view: CARE for a case report, STROBE for an observational study (chosen from
 * the manuscript, or by the author), each item with whether the manuscript appears to address it,
 * a tick the author sets, and a note of where; kept per manuscript in the workspace. Exported as a
 * Markdown table for submission.
 */
import * as vscode from 'vscode';
import { assessChecklist, checklistFor, CHECKLISTS, type Checklist } from '../core/output/checklists';
import { countWords } from '../core/output/wordCount';
import type { ManuscriptTracker } from '../workspace/manuscripts';
import type { DocumentAnalyses } from './documentAnalysis';
import { snapshotNodes, type TreeSnapshot } from './treeSnapshot';

export const CHECKLIST_VIEW = 'vexas.checklist';

interface Saved { checklist?: Checklist['id']; ticked: Record<string, boolean>; notes: Record<string, string> }
type Element = { readonly id: string; readonly itemId: string; readonly topic: string; readonly summary: string; readonly where?: string };

class ChecklistTree implements vscode.TreeDataProvider<Element> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  view?: vscode.TreeView<Element>;
  private memo?: { key: string; items: Element[] };

  constructor(private readonly state: vscode.Memento, private readonly manuscripts: ManuscriptTracker, private readonly analyses: DocumentAnalyses) {}

  refresh(): void {
    this.changed.fire();
  }

  saved(uri: vscode.Uri): Saved {
    return this.state.get<Saved>(`vexas.checklist:${uri.toString()}`) ?? { ticked: {}, notes: {} };
  }

  async save(uri: vscode.Uri, saved: Saved): Promise<void> {
    await this.state.update(`vexas.checklist:${uri.toString()}`, saved);
    this.refresh();
  }

  /** The manuscript, its checklist (the author's choice, else from its words), and each item's assessment. */
  current(): { document: vscode.TextDocument; checklist: Checklist; items: Element[] } | undefined {
    const document = this.manuscripts.document();
    const analysis = document && this.analyses.get(document);
    if (!document || !analysis) return undefined;
    const saved = this.saved(document.uri);
    const checklist = CHECKLISTS.find(c => c.id === saved.checklist) ?? checklistFor(analysis.text);
    // Asked once per tree item: computed once per document version and checklist.
    const memoKey = `${document.uri}|${document.version}|${checklist.id}`;
    if (this.memo?.key === memoKey) return { document, checklist, items: this.memo.items };
    const sections = countWords(analysis.text, analysis.syntax, analysis.regions, analysis.citations).sections;
    const items = assessChecklist(checklist, analysis.text, sections)
      .map(a => ({ id: `${checklist.id}:${a.item.id}`, itemId: a.item.id, topic: a.item.topic, summary: a.item.summary, where: a.where }));
    this.memo = { key: memoKey, items };
    return { document, checklist, items };
  }

  getChildren(element?: Element): Element[] {
    if (element) return [];
    const current = this.current();
    if (this.view) {
      if (!current) this.view.message = 'Open a manuscript to see its reporting checklist.';
      else {
        const saved = this.saved(current.document.uri);
        const ticked = current.items.filter(i => saved.ticked[i.id]).length;
        const hinted = current.items.filter(i => i.where).length;
        this.view.message = `${current.checklist.name} (${current.checklist.studyType}) for ${vscode.workspace.asRelativePath(current.document.uri)}: ${ticked} of ${current.items.length} ticked; ${hinted} appear addressed.`;
      }
    }
    return current?.items ?? [];
  }

  getTreeItem(element: Element): vscode.TreeItem {
    const current = this.current();
    const saved = current ? this.saved(current.document.uri) : { ticked: {}, notes: {} };
    const item = new vscode.TreeItem(`${element.itemId}. ${element.topic}`);
    item.id = element.id;
    item.checkboxState = saved.ticked[element.id] ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    const note = saved.notes[element.id];
    item.description = note ? `addressed: ${note}` : element.where ? `appears in ${element.where}` : 'not found in the manuscript';
    item.tooltip = new vscode.MarkdownString(`**${element.itemId}. ${element.topic}**\n\n${element.summary}`);
    item.contextValue = 'vexasChecklistItem';
    item.iconPath = new vscode.ThemeIcon(element.where || note ? 'pass' : 'circle-large-outline');
    return item;
  }
}

export function registerChecklistView(context: vscode.ExtensionContext, manuscripts: ManuscriptTracker, analyses: DocumentAnalyses): void {
  const tree = new ChecklistTree(context.workspaceState, manuscripts, analyses);
  const view = vscode.window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: tree, manageCheckboxStateManually: true });
  tree.view = view;
  const target = (element: Element | string | undefined) => {
    const current = tree.current();
    if (!current) return undefined;
    const id = typeof element === 'string' ? element : element?.id ?? view.selection[0]?.id;
    const item = current.items.find(i => i.id === id);
    return item && { current, item };
  };
  context.subscriptions.push(
    view,
    manuscripts.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidSaveTextDocument(() => tree.refresh()),
    view.onDidChangeCheckboxState(async e => {
      const current = tree.current();
      if (!current) return;
      const saved = tree.saved(current.document.uri);
      for (const [element, state] of e.items) saved.ticked[element.id] = state === vscode.TreeItemCheckboxState.Checked;
      await tree.save(current.document.uri, saved);
    }),
    vscode.commands.registerCommand('vexas.checklist.tick', async (element: Element | string, ticked = true) => {
      const t = target(element);
      if (!t) return;
      const saved = tree.saved(t.current.document.uri);
      saved.ticked[t.item.id] = ticked;
      await tree.save(t.current.document.uri, saved);
    }),
    vscode.commands.registerCommand('vexas.checklist.note', async (element?: Element | string, text?: string) => {
      const t = target(element);
      if (!t) return;
      const saved = tree.saved(t.current.document.uri);
      const note = text ?? await vscode.window.showInputBox({ title: `Where is ${t.item.itemId}. ${t.item.topic} addressed?`, prompt: 'e.g. "Case presentation, paragraph 2" or "page 4"; empty removes the note', value: saved.notes[t.item.id] ?? t.item.where ?? '' });
      if (note === undefined) return;
      if (note.trim()) saved.notes[t.item.id] = note.trim(); else delete saved.notes[t.item.id];
      saved.ticked[t.item.id] = saved.ticked[t.item.id] || !!note.trim();
      await tree.save(t.current.document.uri, saved);
    }),
    vscode.commands.registerCommand('vexas.checklist.choose', async (id?: unknown) => {
      const current = tree.current();
      if (!current) return;
      const chosen = CHECKLISTS.find(c => c.id === id) ?? (await vscode.window.showQuickPick(CHECKLISTS.map(c => ({ label: c.name, description: c.studyType, id: c.id })), { title: 'Reporting checklist for this manuscript' }));
      if (!chosen) return;
      await tree.save(current.document.uri, { ...tree.saved(current.document.uri), checklist: chosen.id });
    }),
    vscode.commands.registerCommand('vexas.checklist.export', async () => {
      const current = tree.current();
      if (!current) return undefined;
      const saved = tree.saved(current.document.uri);
      const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const rows = current.items.map(i => `| ${i.itemId} | ${cell(i.topic)} | ${cell(i.summary)} | ${saved.ticked[i.id] ? 'yes' : 'no'} | ${cell(saved.notes[i.id] ?? (i.where ? `appears in ${i.where}` : ''))} |`);
      const text = [
        `# ${current.checklist.name} checklist: ${vscode.workspace.asRelativePath(current.document.uri)}`, '',
        `Item summaries are the VEXAS Manuscript Assistant's; the official checklist is at ${current.checklist.url}.`, '',
        '| Item | Topic | What it asks | Addressed | Where |', '|---|---|---|---|---|', ...rows, '',
      ].join('\n');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.window.showTextDocument(document, { preview: false });
      return text;
    }),
    vscode.commands.registerCommand('vexas.checklist.describeTree', async (): Promise<TreeSnapshot> => {
      const nodes = await snapshotNodes(tree, e => e.id);
      return { visible: view.visible, message: view.message, description: view.description, nodes };
    }),
  );
}
