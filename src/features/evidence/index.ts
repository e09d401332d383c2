import * as vscode from 'vscode';
import type { BibEntry } from '../../core/bibliography/types';
import {
  blockPadding, designLabel, EVIDENCE_SORTS, evidenceTable, inlinePadding, POPULATION_LABELS, POPULATION_TOGGLES,
  recordsSentences, SORT_LABELS, studySentence, type EvidenceSort, type GeneratedText, type PopulationToggle,
} from '../../core/evidence';
import type { EvidenceRecord } from '../../core/knowledge';
import { syntaxForLanguageId } from '../../core/languages';
import { OwnEvidenceFiles } from '../../workspace/ownEvidenceFiles';
import type { InsertOptions } from '../insertCitation';
import type { SidebarDeps } from '../sidebarDeps';
import { latexCiteCommand } from '../../workspace/settings';
import { copyReference, manuscriptEditor, openSource } from '../referenceActions';
import { snapshotNodes, type TreeSnapshot } from '../treeSnapshot';
import { DETAILS_VIEW_TYPE, EvidenceDetailsPanel, type DetailsActionResult, type DetailsReady } from './detailsPanel';
import { EvidenceTreeProvider, parseElement, studyElement, type EvidenceElement } from './evidenceTree';
import { EvidenceState, sanitizeFilter } from './state';

export const EVIDENCE_VIEW = 'vexas.evidence';

export type { SnapshotNode, TreeSnapshot } from '../treeSnapshot';

/**
 * The Therapy Evidence view, its commands, and the evidence details panel. Commands that act on an
 * item take the tree element (menus pass it; scripts may pass the element string, e.g.
 * `study:tocilizumab--boyadzhieva2023how`) and otherwise use the selection.
 */
export function registerEvidenceSidebar(context: vscode.ExtensionContext, deps: SidebarDeps): void {
  const { manuscripts } = deps;
  const own = new OwnEvidenceFiles(context.extensionUri);
  const state = new EvidenceState(context.workspaceState, deps.knowledge, own);
  const evidenceTree = new EvidenceTreeProvider(state, context.workspaceState);
  const evidenceView = vscode.window.createTreeView(EVIDENCE_VIEW, { treeDataProvider: evidenceTree, showCollapseAll: true });
  const details = new EvidenceDetailsPanel(context.extensionUri, (type, recordId) =>
    type === 'insertCitation' ? insertCitation(studyElement(recordId)) : insertSentence(studyElement(recordId)));

  const selected = (element: unknown): EvidenceElement | undefined =>
    typeof element === 'string' ? element : evidenceView.selection[0];

  const recordOf = async (element: unknown): Promise<EvidenceRecord | undefined> => {
    const parsed = parseElement(selected(element) ?? '');
    if (parsed?.kind !== 'study') return undefined;
    return (await state.model()).recordById.get(parsed.id);
  };


  const insertGenerated = async (make: (editor: vscode.TextEditor) => GeneratedText, block: boolean, options?: InsertOptions): Promise<boolean> => {
    const editor = await manuscriptEditor(manuscripts);
    if (!editor) return false;
    const generated = make(editor);
    const doc = editor.document;
    const sel = editor.selection;
    const line = (p: vscode.Position) => doc.lineAt(p.line).text;
    const before = block ? doc.getText(new vscode.Range(new vscode.Position(Math.max(0, sel.start.line - 1), 0), sel.start))
      : line(sel.start).slice(0, sel.start.character);
    const after = block ? doc.getText(new vscode.Range(sel.end, doc.lineAt(Math.min(doc.lineCount - 1, sel.end.line + 1)).range.end))
      : line(sel.end).slice(sel.end.character);
    const pad = block ? blockPadding(before, after) : inlinePadding(before, after);
    const ok = await deps.inserter.insertTextWithCitations(editor, pad.prefix + generated.text + pad.suffix, generated.keys, options);
    if (ok) editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return ok;
  };

  const formatFor = (editor: vscode.TextEditor) => {
    const syntax = syntaxForLanguageId(editor.document.languageId) ?? 'markdown';
    return { syntax, latexCommand: latexCiteCommand(editor.document) } as const;
  };

  async function insertCitation(element?: unknown, options?: InsertOptions): Promise<boolean> {
    const guidance = parseElement(selected(element) ?? '');
    const key = guidance?.kind === 'guidance' ? guidance.id : (await recordOf(element))?.study;
    if (!key) return false;
    const editor = await manuscriptEditor(manuscripts);
    return editor ? deps.inserter.insert(editor, [key], options) : false;
  }

  async function insertSentence(element?: unknown, options?: InsertOptions): Promise<boolean> {
    const parsed = parseElement(selected(element) ?? '');
    const model = await state.model();
    let records: readonly EvidenceRecord[] = [];
    if (parsed?.kind === 'study') records = [model.recordById.get(parsed.id)].filter((r): r is EvidenceRecord => !!r);
    else if (parsed?.kind === 'drug') records = model.drugById.get(parsed.id)?.records ?? [];
    if (records.length === 0) return false;
    return insertGenerated(editor => (records.length === 1 ? studySentence(records[0], formatFor(editor)) : recordsSentences(records, formatFor(editor))), false, options);
  }

  async function insertTable(element?: unknown, options?: InsertOptions): Promise<boolean> {
    const parsed = parseElement(selected(element) ?? '');
    const model = await state.model();
    const classId = parsed?.kind === 'class' ? parsed.id : parsed?.kind === 'drug' ? parsed.id.split('/')[0] : undefined;
    if (!classId) return false;
    // The table shows the class's whole evidence, whatever the view's filter hides.
    const records = model.forClass(classId);
    if (records.length === 0) return false;
    const classInfo = model.classInfo(classId);
    return insertGenerated(editor => evidenceTable(records, { ...formatFor(editor), classInfo }), true, options);
  }

  async function referenceOf(element: unknown): Promise<BibEntry | undefined> {
    const guidance = parseElement(selected(element) ?? '');
    const key = guidance?.kind === 'guidance' ? guidance.id : (await recordOf(element))?.study;
    if (!key) return undefined;
    return (await deps.knowledge()).references.get(key);
  }


  async function showDetails(element?: unknown): Promise<DetailsReady | undefined> {
    const parsed = parseElement(selected(element) ?? '');
    const model = await state.model();
    const kb = model.kb;
    if (parsed?.kind === 'class') {
      const info = model.classInfo(parsed.id);
      return details.show({ element: `class:${parsed.id}`, title: info?.name ?? parsed.id, target: info?.target, records: model.forClass(parsed.id), summary: info?.summary }, kb);
    }
    const drugGroupId = parsed?.kind === 'drug' ? parsed.id
      : parsed?.kind === 'study' ? (() => { const r = model.recordById.get(parsed.id); return r && `${r.class}/${r.drug}`; })() : undefined;
    if (!drugGroupId) return undefined;
    const [classId, drug] = drugGroupId.split('/');
    const records = model.forClass(classId).filter(r => r.drug === drug);
    if (records.length === 0) return undefined;
    return details.show({ element: `drug:${drugGroupId}`, title: records[0].drugLabel, target: records[0].target, records }, kb);
  }

  async function filter(query?: unknown): Promise<void> {
    const current = state.filter;
    const value = typeof query === 'string' ? query : await vscode.window.showInputBox({
      title: 'Filter the therapy evidence',
      prompt: 'Drug, class, target, population (e.g. Met41, MDS), outcome or author; every word must match. Empty clears the text filter.',
      value: current.query ?? '',
    });
    if (value === undefined) return;
    await state.setFilter({ ...current, query: value });
  }

  async function toggles(scripted?: unknown): Promise<void> {
    if (scripted && typeof scripted === 'object') {
      await state.setFilter({ ...state.filter, ...sanitizeFilter(scripted) });
      return;
    }
    const model = await state.model();
    const current = state.filter;
    type Item = vscode.QuickPickItem & { group?: 'classes' | 'designs' | 'populations'; value?: string };
    const items: Item[] = [];
    const designs = [...new Set(model.records.map(r => r.design))];
    items.push({ label: 'Drug class', kind: vscode.QuickPickItemKind.Separator });
    for (const g of model.classes) {
      if (!model.forClass(g.id).length) continue;
      items.push({ label: g.name, description: g.target, group: 'classes', value: g.id, picked: current.classes?.includes(g.id) });
    }
    items.push({ label: 'Study design', kind: vscode.QuickPickItemKind.Separator });
    for (const d of designs) items.push({ label: designLabel(d), group: 'designs', value: d, picked: current.designs?.includes(d) });
    items.push({ label: 'Population', kind: vscode.QuickPickItemKind.Separator });
    for (const p of POPULATION_TOGGLES) {
      items.push({ label: `Only studies that ${POPULATION_LABELS[p]}`, group: 'populations', value: p, picked: current.populations?.includes(p) });
    }
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true, title: 'Filter the therapy evidence', placeHolder: 'Check what to show: within a group any checked item, across groups all',
    });
    if (!picked) return;
    const of = (group: Item['group']) => picked.filter(i => i.group === group).map(i => i.value as string);
    await state.setFilter({ ...current, classes: of('classes'), designs: of('designs'), populations: of('populations') as PopulationToggle[] });
  }

  async function sort(value?: unknown): Promise<void> {
    let chosen = typeof value === 'string' && EVIDENCE_SORTS.includes(value as EvidenceSort) ? value as EvidenceSort : undefined;
    if (!chosen) {
      const pick = await vscode.window.showQuickPick(EVIDENCE_SORTS.map(s => ({
        label: `By ${SORT_LABELS[s]}`, description: s === state.sort ? 'current' : undefined, value: s,
      })), { title: 'Sort the studies' });
      chosen = pick?.value;
    }
    if (chosen) await state.setSort(chosen);
  }

  async function describeTree(): Promise<TreeSnapshot> {
    const nodes = await snapshotNodes(evidenceTree, c => c);
    return { visible: evidenceView.visible, message: evidenceView.message, description: evidenceView.description, nodes };
  }


  const command = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);
  context.subscriptions.push(
    own, state, evidenceTree, evidenceView, details,
    evidenceTree.attach(evidenceView, manuscripts),
    // After a reload VS Code restores an open details panel; re-render what it showed.
    vscode.window.registerWebviewPanelSerializer(DETAILS_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown) {
        const subject = saved && typeof saved === 'object' ? (saved as { subject?: unknown }).subject : undefined;
        details.adopt(panel);
        if (typeof subject !== 'string' || !(await showDetails(subject))) panel.dispose();
      },
    }),
    command('vexas.evidence.filter', filter),
    command('vexas.evidence.filterToggles', toggles),
    command('vexas.evidence.clearFilter', () => state.setFilter({})),
    command('vexas.evidence.sort', sort),
    command('vexas.evidence.insertCitation', insertCitation),
    command('vexas.evidence.insertSentence', insertSentence),
    command('vexas.evidence.insertTable', insertTable),
    command('vexas.evidence.openSource', async (element?: unknown) => {
      const entry = await referenceOf(element);
      return entry && openSource(entry);
    }),
    command('vexas.evidence.copyReference', async (element?: unknown) => {
      const entry = await referenceOf(element);
      return entry && copyReference(entry, manuscripts);
    }),
    command('vexas.evidence.showDetails', showDetails),
    command('vexas.evidence.describeTree', describeTree),
    command('vexas.evidence.pressInDetails', (action: 'insertCitation' | 'insertSentence', recordId: string): Promise<DetailsActionResult> =>
      details.press(action, recordId)),
  );
}
