/**
 * Which keys may be written into a citation. A key comes from a bibliography or a server: `}` or
 * `\` in it would end `\cite{…}` or `[@{…}]` early and put the rest into the manuscript as markup
 * (`\immediate\write18{…}`). Such a key is refused, never escaped into something else.
 */
import type { CitationSyntax } from '../languages';

const LATEX_FORBIDDEN = /[{}\\,%#\s]/u;
const PANDOC_FORBIDDEN = /[{}\r\n]/;

/** Why `key` cannot be cited in `syntax` (a short phrase), or undefined when it can. */
export function citationKeyProblem(key: string, syntax: CitationSyntax): string | undefined {
  if (key.trim() === '') return 'it is empty';
  const bad = (syntax === 'latex' ? LATEX_FORBIDDEN : PANDOC_FORBIDDEN).exec(key);
  if (!bad) return undefined;
  const shown = bad[0] === ' ' ? 'a space' : /\s/.test(bad[0]) ? 'a line break or tab' : `'${bad[0]}'`;
  return `it contains ${shown}, which ${syntax === 'latex' ? 'LaTeX' : 'pandoc'} citations cannot hold`;
}
