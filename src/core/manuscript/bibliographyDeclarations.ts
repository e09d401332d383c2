/**
 * Where a manuscript names its bibliography files: the front matter's `bibliography:` (a string
 * or a list, inline or block), LaTeX `\bibliography{a,b}` (the `.bib` extension is implied) and
 * biblatex `\addbibresource[opts]{x.bib}` (also `\addglobalbib`, `\addsectionbib`).
 */
import type { CitationSyntax } from '../languages';
import { parseFrontMatter } from './frontMatter';
import { LatexArgumentMatcher, skipLatexSpace } from './latexArguments';
import { findNonProseRegions } from './nonProseRegions';
import { RangeCursor } from './textScan';
import { yamlMappingValue, yamlScalars } from './yamlSubset';

export type BibliographySource = 'yaml' | 'bibliography' | 'addbibresource';

export interface BibliographyDeclaration {
  /** The path as it should be resolved (relative paths against the document's folder). */
  path: string;
  /** Range of the path as written (without quotes; for `\bibliography{refs}`, of `refs`). */
  start: number;
  end: number;
  source: BibliographySource;
}

export function bibliographyDeclarations(text: string, language: CitationSyntax): BibliographyDeclaration[] {
  return language === 'latex' ? latexDeclarations(text) : yamlDeclarations(text);
}

function yamlDeclarations(text: string): BibliographyDeclaration[] {
  const value = yamlMappingValue(parseFrontMatter(text), 'bibliography');
  return yamlScalars(value)
    .filter(s => s.value.trim() !== '')
    .map(s => ({ path: s.value.trim(), start: s.start, end: s.end, source: 'yaml' as const }));
}

const BIBLIOGRAPHY_COMMAND = /\\(bibliography|addbibresource|addglobalbib|addsectionbib)(?![A-Za-z])/g;

function latexDeclarations(text: string): BibliographyDeclaration[] {
  const masked = new RangeCursor(findNonProseRegions(text, 'latex').filter(r => r.kind === 'comment' || r.kind === 'verbatim'));
  const declarations: BibliographyDeclaration[] = [];
  const matcher = new LatexArgumentMatcher(text);
  BIBLIOGRAPHY_COMMAND.lastIndex = 0;
  for (let m = BIBLIOGRAPHY_COMMAND.exec(text); m !== null; m = BIBLIOGRAPHY_COMMAND.exec(text)) {
    if (masked.rangeAt(m.index) || isControlSymbolBackslash(text, m.index)) continue;
    const isBibliography = m[1] === 'bibliography';
    let pos = skipLatexSpace(text, BIBLIOGRAPHY_COMMAND.lastIndex);
    while (!isBibliography && text.charCodeAt(pos) === 0x5b) {
      const close = matcher.end(pos);
      if (close < 0) break;
      pos = skipLatexSpace(text, close + 1);
    }
    if (text.charCodeAt(pos) !== 0x7b) continue;
    const close = matcher.end(pos);
    if (close < 0) continue;
    const pieces = isBibliography ? splitOnCommas(text, pos + 1, close) : [trimmed(text, pos + 1, close)];
    for (const [start, end] of pieces) {
      if (end <= start) continue;
      const written = text.slice(start, end);
      const path = isBibliography && !/\.bib$/i.test(written) ? `${written}.bib` : written;
      declarations.push({ path, start, end, source: isBibliography ? 'bibliography' : 'addbibresource' });
    }
    BIBLIOGRAPHY_COMMAND.lastIndex = close + 1;
  }
  return declarations;
}

/** True if the backslash at `index` is the second half of `\\` (a line break, not a command). */
function isControlSymbolBackslash(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) count++;
  return count % 2 === 1;
}

function splitOnCommas(text: string, from: number, to: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text.charCodeAt(i) === 0x2c) {
      pieces.push(trimmed(text, start, i));
      start = i + 1;
    }
  }
  return pieces;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}
