import * as vscode from 'vscode';

/** Typed access to the `vexas.*` settings (read on use, so changes apply at once). */
export type CitationStyle = 'vancouver' | 'ama' | 'apa' | 'harvard';

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('vexas', scope);
}

export const citationStyle = (scope?: vscode.ConfigurationScope): CitationStyle =>
  config(scope).get<CitationStyle>('citationStyle', 'vancouver');
export const bibliographyGlobs = (scope?: vscode.ConfigurationScope): string[] =>
  config(scope).get<string[]>('bibliography.files', []);
export const useBundledLibrary = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('bibliography.useBundledLibrary', true);
export const latexCiteCommand = (scope?: vscode.ConfigurationScope): string =>
  config(scope).get<string>('latex.citeCommand', 'cite').replace(/^\\/, '') || 'cite';
export const extraCiteCommands = (scope?: vscode.ConfigurationScope): string[] =>
  config(scope).get<string[]>('latex.extraCiteCommands', []).map(c => c.replace(/^\\/, '')).filter(c => /^[A-Za-z]+$/.test(c));
export const hoverTerms = (scope?: vscode.ConfigurationScope): boolean => config(scope).get<boolean>('hover.terms', true);
export const completeTerms = (scope?: vscode.ConfigurationScope): boolean => config(scope).get<boolean>('completion.terms', true);
export const diagnoseMissingCitations = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.missingCitations', true);
export const diagnoseBibliographies = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.bibliographyProblems', true);
export const diagnoseNomenclature = (scope?: vscode.ConfigurationScope): boolean =>
  config(scope).get<boolean>('diagnostics.nomenclature', true);
