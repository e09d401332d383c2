/**
 * The document languages the extension serves, and the citation syntax each one uses.
 * VS Code language ids come from different extensions (Quarto: `quarto`, R Markdown: `rmd`,
 * LaTeX Workshop: `latex`; plain TeX files: `tex`), so one table maps them all.
 */
export type CitationSyntax = 'markdown' | 'latex';

const SYNTAX_BY_LANGUAGE_ID: Readonly<Record<string, CitationSyntax>> = {
  markdown: 'markdown',
  quarto: 'markdown',
  rmd: 'markdown',
  rmarkdown: 'markdown',
  pandoc: 'markdown',
  latex: 'latex',
  tex: 'latex',
  'latex-expl3': 'latex',
};

/** Language ids whose documents the extension's providers attach to. */
export const SERVED_LANGUAGE_IDS: readonly string[] = Object.keys(SYNTAX_BY_LANGUAGE_ID);

/** The citation syntax of a VS Code language id, or undefined for a language the extension does not serve. */
export function syntaxForLanguageId(languageId: string): CitationSyntax | undefined {
  return Object.prototype.hasOwnProperty.call(SYNTAX_BY_LANGUAGE_ID, languageId)
    ? SYNTAX_BY_LANGUAGE_ID[languageId]
    : undefined;
}
