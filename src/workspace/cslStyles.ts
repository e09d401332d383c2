/**
 * The author's own CSL style: `csl:` in a Markdown manuscript's front matter (as pandoc reads it),
 * else the setting `vexas.citationStyleFile`. Read, checked and registered once per file version,
 * then used synchronously wherever a reference is formatted (hovers, the preview, the reference list,
 * copied references). A style that cannot be used gets one message, and the previous style stays.
 */
import * as vscode from 'vscode';
import { resolvePath } from './paths';
import { registerCslStyle, type ReferenceStyle } from '../core/bibliography/format';
import { syntaxForLanguageId, type CitationSyntax } from '../core/languages';
import { parseFrontMatter } from '../core/manuscript/frontMatter';
import { yamlMappingValue } from '../core/manuscript/yamlSubset';
import { mayRead } from './access';
import { readText } from './textFiles';
import { inertText } from '../core/messageText';

export class CustomStyles implements vscode.Disposable {
  private readonly byDocument = new Map<string, { path: string; style: ReferenceStyle }>();
  /** File + version → registered style or the reason it failed (a file is read and checked once per version). */
  private readonly registered = new Map<string, ReferenceStyle | string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The style file each document named when last resolved. */
  private readonly named = new Map<string, string | undefined>();

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(d => this.schedule(d, 0)),
      // Typing reads the style again only when the manuscript names another one (its file's edits come by save).
      vscode.workspace.onDidChangeTextDocument(e => { if (this.namesAnotherStyle(e.document)) this.schedule(e.document, 500); }),
      vscode.workspace.onDidSaveTextDocument(d => { if (/\.csl$/i.test(d.uri.path)) this.refreshAll(); }),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('vexas.citationStyleFile')) this.refreshAll(); }),
      vscode.workspace.onDidCloseTextDocument(d => { this.byDocument.delete(d.uri.toString()); this.named.delete(d.uri.toString()); }),
    );
    this.refreshAll();
  }

  /** The document's own style, when it names one that could be used. */
  styleFor(document: vscode.Uri): ReferenceStyle | undefined {
    return this.byDocument.get(document.toString())?.style;
  }

  /** Resolves and registers the document's style now (tests and first use await this). */
  async refresh(document: vscode.TextDocument): Promise<ReferenceStyle | undefined> {
    const syntax = syntaxForLanguageId(document.languageId);
    if (!syntax) return undefined;
    const target = this.target(document, syntax);
    const key = document.uri.toString();
    this.named.set(key, target?.toString());
    if (!target) {
      this.byDocument.delete(key);
      return undefined;
    }
    if (!mayRead(target)) {
      this.warnOnce(`untrusted:${target}`, `This workspace is not trusted: VEXAS reads only inside its folders, so the citation style ${target.fsPath || target.toString()} was not read.`);
      return this.styleFor(document.uri);
    }
    let text: string;
    let version: string;
    try {
      ({ text, version } = await readText(target));
    } catch (e) {
      this.warnOnce(`missing:${target}`, `The citation style ${vscode.workspace.asRelativePath(target)} cannot be read (${e instanceof Error ? e.message : String(e)}); ${this.keeping(document)}.`);
      return this.styleFor(document.uri);
    }
    const id = `${target}|${version}`;
    let result = this.registered.get(id);
    if (result === undefined) {
      const registered = registerCslStyle(text);
      result = registered.ok ? registered.name : registered.message;
      this.registered.set(id, result);
    }
    if (!result.startsWith('csl:')) {
      this.warnOnce(id, `${vscode.workspace.asRelativePath(target)} is not a CSL style VEXAS can use: ${result}. ${this.keeping(document)[0].toUpperCase()}${this.keeping(document).slice(1)}.`);
      return this.styleFor(document.uri);
    }
    this.byDocument.set(key, { path: target.toString(), style: result as ReferenceStyle });
    return result as ReferenceStyle;
  }

  private keeping(document: vscode.TextDocument): string {
    return this.styleFor(document.uri) ? 'the style used until now stays' : 'references stay in the vexas.citationStyle style';
  }

  /** `csl:` of a Markdown manuscript's front matter, else the setting; relative to the document (front matter) or the workspace folder (setting). */
  private target(document: vscode.TextDocument, syntax: CitationSyntax): vscode.Uri | undefined {
    if (syntax === 'markdown') {
      const csl = yamlMappingValue(parseFrontMatter(document.getText()), 'csl');
      if (csl?.kind === 'scalar' && csl.value.trim()) return resolvePath(vscode.Uri.joinPath(document.uri, '..'), csl.value.trim());
    }
    const setting = vscode.workspace.getConfiguration('vexas', document).get<string>('citationStyleFile', '').trim();
    if (!setting) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri ?? vscode.Uri.joinPath(document.uri, '..');
    return resolvePath(folder, setting);
  }

  private warnOnce(id: string, message: string): void {
    if (this.registered.get(`warned:${id}`) !== undefined) return;
    this.registered.set(`warned:${id}`, 'warned');
    // File names and citeproc's words are in it: no links or icons of theirs.
    void vscode.window.showWarningMessage(inertText(message));
  }

  private namesAnotherStyle(document: vscode.TextDocument): boolean {
    const syntax = syntaxForLanguageId(document.languageId);
    return !!syntax && this.target(document, syntax)?.toString() !== this.named.get(document.uri.toString());
  }

  private schedule(document: vscode.TextDocument, ms: number): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => { this.pending.delete(key); void this.refresh(document); }, ms));
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

