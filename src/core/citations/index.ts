/**
 * Citation scanning for pandoc Markdown (Quarto, R Markdown) and LaTeX: every cited key with its
 * exact offsets, in document order. Runs on every keystroke: one masking pass
 * (`findNonProseRegions`) plus one pass over the candidate characters.
 */
import type { CitationSyntax } from '../languages';
import { findNonProseRegions } from '../manuscript/nonProseRegions';
import { findLatexCitations } from './latexCitations';
import { findMarkdownCitations } from './markdownCitations';
import type { Citation, CitationScanOptions } from './types';

export type { Citation, CitationKind, CitationScanOptions, TextRange } from './types';
export { citationContextAt } from './context';
export type { CitationContext } from './context';
export { planCitationInsertion } from './insert';
export type { CitationInsertionOptions, TextEdit } from './insert';
export { LATEX_CITATION_COMMANDS, LATEX_MULTICITE_COMMANDS } from './latexCitationCommands';
export { formatPandocKey, isCrossReferenceKey, isSimplePandocKey } from './pandocKeys';
export { citationKeyProblem } from './keys';
export { latexCitationAliases } from './latexAliases';
export { citationCommandLookup } from './latexCitationCommands';

/** Every cited key in `text`, in document order. */
export function findCitations(text: string, language: CitationSyntax, options: CitationScanOptions = {}): Citation[] {
  const regions = options.regions ?? findNonProseRegions(text, language);
  return language === 'latex'
    ? findLatexCitations(text, regions, options.latexCommands)
    : findMarkdownCitations(text, regions);
}
