/**
 * What both sidebar views do with a reference: copy it formatted, open its DOI or PubMed page, and
 * find the manuscript editor to insert into.
 */
import * as vscode from 'vscode';
import { formatReference } from '../core/bibliography/format';
import type { BibEntry } from '../core/bibliography/types';
import type { ManuscriptTracker } from '../workspace/manuscripts';
import { citationStyle } from '../workspace/settings';
import { doiUrl, pubmedUrl } from './markdownText';
import { inertText } from '../core/messageText';

/** Copies the entry as the manuscript's citation style formats it; returns the text. */
export async function copyReference(entry: BibEntry, manuscripts: ManuscriptTracker): Promise<string> {
  const text = formatReference(entry, citationStyle(manuscripts.document()), 'text');
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage('VEXAS: reference copied', 3000);
  return text;
}

/** Opens the entry's DOI or PubMed page (asks which when it has both); returns the URL opened. */
export async function openSource(entry: BibEntry): Promise<string | undefined> {
  const links = [
    entry.fields.doi ? { label: `DOI ${entry.fields.doi}`, url: doiUrl(entry.fields.doi) } : undefined,
    entry.fields.pmid ? { label: `PubMed ${entry.fields.pmid}`, url: pubmedUrl(entry.fields.pmid) } : undefined,
  ].filter((l): l is { label: string; url: string } => !!l);
  if (links.length === 0) {
    void vscode.window.showInformationMessage(`${inertText(entry.key)} has no DOI or PMID in its bibliography entry.`);
    return undefined;
  }
  const link = links.length === 1 ? links[0] : await vscode.window.showQuickPick(links, { title: `Open ${entry.key}` });
  if (!link) return undefined;
  await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
  return link.url;
}

/** The manuscript editor the sidebar inserts into, or a message saying one is needed. */
export async function manuscriptEditor(manuscripts: ManuscriptTracker): Promise<vscode.TextEditor | undefined> {
  const editor = await manuscripts.editor();
  if (!editor) void vscode.window.showInformationMessage('Open a Markdown or LaTeX manuscript, place the cursor, then insert from the VEXAS sidebar.');
  return editor;
}
