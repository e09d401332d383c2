/**
 * Zotero commands: cite from the library, from a cited key back to its Zotero item and PDF, and
 * the freshness of the manuscript's Better BibTeX auto-exports.
 */
import * as vscode from 'vscode';
import type { BibEntry } from '../../core/bibliography/types';
import { syntaxForLanguageId } from '../../core/languages';
import type { Bibliographies } from '../../workspace/bibliographies';
import { ZoteroAccess } from '../../workspace/zoteroAccess';
import type { ExtraCitationSource } from '../citationSources';
import type { CitationInserter, InsertOptions } from '../insertCitation';
import { AutoExportStatus, CHECK_AUTO_EXPORTS, CHOOSE_AUTO_EXPORTS } from './autoExportStatus';
import { citeFromZotero, openPdf, type ScriptedPick } from './citeFromZotero';
import { zoteroPickerSource } from './zoteroPickerSource';
import { inertText } from '../../core/messageText';

/** Registers the Zotero commands and views; returns Zotero as a source for the Insert Citation picker. */
export function registerZotero(context: vscode.ExtensionContext, deps: { bibliographies: Bibliographies; inserter: CitationInserter }): ExtraCitationSource {
  const zotero = new ZoteroAccess();
  const citeDeps = { ...deps, zotero };

  /** The Zotero item of a bibliography entry: by DOI, else by title and year (one match only). */
  const findItem = async (entry: BibEntry) => {
    const client = zotero.client();
    const title = entry.field('title') ?? '';
    const year = entry.field('year') ?? '';
    const doi = entry.field('doi')?.toLowerCase();
    const found = await client.search(`${title.split(/\s+/).slice(0, 8).join(' ')} ${year}`.trim(), 20);
    if (!found.ok) {
      void vscode.window.showWarningMessage(zotero.explain(found.failure.message, found.failure.kind === 'offline'));
      return undefined;
    }
    const matches = found.value.filter(i => (doi && i.doi?.toLowerCase() === doi) || i.title.toLowerCase() === title.toLowerCase());
    if (matches.length !== 1) {
      void vscode.window.showInformationMessage(matches.length === 0 ? `${inertText(entry.key)} was not found in your Zotero library (searched by title and year).` : `${inertText(entry.key)} matches ${matches.length} Zotero items; search for it in Zotero.`);
      return undefined;
    }
    return { client, item: matches[0] };
  };
  const entryFor = async (key: unknown): Promise<BibEntry | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (typeof key !== 'string' || !editor) return undefined;
    const syntax = syntaxForLanguageId(editor.document.languageId);
    return syntax ? (await deps.bibliographies.forDocument(editor.document, syntax)).lookup(key)?.entry : undefined;
  };

  const autoExports = new AutoExportStatus(deps.bibliographies, zotero);
  context.subscriptions.push(
    autoExports,
    vscode.commands.registerCommand(CHECK_AUTO_EXPORTS, () => autoExports.check()),
    vscode.commands.registerCommand(CHOOSE_AUTO_EXPORTS, (uris?: unknown) => autoExports.choose(Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string') : undefined)),
    // Not in the palette: what the status shows once the checks under way have run (tests, scripts).
    vscode.commands.registerCommand('vexas.zotero.autoExportState', () => autoExports.settled()),
    vscode.commands.registerCommand('vexas.zotero.cite', (scripted?: ScriptedPick, options?: InsertOptions) => citeFromZotero(citeDeps, scripted, options)),
    vscode.commands.registerCommand('vexas.zotero.show', async (key?: unknown) => {
      if (!zotero.allowed()) return undefined;
      const entry = await entryFor(key);
      const found = entry && await findItem(entry);
      if (!found) return undefined;
      const uri = `zotero://select/library/items/${found.item.key}`;
      await vscode.env.openExternal(vscode.Uri.parse(uri));
      return uri;
    }),
    vscode.commands.registerCommand('vexas.zotero.openPdf', async (key?: unknown) => {
      if (!zotero.allowed()) return undefined;
      const entry = await entryFor(key);
      const found = entry && await findItem(entry);
      return found ? openPdf(found.client, found.item.key) : undefined;
    }),
  );
  return zoteroPickerSource(deps.bibliographies, zotero);
}
