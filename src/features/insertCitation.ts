import * as vscode from 'vscode';
import type { BibEntry } from '../core/bibliography/types';
import { citationKeyProblem, isSimplePandocKey, planCitationInsertion } from '../core/citations';
import { findFrontMatter, parseFrontMatter } from '../core/manuscript/frontMatter';
import { planCslJsonAppend } from '../core/bibliography/cslAppend';
import { toCslItem } from '../core/bibliography/cslFromEntry';
import type { CslItem } from '../core/bibliography/cslJson';
import { syntaxForLanguageId, type CitationSyntax } from '../core/languages';
import type { Bibliographies, DocumentBibliography } from '../workspace/bibliographies';
import { mayWrite } from '../workspace/access';
import { exists } from '../workspace/textFiles';
import { latexCiteCommand } from '../workspace/settings';
import { inertText } from '../core/messageText';

const NEW_BIBLIOGRAPHY = 'references.bib';

/** An entry to write into the manuscript's bibliography: from the VEXAS library, or fetched from a registry. */
export interface NewEntry {
  readonly entry: BibEntry;
  /** The CSL item to write into a CSL-JSON bibliography (else made from `entry`). */
  readonly csl?: CslItem;
  /** Where it comes from, for messages: "the VEXAS library", "doi.org". */
  readonly origin: string;
}

/** Options for scripted use (tests, the evidence view): answers to the questions the command would ask. */
export interface InsertOptions {
  /** The .bib file that receives entries copied from the VEXAS library (else asked when there are several). */
  targetBibliography?: string;
  /** Create and declare references.bib when the document has no bibliography (else asked). */
  createBibliography?: boolean;
}

/**
 * Inserts citations at the cursor in the document's syntax, adding to the citation the cursor is in.
 * Keys found only in the bundled VEXAS library are copied to the manuscript's .bib in the same
 * workspace edit (one undo). Nothing already in either file is rewritten.
 */
export class CitationInserter {
  constructor(private readonly bibliographies: Bibliographies) {}

  /** Inserts citations of `keys` at the editor's cursor (entries only the VEXAS library has are copied). */
  insert(editor: vscode.TextEditor, requested: readonly string[], options: InsertOptions = {}): Promise<boolean> {
    return this.insertWith(editor, requested, [], options);
  }

  /**
   * Inserts text that carries its own citations of `keys` (an evidence sentence or table) in place of
   * the editor's selection, and copies the entries of those keys that only the VEXAS library has into
   * the manuscript's .bib, in the same workspace edit (one undo). The cursor ends after the text.
   */
  async insertTextWithCitations(editor: vscode.TextEditor, text: string, keys: readonly string[], options: InsertOptions = {}): Promise<boolean> {
    const document = editor.document;
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax || text === '') return false;
    const bib = await this.bibliographies.forDocument(document, syntax);
    const edit = new vscode.WorkspaceEdit();
    // File creation first (see insert): the manuscript's edits must all be in the last group.
    const copied = await this.addBundledEntries(edit, document, syntax, bib, keys, options);
    if (copied === undefined) return false;
    const selection = editor.selection;
    const start = document.offsetAt(selection.start);
    edit.replace(document.uri, new vscode.Range(selection.start, selection.end), text);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) {
      // A bibliography declaration may have been inserted before the text: find where the text landed.
      const at = document.getText().indexOf(text, start);
      if (at >= 0) {
        const end = document.positionAt(at + text.length);
        editor.selection = new vscode.Selection(end, end);
      }
    }
    return ok;
  }

  /**
   * Cites a new entry at the cursor and writes it into the manuscript's bibliography (see
   * addBundledEntries for which file), in one workspace edit: one undo removes both.
   */
  insertNew(editor: vscode.TextEditor, added: NewEntry, options: InsertOptions = {}): Promise<boolean> {
    return this.insertWith(editor, [added.entry.key], [added], options);
  }

  /**
   * Cites `keys` at the cursor and writes `added` (new entries among them) into the manuscript's
   * bibliography, in one workspace edit; entries of `keys` only the VEXAS library has are copied too.
   */
  async insertWith(editor: vscode.TextEditor, keys: readonly string[], added: readonly NewEntry[], options: InsertOptions = {}): Promise<boolean> {
    const document = editor.document;
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax) return false;
    const citable = citableKeys(keys, syntax);
    if (citable.length === 0) return false;
    const version = document.version;
    const bib = await this.bibliographies.forDocument(document, syntax);
    const edit = new vscode.WorkspaceEdit();
    const fresh = added.filter(a => citable.includes(a.entry.key) && !bib.definesOwn(a.entry.key));
    const bundled: NewEntry[] = [];
    for (const key of citable) {
      if (fresh.some(a => a.entry.key === key) || bib.definesOwn(key)) continue;
      const found = bib.lookup(key);
      if (found?.source === 'bundled') bundled.push({ entry: found.entry, origin: 'the VEXAS library' });
    }
    const copied = await this.addEntries(edit, document, syntax, bib, [...fresh, ...bundled], options);
    if (copied === undefined || document.version !== version) return false;
    const plan = planCitationInsertion(document.getText(), document.offsetAt(editor.selection.active), syntax, citable,
      { latexCommand: latexCiteCommand(document) });
    if (plan.start !== plan.end || plan.newText !== '') {
      edit.replace(document.uri, new vscode.Range(document.positionAt(plan.start), document.positionAt(plan.end)), plan.newText);
    }
    if (edit.size === 0) return true;
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok && plan.newText) {
      const end = document.positionAt(plan.start + plan.newText.length);
      editor.selection = new vscode.Selection(end, end);
    }
    return ok;
  }

  /**
   * Completion of a key only the VEXAS library has: the typed part of the key (`start`–`end`) becomes
   * the key and the entry joins the manuscript's bibliography, in one workspace edit (one undo).
   */
  completeFromLibrary(document: vscode.TextDocument, start: number, end: number, key: string, options: InsertOptions = {}): Promise<boolean> {
    return this.complete(document, start, end, key, (edit, syntax, bib) => this.addBundledEntries(edit, document, syntax, bib, [key], options));
  }

  /** Completion of a key from another source (Zotero): as completeFromLibrary, with `added` as the entries to write. */
  completeWith(document: vscode.TextDocument, start: number, end: number, key: string, added: readonly NewEntry[], options: InsertOptions = {}): Promise<boolean> {
    return this.complete(document, start, end, key, (edit, syntax, bib) =>
      this.addEntries(edit, document, syntax, bib, added.filter(a => a.entry.key === key && !bib.definesOwn(key)), options));
  }

  private async complete(document: vscode.TextDocument, start: number, end: number, key: string,
    addTo: (edit: vscode.WorkspaceEdit, syntax: CitationSyntax, bib: DocumentBibliography) => Promise<string[] | undefined>): Promise<boolean> {
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax || citationKeyProblem(key, syntax) !== undefined) return false;
    const version = document.version;
    const bib = await this.bibliographies.forDocument(document, syntax);
    const edit = new vscode.WorkspaceEdit();
    // File creation first (see insert): the manuscript's edit must be in the last group.
    const copied = await addTo(edit, syntax, bib);
    if (copied === undefined || document.version !== version) return false;
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    // A pandoc key outside its plain grammar (a Zotero key with a space, say) goes in braces after a bare `@`.
    const written = syntax === 'markdown' && !isSimplePandocKey(key) && document.getText().charAt(start - 1) === '@' ? `{${key}}` : key;
    edit.replace(document.uri, range, written);
    const ok = await vscode.workspace.applyEdit(edit);
    const editor = vscode.window.activeTextEditor;
    if (ok && editor?.document === document) {
      const after = document.positionAt(start + written.length);
      editor.selection = new vscode.Selection(after, after);
    }
    return ok;
  }

  /** Copies a bundled entry into the manuscript's bibliography (the quick fix for a missing key). */
  async addBundledEntry(document: vscode.TextDocument, key: string, options: InsertOptions = {}): Promise<boolean> {
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax) return false;
    const bib = await this.bibliographies.forDocument(document, syntax);
    const edit = new vscode.WorkspaceEdit();
    const copied = await this.addBundledEntries(edit, document, syntax, bib, [key], options);
    return copied !== undefined && (edit.size === 0 || vscode.workspace.applyEdit(edit));
  }

  /**
   * Adds to `edit` the bundled entries among `keys` that the document's own bibliographies lack, to
   * the bibliography the document already declares: an existing .bib (asked when several), else an
   * existing CSL-JSON file (as CSL-JSON items), else the declared file that does not exist yet
   * (created). Only a document that declares nothing gets references.bib created and declared.
   * Returns the keys copied, or undefined when the author cancelled a question or it was refused.
   */
  private async addBundledEntries(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, syntax: CitationSyntax,
    bib: DocumentBibliography, keys: readonly string[], options: InsertOptions): Promise<string[] | undefined> {
    const entries: NewEntry[] = [];
    for (const key of keys) {
      if (bib.definesOwn(key)) continue;
      const found = bib.lookup(key);
      if (found?.source === 'bundled') entries.push({ entry: found.entry, origin: 'the VEXAS library' });
    }
    return this.addEntries(edit, document, syntax, bib, entries, options);
  }

  /** Adds `added` to `edit` by the rules of addBundledEntries (the same for entries from anywhere). */
  private async addEntries(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, syntax: CitationSyntax,
    bib: DocumentBibliography, added: readonly NewEntry[], options: InsertOptions): Promise<string[] | undefined> {
    if (added.length === 0) return [];
    const entries = added.map(a => a.entry);
    const names = entries.map(e => e.key).join(', ');
    const origin = [...new Set(added.map(a => a.origin))].join(' and ');
    const cslOf = (i: number) => added[i].csl ?? cslForBundledEntry(entries[i]);
    const declared = bib.declared.filter(u => mayWrite(u));
    const present: vscode.Uri[] = [];
    for (const uri of declared) if (await exists(uri)) present.push(uri);
    const isBib = (u: vscode.Uri) => /\.bib$/i.test(u.path);
    const isJson = (u: vscode.Uri) => /\.json$/i.test(u.path);
    let target: vscode.Uri | undefined;
    if (options.targetBibliography) target = vscode.Uri.parse(options.targetBibliography);
    else {
      const candidates = present.filter(isBib).length > 0 ? present.filter(isBib) : syntax === 'markdown' ? present.filter(isJson) : [];
      if (candidates.length === 1) target = candidates[0];
      else if (candidates.length > 1) {
        const picked = await vscode.window.showQuickPick(candidates.map(u => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
          { title: `Add ${names} from ${origin} to which bibliography?` });
        if (!picked) return undefined;
        target = picked.uri;
      }
    }
    if (target && !mayWrite(target)) {
      void vscode.window.showWarningMessage(inertText(`This workspace is not trusted: VEXAS writes only inside its folders, so ${names} was not added to ${target.fsPath || target.toString()}.`));
      return undefined;
    }
    if (target && await exists(target)) {
      const bibDoc = await vscode.workspace.openTextDocument(target);
      const current = bibDoc.getText();
      if (isJson(target)) {
        const plan = planCslJsonAppend(current, entries.map((_, i) => cslOf(i)));
        if (!plan) {
          void vscode.window.showWarningMessage(inertText(`${vscode.workspace.asRelativePath(target)} is not a CSL-JSON array VEXAS can add to (it should start with '[' and end with ']'); ${names} was not added.`));
          return undefined;
        }
        edit.insert(target, bibDoc.positionAt(plan.offset), plan.text);
        return entries.map(e => e.key);
      }
      const separator = current.length === 0 ? '' : current.endsWith('\n\n') ? '' : current.endsWith('\n') ? '\n' : '\n\n';
      edit.insert(target, bibDoc.positionAt(current.length), separator + entries.map(bibtexForEntry).join('\n'));
      return entries.map(e => e.key);
    }
    // A declared file that does not exist yet is created, as declared: no second declaration.
    const missing = target ?? declared.find(isBib) ?? (syntax === 'markdown' ? declared.find(isJson) : undefined);
    if (missing) {
      const contents = isJson(missing) ? `[\n${entries.map((_, i) => indentJson(cslOf(i))).join(',\n')}\n]\n` : entries.map(bibtexForEntry).join('\n');
      edit.createFile(missing, { ignoreIfExists: true, contents: new TextEncoder().encode(contents) });
      return entries.map(e => e.key);
    }
    if (bib.declared.length > 0) {
      // Declared, but outside an untrusted workspace: never write there, and never declare another file.
      void vscode.window.showWarningMessage(inertText(`This workspace is not trusted: VEXAS writes only inside its folders, so ${names} was not added to the declared bibliography.`));
      return undefined;
    }
    // No bibliography yet: create references.bib beside the manuscript and declare it.
    const uri = vscode.Uri.joinPath(document.uri, '..', NEW_BIBLIOGRAPHY);
    if (!mayWrite(uri)) {
      void vscode.window.showWarningMessage(inertText(`This workspace is not trusted: VEXAS writes only inside its folders, so ${NEW_BIBLIOGRAPHY} was not created.`));
      return undefined;
    }
    const create = options.createBibliography ?? (await vscode.window.showInformationMessage(
      `This document declares no bibliography. Create ${NEW_BIBLIOGRAPHY} with ${names} and declare it?`,
      { modal: true }, 'Create')) === 'Create';
    if (!create) return undefined;
    const text = entries.map(bibtexForEntry).join('\n');
    if (await exists(uri)) {
      const bibDoc = await vscode.workspace.openTextDocument(uri);
      edit.insert(uri, bibDoc.positionAt(bibDoc.getText().length), `\n${text}`);
    } else {
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    }
    const declaration = declareBibliography(document, syntax);
    edit.replace(document.uri, declaration.range, declaration.text);
    return entries.map(e => e.key);
  }
}

/** The keys that can be cited in `syntax`; the others are named in one warning, with the reason. */
function citableKeys(keys: readonly string[], syntax: CitationSyntax): string[] {
  const refused = keys.map(k => ({ key: k, why: citationKeyProblem(k, syntax) })).filter(r => r.why !== undefined);
  if (refused.length > 0) {
    void vscode.window.showWarningMessage(refused.map(r => `The key "${inertText(r.key.slice(0, 80))}" cannot be cited: ${r.why}.`).join(' ') +
      ' Rename it in its bibliography.');
  }
  return keys.filter(k => citationKeyProblem(k, syntax) === undefined);
}

/** Standard fields copied from the VEXAS library: our curation notes (`verified`, `keywords`) never leave it. */
const COPIED_FIELDS = new Set(['author', 'editor', 'title', 'journal', 'journaltitle', 'booktitle', 'year', 'date', 'month',
  'volume', 'number', 'issue', 'pages', 'eid', 'publisher', 'address', 'location', 'edition', 'series', 'doi', 'pmid',
  'pmcid', 'url', 'urldate', 'isbn', 'issn', 'language', 'type', 'institution', 'school', 'organization', 'note']);

/** A bundled entry as a CSL-JSON item (for a CSL-JSON bibliography), standard variables only. */
function cslForBundledEntry(entry: BibEntry): CslItem {
  return toCslItem(entry);
}

function indentJson(item: CslItem): string {
  return JSON.stringify(item, null, 2).split('\n').map(l => `  ${l}`).join('\n');
}

/** BibTeX for a bundled entry, its standard fields as written (see COPIED_FIELDS). */
export function bibtexForEntry(entry: BibEntry): string {
  const fields = Object.entries(entry.rawFields).filter(([name]) => COPIED_FIELDS.has(name));
  const width = Math.max(0, ...fields.map(([name]) => name.length));
  return `@${entry.type}{${entry.key},\n${fields.map(([name, raw]) => `  ${name.padEnd(width)} = ${raw}`).join(',\n')}\n}\n`;
}

/**
 * Where and how to declare references.bib in a document that declares no bibliography. An empty
 * `bibliography:` already in the front matter gets the value (a second key would make pandoc drop
 * the first and Quarto refuse the document).
 */
function declareBibliography(document: vscode.TextDocument, syntax: CitationSyntax): { range: vscode.Range; text: string } {
  const text = document.getText();
  const at = (offset: number) => new vscode.Range(document.positionAt(offset), document.positionAt(offset));
  if (syntax === 'markdown') {
    const fm = findFrontMatter(text);
    if (!fm) return { range: at(0), text: `---\nbibliography: ${NEW_BIBLIOGRAPHY}\n---\n\n` };
    const entry = frontMatterEntry(text, 'bibliography');
    if (entry) {
      const lineEnd = text.indexOf('\n', entry.keyEnd);
      const valueEnd = Math.max(entry.valueEnd, lineEnd < 0 ? text.length : lineEnd);
      const end = text.charCodeAt(valueEnd - 1) === 0x0d ? valueEnd - 1 : valueEnd;
      return { range: new vscode.Range(document.positionAt(entry.keyEnd), document.positionAt(end)), text: `: ${NEW_BIBLIOGRAPHY}` };
    }
    return { range: at(fm.contentEnd), text: `bibliography: ${NEW_BIBLIOGRAPHY}\n` };
  }
  const biblatex = /\\usepackage\s*(\[[^\]]*\])?\s*\{[^}]*\bbiblatex\b[^}]*\}[^\n]*\n?/.exec(text);
  if (biblatex) return { range: at(biblatex.index + biblatex[0].length), text: `\\addbibresource{${NEW_BIBLIOGRAPHY}}\n` };
  const end = text.search(/\\end\s*\{document\}/);
  if (end >= 0) return { range: at(end), text: `\\bibliography{${NEW_BIBLIOGRAPHY.replace(/\.bib$/, '')}}\n` };
  return { range: at(text.length), text: `\n\\bibliography{${NEW_BIBLIOGRAPHY.replace(/\.bib$/, '')}}\n` };
}

/** The front matter's `key:` entry (key end, and the end of its value if any). */
function frontMatterEntry(text: string, key: string): { keyEnd: number; valueEnd: number } | undefined {
  const node = parseFrontMatter(text);
  if (node?.kind !== 'mapping') return undefined;
  const e = node.entries.find(x => x.key === key);
  return e ? { keyEnd: e.keyEnd, valueEnd: e.value ? e.value.end : e.keyEnd + 1 } : undefined;
}

