import { stripDoiPrefix } from '../core/identifiers/doi';

/** Escapes text from data files and bibliographies for a VS Code MarkdownString: nothing in it is markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&$]/g, c => `\\${c}`);
}

/** A link target that cannot break out of `(…)` in Markdown. */
export function safeUrl(url: string): string {
  return encodeURI(url).replace(/[()]/g, c => (c === '(' ? '%28' : '%29'));
}

export function doiUrl(doi: string): string {
  return safeUrl(`https://doi.org/${stripDoiPrefix(doi)}`);
}

export function pubmedUrl(pmid: string): string {
  return safeUrl(`https://pubmed.ncbi.nlm.nih.gov/${pmid.trim()}/`);
}

/** A `command:` link with JSON arguments, for trusted command links in hovers. */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * `text` as a Markdown code span, shown exactly as written (backslashes included): the fence is one
 * backtick longer than any run in the text, padded with spaces when the text starts or ends with one.
 */
export function codeSpan(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.trim() === '' ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

