/**
 * Activation shared by the desktop entry (src/extension.ts, Node) and the web entry
 * (src/web/extension.ts, a browser's web worker): everything but what needs this computer's processes.
 */
import * as vscode from 'vscode';
import { setHostCapabilities, type HostCapabilities } from './workspace/host';
import type { KnowledgeBase } from './core/knowledge';
import { formatReference } from './core/bibliography/format';
import { SERVED_LANGUAGE_IDS, syntaxForLanguageId } from './core/languages';
import { COMPLETE_FROM_LIBRARY, COMPLETE_FROM_SOURCE, VexasCompletionProvider } from './features/completion';
import { CitationDefinitionProvider, CitationReferenceProvider } from './features/definition';
import { VexasDiagnostics, VexasQuickFixes } from './features/diagnostics';
import { DocumentAnalyses } from './features/documentAnalysis';
import { registerEvidenceSidebar } from './features/evidence';
import { registerReferencesView } from './features/references';
import { registerLookup } from './features/lookup';
import { WordCountStatus } from './features/wordCountStatus';
import { registerReferenceListCommands } from './features/referenceListCommands';
import { previewCitations } from './features/previewCitations';
import { CustomStyles } from './workspace/cslStyles';
import { registerChecklistView } from './features/checklistView';
import { pickAndInsertCitations, type ScriptedCitationPick } from './features/citationPicker';
import type { ExtraSources } from './features/citationSources';
import { ManuscriptTracker } from './workspace/manuscripts';
import { VexasHoverProvider } from './features/hover';
import { CitationInserter, type InsertOptions } from './features/insertCitation';
import { citationStyle, useCustomStyles } from './workspace/settings';
import { registerMarkdownFlavourSnippets } from './features/snippets';
import { registerTermSuggestWhileTyping } from './features/termSuggest';
import { Bibliographies } from './workspace/bibliographies';
import { CitationCommands } from './workspace/citationCommands';
import { bundledKnowledge } from './workspace/bundledKnowledge';

/** What `activate` returns: used by the integration tests, and by other extensions that build on this one. */
export interface VexasExtensionApi {
  readonly version: string;
  /** Where this copy runs: VS Code's Node extension host ('desktop') or a browser's web worker ('web'). */
  readonly host: 'desktop' | 'web';
  /** The bundled knowledge base (loaded at first call). */
  knowledge(): Promise<KnowledgeBase>;
  readonly bibliographies: Bibliographies;
  /** Recomputes a document's diagnostics now. */
  updateDiagnostics(document: vscode.TextDocument): Promise<void>;
  /** Called by VS Code's Markdown preview (`markdown.markdownItPlugins`): citations rendered in the preview. */
  extendMarkdownIt(md: unknown): unknown;
}

/** Status reported by the `vexas.showStatus` command (also returned, so tests and scripts can read it). */
export interface VexasStatus {
  version: string;
  vscodeVersion: string;
  languages: readonly string[];
}

/** Document selector for every language the extension serves, on disk or unsaved. */
export const SERVED_DOCUMENTS: vscode.DocumentSelector = SERVED_LANGUAGE_IDS.map(language => ({ language }));
const BIBTEX_DOCUMENTS: vscode.DocumentSelector = [{ language: 'bibtex' }, { pattern: '**/*.bib' }];

// Activation registers providers and commands only; data and indexes load at first use.
export function activateShared(context: vscode.ExtensionContext, host: HostCapabilities): {
  api: VexasExtensionApi; bibliographies: Bibliographies; inserter: CitationInserter; extraSources: ExtraSources;
} {
  const extraSources: ExtraSources = {};
  setHostCapabilities(host);
  void vscode.commands.executeCommand('setContext', 'vexas.zoteroAvailable', host.zotero);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const kb = bundledKnowledge(context.extensionUri);
  const knowledge = () => kb.get();
  const commands = new CitationCommands();
  const analyses = new DocumentAnalyses(d => commands.known(d));
  const bibliographies = new Bibliographies(knowledge);
  const inserter = new CitationInserter(bibliographies);
  const diagnostics = new VexasDiagnostics(analyses, bibliographies, knowledge, commands);
  const bundledLibraryUri = vscode.Uri.joinPath(context.extensionUri, 'data', 'references.bib');

  context.subscriptions.push(
    commands, analyses, bibliographies, diagnostics,
    // A root file that defines citation commands changes what its chapters cite: check them again.
    commands.onDidChange(() => { for (const d of vscode.workspace.textDocuments) void diagnostics.update(d).catch(() => undefined); }),
    vscode.languages.registerHoverProvider(SERVED_DOCUMENTS, new VexasHoverProvider(analyses, bibliographies, knowledge)),
    vscode.languages.registerCompletionItemProvider(SERVED_DOCUMENTS,
      new VexasCompletionProvider(analyses, bibliographies, knowledge, commands, extraSources), '@', '{', ',', ';', '['),
    vscode.languages.registerDefinitionProvider(SERVED_DOCUMENTS, new CitationDefinitionProvider(analyses, bibliographies, bundledLibraryUri)),
    vscode.languages.registerReferenceProvider([...(SERVED_DOCUMENTS as vscode.DocumentFilter[]), ...(BIBTEX_DOCUMENTS as vscode.DocumentFilter[])],
      new CitationReferenceProvider(analyses)),
    vscode.languages.registerCodeActionsProvider([...(SERVED_DOCUMENTS as vscode.DocumentFilter[]), ...(BIBTEX_DOCUMENTS as vscode.DocumentFilter[])],
      new VexasQuickFixes(bibliographies, knowledge), { providedCodeActionKinds: VexasQuickFixes.kinds }),
    registerMarkdownFlavourSnippets(context.extensionUri),
    registerTermSuggestWhileTyping(analyses, knowledge),
    vscode.commands.registerCommand('vexas.insertCitation', (scripted?: ScriptedCitationPick) =>
      pickAndInsertCitations(inserter, bibliographies, vscode.window.activeTextEditor, extraSources.extra, scripted)),
    vscode.commands.registerCommand('vexas.insertCitationKeys', async (keys: string[], options?: InsertOptions) => {
      const editor = vscode.window.activeTextEditor;
      return editor ? inserter.insert(editor, keys, options) : false;
    }),
    vscode.commands.registerCommand(COMPLETE_FROM_LIBRARY, async (uri: vscode.Uri | string, start: number, end: number, key: string, options?: InsertOptions) => {
      const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
      return inserter.completeFromLibrary(document, start, end, key, options);
    }),
    vscode.commands.registerCommand(COMPLETE_FROM_SOURCE, async (uri: vscode.Uri | string, start: number, end: number, rowId: string, options?: InsertOptions) => {
      const source = extraSources.extra;
      const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
      const syntax = syntaxForLanguageId(document.languageId);
      if (!source || !syntax || typeof rowId !== 'string') return false;
      // The offsets are the list's: if the text moved while Zotero was asked for the key, they no longer hold.
      const version = document.version;
      const { cite, added } = await source.citationsFor(document, syntax, [{ id: rowId, label: '' }]);
      if (cite.length !== 1 || document.version !== version) {
        void vscode.window.showWarningMessage(cite.length !== 1
          ? `That ${source.name} work is no longer at hand; type its key again to have it offered.`
          : `The manuscript changed while ${source.name} was asked; nothing was inserted. Choose the work again.`);
        return false;
      }
      return inserter.completeWith(document, start, end, cite[0], added, options);
    }),
    vscode.commands.registerCommand('vexas.addBundledEntry', async (uri: string, key: string, options?: InsertOptions) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      return inserter.addBundledEntry(document, key, options);
    }),
    vscode.commands.registerCommand('vexas.showStatus', (): VexasStatus => {
      const status: VexasStatus = { version, vscodeVersion: vscode.version, languages: SERVED_LANGUAGE_IDS };
      void vscode.window.showInformationMessage(
        `VEXAS Manuscript Assistant ${version} is active (VS Code ${vscode.version}).`);
      return status;
    }),
  );
  const manuscripts = new ManuscriptTracker();
  context.subscriptions.push(manuscripts);
  registerEvidenceSidebar(context, { knowledge, bibliographies, inserter, manuscripts });
  registerReferencesView(context, { knowledge, bibliographies, inserter, manuscripts });
  registerLookup(context, { bibliographies, inserter, analyses });
  registerChecklistView(context, manuscripts, analyses);
  registerReferenceListCommands(context, analyses, bibliographies);
  const wordCount = new WordCountStatus(analyses);
  context.subscriptions.push(wordCount, vscode.commands.registerCommand('vexas.wordCount', () => wordCount.show()),
    vscode.commands.registerCommand('vexas.wordCount.of', async (uri?: string) => {
      const document = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : vscode.window.activeTextEditor?.document;
      return document && wordCount.count(document);
    }));
  warmUpWhenWriting(context, knowledge);
  const styles = new CustomStyles();
  useCustomStyles(uri => styles.styleFor(uri));
  context.subscriptions.push(styles, vscode.commands.registerCommand('vexas.citationStyle.refresh', async (uri?: string) => {
    const document = uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : vscode.window.activeTextEditor?.document;
    return document && styles.refresh(document);
  }));
  const preview = previewCitations(bibliographies);
  const api: VexasExtensionApi = { version, host: host.kind, knowledge, bibliographies, updateDiagnostics: d => diagnostics.update(d), extendMarkdownIt: md => preview(md as Parameters<typeof preview>[0]) };
  return { api, bibliographies, inserter, extraSources };
}

/**
 * The first hover formats references with citation-js, whose CSL engine takes a few seconds to start.
 * Once a manuscript is open, load the knowledge base and format one reference in the background, so
 * the author's first hover is instant; activation itself stays light.
 */
function warmUpWhenWriting(context: vscode.ExtensionContext, knowledge: () => Promise<KnowledgeBase>): void {
  let done = false;
  const warm = () => {
    if (done) return;
    done = true;
    setTimeout(() => {
      void knowledge().then(kb => {
        const entry = kb.referenceEntries[0];
        if (entry) formatReference(entry, citationStyle(), 'text');
      }).catch(() => { /* reported when the author uses a feature */ });
    }, 500);
  };
  if (vscode.workspace.textDocuments.some(d => SERVED_LANGUAGE_IDS.includes(d.languageId))) warm();
  else {
    const sub = vscode.workspace.onDidOpenTextDocument(d => { if (SERVED_LANGUAGE_IDS.includes(d.languageId)) { sub.dispose(); warm(); } });
    context.subscriptions.push(sub);
  }
}
