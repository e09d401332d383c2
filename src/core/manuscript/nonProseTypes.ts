/** The kinds of text that are not ordinary prose, as the masking pass reports them. */
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
