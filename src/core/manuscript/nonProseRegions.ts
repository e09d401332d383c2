/**
 * The one masking pass: where a document is NOT ordinary text (code, math, comments, metadata,
 * verbatim, URLs). The citation scanner and the prose ranges both build on it, so the rules for
 * "what is code" live here only. Each consumer picks the kinds it ignores: a LaTeX `\cite` inside
 * math still cites, but math is never prose.
 */
import type { CitationSyntax } from '../languages';
import { findLatexNonProse } from './latexNonProse';
import { findMarkdownNonProse } from './markdownNonProse';
import type { NonProseRegion } from './nonProseTypes';

export type { NonProseKind, NonProseRegion } from './nonProseTypes';

/** Sorted, non-overlapping regions of `text` that are not prose. One linear pass. */
export function findNonProseRegions(text: string, language: CitationSyntax): NonProseRegion[] {
  return language === 'latex' ? findLatexNonProse(text) : findMarkdownNonProse(text);
}
