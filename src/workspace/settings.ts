import * as vscode from 'vscode';
import type { ReferenceStyle } from '../core/bibliography/format';
import { inertText } from '../core/messageText';

/** Typed access to the `vexas.*` settings (read on use, so changes apply at once). */
export type CitationStyle = 'vancouver' | 'ama' | 'apa' | 'harvard';

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('vexas', scope);
}

/** The document's own CSL style (`csl:` or vexas.citationStyleFile), when one is in force (see cslStyles.ts). */
let customStyle: ((document: vscode.Uri) => ReferenceStyle | undefined) | undefined;
export function useCustomStyles(resolver: (document: vscode.Uri) => ReferenceStyle | undefined): void {
  customStyle = resolver;
}

/** The style references are formatted in: the document's own CSL style, else vexas.citationStyle. */
export const citationStyle = (scope?: vscode.ConfigurationScope): ReferenceStyle => {
  const uri = scope instanceof vscode.Uri ? scope : scope && 'uri' in scope && scope.uri instanceof vscode.Uri ? scope.uri : undefined;
  return (uri && customStyle?.(uri)) ?? config(scope).get<CitationStyle>('citationStyle', 'vancouver');
};
export const bibliographyGlobs = (scope?: vscode.ConfigurationScope): string[] =>
  config(scope).get<string[]>('bibliography.files', []);
export const useBundledLibrary = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('bibliography.useBundledLibrary', true);
const warnedCommands = new Set<string>();

/**
 * The LaTeX command Insert Citation writes. The setting can come from a workspace's settings.json:
 * anything but a command name (`cite`, `parencite*`) is ignored, with one warning, and `cite` used.
 */
export const latexCiteCommand = (scope?: vscode.ConfigurationScope): string => {
  const raw = config(scope).get<string>('latex.citeCommand', 'cite').trim().replace(/^\\/, '');
  if (/^[A-Za-z]+\*?$/.test(raw)) return raw;
  if (raw !== '' && !warnedCommands.has(raw)) {
    warnedCommands.add(raw);
    void vscode.window.showWarningMessage(`The setting vexas.latex.citeCommand ("${inertText(raw.slice(0, 40))}") is not a LaTeX command name such as cite or parencite; \\cite is used instead.`);
  }
  return 'cite';
};
export const extraCiteCommands = (scope?: vscode.ConfigurationScope): string[] =>
  config(scope).get<string[]>('latex.extraCiteCommands', []).map(c => c.replace(/^\\/, '')).filter(c => /^[A-Za-z]+$/.test(c));
/** Largest bibliography file read, in bytes (`vexas.bibliography.maxFileSizeMB`, default 256 MB). */
export const maxBibliographyBytes = (scope?: vscode.ConfigurationScope): number => {
  const mb = config(scope).get<number>('bibliography.maxFileSizeMB', 256);
  return (Number.isFinite(mb) && mb > 0 ? mb : 256) * 1e6;
};
export const hoverTerms = (scope?: vscode.ConfigurationScope): boolean => config(scope).get<boolean>('hover.terms', true);
export const completeTerms = (scope?: vscode.ConfigurationScope): boolean => config(scope).get<boolean>('completion.terms', true);
export const termsWhileTyping = (scope?: vscode.ConfigurationScope): boolean =>
  completeTerms(scope) && config(scope).get<boolean>('completion.termsWhileTyping', true);
export const diagnoseMissingCitations = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.missingCitations', true);
export const diagnoseBibliographies = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.bibliographyProblems', true);
export const diagnoseNomenclature = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.nomenclature', true);
