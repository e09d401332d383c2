/**
 * Escaping for every output the evidence features write: HTML (the details webview), LaTeX and
 * pandoc Markdown (inserted sentences and tables). Text from the data files is never markup.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}

export { escapeLatex } from '../latexEscape';

/**
 * Text for pandoc Markdown prose: characters that would start emphasis, code, links, citations (`@`),
 * math (`$`), sub/superscript (`~`, `^`), raw HTML or a table cell boundary are backslash-escaped.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>@$~^|]/g, c => `\\${c}`);
}

/** Text for one cell of a pandoc pipe table: Markdown-escaped, `|` escaped, on one line. */
export function escapeMarkdownTableCell(text: string): string {
  return escapeMarkdownText(text.replace(/\s*\n\s*/g, ' '));
}
