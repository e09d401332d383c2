/**
 * Quick fixes for the reference check's findings, each one undoable edit in the entry's own
 * bibliography: set a field to the registry's value (title, year) or add the identifier it found,
 * and replace a preprint by its published version (fetched when chosen, the key kept so every
 * citation still points at it).
 */
import * as vscode from 'vscode';
import type { BibTeXEntry } from '../../core/bibliography/bibtexEntry';
import { bibtexFromCsl, titleToLatex } from '../../core/bibliography/bibtexFromCsl';
import { escapeBibtexValue } from '../../core/latexEscape';
import type { Finding } from '../../core/lookup/referenceCheck';
import type { Bibliographies } from '../../workspace/bibliographies';
import type { NetworkAccess } from '../../workspace/network';
import { CHECK_SOURCE, type ReferenceChecker } from './checkReferences';
import { inertText } from '../../core/messageText';

export const REPLACE_WITH_PUBLISHED = 'vexas.referenceCheck.replaceWithPublished';
export const FINDING_RESOLVED = 'vexas.referenceCheck.resolved';

export class ReferenceCheckFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly checker: ReferenceChecker, private readonly bibliographies: Bibliographies) {}

  async provideCodeActions(_document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== CHECK_SOURCE) continue;
      const found = this.checker.findingFor(d);
      const fix = found?.finding.fix;
      const file = found?.result.entryFiles.get(found.finding.key);
      if (!found || !fix || !file) continue;
      if (fix.kind === 'replace-with') {
        const a = new vscode.CodeAction(`Replace ${found.finding.key} by its published version (DOI ${fix.doi}), keeping the key`, vscode.CodeActionKind.QuickFix);
        a.command = { command: REPLACE_WITH_PUBLISHED, title: a.title, arguments: [file.toString(), found.finding.key, fix.doi] };
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
        continue;
      }
      const edit = await this.fieldEdit(file, found.finding, fix.field, fix.value);
      if (!edit) continue;
      const verb = edit.adds ? 'Add' : 'Set';
      const a = new vscode.CodeAction(`${verb} ${fix.field} of ${found.finding.key} to ${JSON.stringify(fix.value.slice(0, 80))} (as the registry has it)`, vscode.CodeActionKind.QuickFix);
      a.edit = edit.edit;
      a.command = { command: FINDING_RESOLVED, title: 'resolved', arguments: [found.finding.kind, found.finding.key] };
      a.diagnostics = [d];
      a.isPreferred = fix.field === 'doi';
      actions.push(a);
    }
    return actions;
  }

  /** The edit that sets `field` in the entry: its value replaced, or the field added after the last one. BibTeX only. */
  private async fieldEdit(file: vscode.Uri, finding: Finding, field: string, value: string): Promise<{ edit: vscode.WorkspaceEdit; adds: boolean } | undefined> {
    const loaded = await this.bibliographies.load(file);
    const entry = loaded.byKey.get(finding.key) as BibTeXEntry | undefined;
    if (loaded.format !== 'bibtex' || !entry || typeof entry.valueRange !== 'function') return undefined;
    const document = await vscode.workspace.openTextDocument(file);
    const text = field === 'title' ? `{${titleToLatex(value)}}` : field === 'doi' ? `{${value.replace(/[{}]/g, '')}}` : `{${escapeBibtexValue(value)}}`;
    const edit = new vscode.WorkspaceEdit();
    const range = entry.valueRange(field);
    if (range) {
      edit.replace(file, new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)), text);
      return { edit, adds: false };
    }
    let end: number | undefined;
    for (const name of entry.fieldNames) {
      const r = entry.valueRange(name);
      if (r && (end === undefined || r.end > end)) end = r.end;
    }
    if (end === undefined) return undefined;
    edit.insert(file, document.positionAt(end), `,\n  ${field} = ${text}`);
    return { edit, adds: true };
  }
}

/** Fetches the published version and replaces the entry's text by it, in one edit; the key stays. */
export async function replaceWithPublished(network: NetworkAccess, bibliographies: Bibliographies, checker: ReferenceChecker,
  fileUri: string, key: string, doi: string): Promise<boolean> {
  const file = vscode.Uri.parse(fileUri);
  if (network.allowed(`fetch the published version of ${key}`)) return false;
  const client = await network.client();
  const fetched = await client.csl({ kind: 'doi', value: doi });
  if (!fetched.ok) {
    void vscode.window.showWarningMessage(inertText(`Could not fetch DOI ${doi}: ${fetched.failure.message} ${inertText(key)} was not changed.`));
    return false;
  }
  const loaded = await bibliographies.load(file);
  const entry = loaded.byKey.get(key);
  if (!entry) return false;
  const document = await vscode.workspace.openTextDocument(file);
  let text: string;
  if (loaded.format === 'bibtex') {
    text = bibtexFromCsl(fetched.value, key).replace(/\n$/, '');
  } else if (loaded.format === 'csl-json') {
    const indent = /[ \t]*$/.exec(document.getText().slice(0, entry.start))?.[0] ?? '';
    text = JSON.stringify({ id: key, ...fetched.value, abstract: undefined }, null, 2).split('\n').join(`\n${indent}`);
  } else {
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(file, new vscode.Range(document.positionAt(entry.start), document.positionAt(entry.end)), text);
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) await checker.resolve('preprint-published', key);
  return ok;
}
