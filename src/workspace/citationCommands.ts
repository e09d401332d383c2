import * as vscode from 'vscode';
import { citationCommandLookup, latexCitationAliases } from '../core/citations';
import { syntaxForLanguageId } from '../core/languages';
import { texRoot } from '../core/manuscript';
import { extraCiteCommands } from './settings';
import { mayRead } from './access';
import { readText } from './textFiles';

/**
 * The LaTeX citation commands in force for a document: `vexas.latex.extraCiteCommands`, and the
 * aliases the document and its root file (`% !TEX root`) define (`\newcommand\mycite{\citet}`…).
 * Root files are read asynchronously; `known` answers at once with what has been read, and
 * `onDidChange` fires when a root file adds commands, so analyses can be redone.
 */
export class CitationCommands implements vscode.Disposable {
  private readonly own = new Map<string, { version: number; aliases: string[] }>();
  private readonly roots = new Map<string, { version: string; aliases: string[] }>();
  /** Document → its root file (`% !TEX root`), as last read. */
  private readonly rootOf = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  dispose(): void {
    this.changed.dispose();
  }

  /** The commands known now (without waiting for a root file not read yet). */
  known(document: vscode.TextDocument): string[] {
    if (syntaxForLanguageId(document.languageId) !== 'latex') return extraCiteCommands(document);
    const root = this.rootOf.get(document.uri.toString());
    const rootAliases = root ? this.roots.get(root)?.aliases ?? [] : [];
    return unique([...extraCiteCommands(document), ...this.ownAliases(document), ...rootAliases]);
  }

  /** The commands in force, the root file read (or re-read when it changed) first. */
  async forDocument(document: vscode.TextDocument): Promise<string[]> {
    if (syntaxForLanguageId(document.languageId) === 'latex') await this.readRoot(document);
    return this.known(document);
  }

  private ownAliases(document: vscode.TextDocument): string[] {
    const key = document.uri.toString();
    const hit = this.own.get(key);
    if (hit && hit.version === document.version) return hit.aliases;
    const aliases = aliasesIn(document.getText(), extraCiteCommands(document));
    this.own.set(key, { version: document.version, aliases });
    return aliases;
  }

  private async readRoot(document: vscode.TextDocument): Promise<void> {
    const rootPath = texRoot(document.getText());
    const key = document.uri.toString();
    if (!rootPath) {
      this.rootOf.delete(key);
      return;
    }
    const rootUri = vscode.Uri.joinPath(document.uri, '..', rootPath.endsWith('.tex') ? rootPath : `${rootPath}.tex`);
    if (!mayRead(rootUri)) return;
    try {
      const { text, version } = await readText(rootUri);
      const cached = this.roots.get(rootUri.toString());
      this.rootOf.set(key, rootUri.toString());
      if (cached?.version === version) return;
      const aliases = aliasesIn(text, extraCiteCommands(document));
      this.roots.set(rootUri.toString(), { version, aliases });
      if (aliases.join(',') !== (cached?.aliases ?? []).join(',')) this.changed.fire();
    } catch {
      // An unreadable root file is reported where bibliographies are read; no aliases from it.
    }
  }
}

function aliasesIn(text: string, extra: readonly string[]): string[] {
  const lookup = citationCommandLookup(extra);
  return latexCitationAliases(text, name => lookup(name) !== undefined);
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
