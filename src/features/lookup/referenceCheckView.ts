/**
 * The Reference Check view: the last check of the active manuscript (or the latest one), counts per
 * kind of finding, and each finding under its kind; choosing one shows its first citation.
 */
import * as vscode from 'vscode';
import type { Finding, FindingKind } from '../../core/lookup/referenceCheck';
import { snapshotNodes, type TreeSnapshot } from '../treeSnapshot';
import type { CheckResult, ReferenceChecker } from './checkReferences';

export const REFERENCE_CHECK_VIEW = 'vexas.referenceCheck';

/** Kinds in the order an author should read them, with their headings. */
const KINDS: ReadonlyArray<readonly [FindingKind, string]> = [
  ['retracted', 'Retracted or withdrawn'],
  ['unresolved', 'Identifier does not resolve'],
  ['doi-mismatch', 'DOI and PMID are different papers'],
  ['concern', 'Expression of concern'],
  ['preprint-published', 'Preprint since published'],
  ['title-mismatch', 'Title differs from the registry'],
  ['author-mismatch', 'First author differs'],
  ['year-mismatch', 'Year differs'],
  ['journal-mismatch', 'Journal differs'],
  ['corrected', 'Correction published'],
  ['duplicate-doi', 'Same DOI under two keys'],
  ['malformed-identifier', 'Malformed identifier'],
  ['identifier-found', 'Identifier the registry can add'],
];

type Element = { readonly kind: 'group'; readonly id: string; readonly label: string; readonly findings: readonly Finding[] }
  | { readonly kind: 'finding'; readonly id: string; readonly finding: Finding; readonly manuscript: vscode.Uri };

class ReferenceCheckTree implements vscode.TreeDataProvider<Element> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  view?: vscode.TreeView<Element>;

  constructor(private readonly checker: ReferenceChecker) {}

  refresh(): void {
    this.changed.fire();
  }

  current(): CheckResult | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && this.checker.result(active)) ?? this.checker.latest();
  }

  getChildren(element?: Element): Element[] {
    if (element?.kind === 'group') return element.findings.map(f => ({ kind: 'finding', id: `${element.id}|${f.key}|${f.message}`, finding: f, manuscript: this.current()!.manuscript }));
    if (element) return [];
    const result = this.current();
    if (this.view) this.view.message = result ? summary(result) : undefined;
    if (!result) return [];
    return KINDS.map(([kind, label]) => ({ kind: 'group' as const, id: kind, label, findings: result.report.findings.filter(f => f.kind === kind) }))
      .filter(g => g.findings.length > 0);
  }

  getTreeItem(element: Element): vscode.TreeItem {
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = element.id;
      item.description = String(element.findings.length);
      const severity = element.findings[0].severity;
      item.iconPath = new vscode.ThemeIcon(severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info');
      return item;
    }
    const item = new vscode.TreeItem(element.finding.key);
    item.id = element.id;
    item.description = element.finding.message;
    item.tooltip = element.finding.message;
    item.command = { command: 'vexas.referenceCheck.reveal', title: 'Show the citation', arguments: [element.manuscript.toString(), element.finding.key] };
    return item;
  }
}

function summary(result: CheckResult): string {
  const r = result.report;
  const problems = r.findings.filter(f => f.severity !== 'information').length;
  const where = vscode.workspace.asRelativePath(result.manuscript);
  const time = result.at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const scope = result.online ? `${r.checked} of ${r.total} cited references checked against the registries` : `${r.total} cited references checked offline only (network lookups are off)`;
  return `${where}: ${scope} at ${time}; ${problems === 0 ? 'no problems found' : `${problems} problem${problems === 1 ? '' : 's'}`}${r.stopped ? ` — stopped: ${r.stopped.message}` : ''}.`;
}

export function registerReferenceCheckView(context: vscode.ExtensionContext, checker: ReferenceChecker): void {
  const tree = new ReferenceCheckTree(checker);
  const view = vscode.window.createTreeView(REFERENCE_CHECK_VIEW, { treeDataProvider: tree });
  tree.view = view;
  context.subscriptions.push(
    view,
    checker.onDidChange(() => tree.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => tree.refresh()),
    vscode.commands.registerCommand('vexas.referenceCheck.describeTree', async (): Promise<TreeSnapshot> => {
      const nodes = await snapshotNodes(tree, e => e.id);
      return { visible: view.visible, message: view.message, description: view.description, nodes };
    }),
    vscode.commands.registerCommand('vexas.referenceCheck.reveal', async (manuscript: string, key: string) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(manuscript));
      const editor = await vscode.window.showTextDocument(document);
      const d = vscode.languages.getDiagnostics(document.uri).find(x => typeof x.code === 'string' && x.code.endsWith(`:${key}`));
      if (d) {
        editor.selection = new vscode.Selection(d.range.start, d.range.end);
        editor.revealRange(d.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    }),
  );
}
