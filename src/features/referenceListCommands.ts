/**
 * Copy or insert the manuscript's formatted reference list (core/output/referenceList.ts) in the
 * citation style of `vexas.citationStyle`: plain text, Markdown, or HTML for word processors.
 */
import * as vscode from 'vscode';
import { referenceList, type ListFormat, type ReferenceList } from '../core/output/referenceList';
import { syntaxForLanguageId } from '../core/languages';
import type { Bibliographies } from '../workspace/bibliographies';
import { citationStyle } from '../workspace/settings';
import type { DocumentAnalyses } from './documentAnalysis';
import { inertText } from '../core/messageText';

export function registerReferenceListCommands(context: vscode.ExtensionContext, analyses: DocumentAnalyses, bibliographies: Bibliographies): void {
  const build = async (format: ListFormat): Promise<ReferenceList | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const syntax = editor && syntaxForLanguageId(editor.document.languageId);
    const analysis = editor && analyses.get(editor.document);
    if (!editor || !syntax || !analysis) {
      void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript to make its reference list.');
      return undefined;
    }
    const bib = await bibliographies.forDocument(editor.document, syntax);
    const list = referenceList(analysis.citations.map(c => c.key), key => bib.lookup(key)?.entry, citationStyle(editor.document), format);
    if (list.keys.length === 0 && list.missing.length === 0) void vscode.window.showInformationMessage('This manuscript cites nothing yet.');
    else if (list.missing.length) void vscode.window.showWarningMessage(inertText(`${list.missing.length} cited key${list.missing.length === 1 ? ' is' : 's are'} in no bibliography (${list.missing.slice(0, 5).join(', ')}): listed apart at the end.`));
    return list;
  };
  const askFormat = async (format: unknown): Promise<ListFormat | undefined> => {
    if (format === 'text' || format === 'markdown' || format === 'html') return format;
    const picked = await vscode.window.showQuickPick([
      { label: 'Plain text', format: 'text' as const }, { label: 'HTML (pastes formatted into Word, Google Docs…)', format: 'html' as const },
      { label: 'Markdown', format: 'markdown' as const }], { title: 'Copy the reference list as' });
    return picked?.format;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('vexas.referenceList.copy', async (format?: unknown) => {
      const chosen = await askFormat(format);
      const list = chosen && await build(chosen);
      if (!list || list.keys.length + list.missing.length === 0) return undefined;
      await vscode.env.clipboard.writeText(list.text);
      vscode.window.setStatusBarMessage(inertText(`VEXAS: reference list copied (${list.keys.length} references)`), 4000);
      return list;
    }),
    vscode.commands.registerCommand('vexas.referenceList.insert', async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.languageId === 'latex') {
        void vscode.window.showInformationMessage('In LaTeX, BibTeX or biber writes the reference list; use "Copy Reference List" to paste it elsewhere.');
        return undefined;
      }
      const list = await build('markdown');
      if (!editor || !list || list.keys.length + list.missing.length === 0) return undefined;
      await editor.edit(b => b.replace(editor.selection, list.text));
      return list;
    }),
  );
}
