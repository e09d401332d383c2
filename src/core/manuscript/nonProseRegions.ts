/**
 * The one masking pass: where a document is NOT ordinary text (code, math, comments, metadata,
 * verbatim, URLs). The citation scanner and the prose ranges both build on it, so the rules for
 * "what is code" live here only. Each consumer picks the kinds it ignores: a LaTeX `\cite` inside
 * math still cites, but math is never prose.
 */
import type { CitationSyntax } from '../languages';
import { findLatexNonProse } from './latexNonProse';
import { findMarkdownNonProse } from './markdownNonProse';
import type { TextRange } from './textScan';

export type NonProseKind =
  /** Markdown YAML front matter. */
  | 'front-matter'
  /** Fenced (``` / ~~~) or indented code block. */
  | 'code-block'
  /** Inline code span, any number of backticks. */
  | 'code-span'
  /** `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, and LaTeX math environments. */
  | 'math'
  | 'html-comment'
  /** A raw HTML tag such as `<span class="x">`. */
  | 'html-tag'
  /** `<https://…>` or `<name@host>`. */
  | 'autolink'
  /** The `(url "title")` of an inline link. */
  | 'link-destination'
  /** A reference link definition line, `[id]: url`. */
  | 'link-definition'
  /** LaTeX `%` comment, to the end of its line. */
  | 'comment'
  /** LaTeX verbatim environments and inline verbatim (`\verb`, `\lstinline`, …). */
  | 'verbatim'
  /** LaTeX `\url{…}` and the URL of `\href{…}`. */
  | 'url';

export interface NonProseRegion extends TextRange {
  kind: NonProseKind;
}

/** Sorted, non-overlapping regions of `text` that are not prose. One linear pass. */
export function findNonProseRegions(text: string, language: CitationSyntax): NonProseRegion[] {
  return language === 'latex' ? findLatexNonProse(text) : findMarkdownNonProse(text);
}
