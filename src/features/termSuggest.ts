import * as vscode from 'vscode';
import type { KnowledgeBase } from '../core/knowledge';
import { syntaxForLanguageId } from '../core/languages';
import { isProse, type DocumentAnalyses } from './documentAnalysis';
import { termsWhileTyping } from '../workspace/settings';

/**
 * VEXAS terms offered while typing prose, without turning on VS Code's quick suggestions (off in
 * Markdown by default, so that prose is not interrupted by word lists). The suggestion list opens
 * only when the word being typed (4 characters or more) starts a drug, drug class, gene, variant or
 * pathway name of the glossary: the words whose exact spelling matters and that are long to type
 * (`tocil` → tocilizumab, `Met41` → p.Met41Thr). Common words (fever, infection) never trigger it.
 */
const TRIGGER_CATEGORIES = new Set(['drug', 'drug-class', 'gene', 'variant', 'pathway']);
const MIN_PREFIX = 4;
const WORD_BEFORE = /[\p{L}\p{N}][\p{L}\p{N}.\->+_]*$/u;

export function registerTermSuggestWhileTyping(analyses: DocumentAnalyses, knowledge: () => Promise<KnowledgeBase>): vscode.Disposable {
  /** The word (document + start offset) the list was last opened for: once per word. */
  let lastWord = '';
  return vscode.workspace.onDidChangeTextDocument(async e => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || e.contentChanges.length !== 1) return;
    const change = e.contentChanges[0];
    if (change.text.length !== 1 || !/[\p{L}\p{N}]/u.test(change.text)) return; // typing, not pasting or deleting
    const document = e.document;
    if (!syntaxForLanguageId(document.languageId)) return;
    // The word first (cheap), the settings only for words long enough to matter.
    const position = change.range.start.translate(0, 1);
    const typed = WORD_BEFORE.exec(document.lineAt(position.line).text.slice(0, position.character))?.[0];
    if (!typed || typed.length < MIN_PREFIX) return;
    if (!termsWhileTyping(document) || quickSuggestionsOn(document)) return; // off, or VS Code already opens the list
    const wordId = `${document.uri.toString()}@${document.offsetAt(position) - typed.length}`;
    if (wordId === lastWord) return;
    const analysis = analyses.get(document);
    if (!analysis || !isProse(analysis, document.offsetAt(position) - 1)) return;
    const kb = await knowledge();
    const hit = kb.glossary.complete(typed, 20).some(c => TRIGGER_CATEGORIES.has(c.term.category) && c.label.length > typed.length);
    if (!hit || vscode.window.activeTextEditor !== editor) return;
    lastWord = wordId;
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
  });
}

function quickSuggestionsOn(document: vscode.TextDocument): boolean {
  const setting = vscode.workspace.getConfiguration('editor', { languageId: document.languageId, uri: document.uri }).get<unknown>('quickSuggestions');
  if (setting === true) return true;
  if (setting && typeof setting === 'object') return (setting as { other?: unknown }).other === true || (setting as { other?: unknown }).other === 'on';
  return false;
}
