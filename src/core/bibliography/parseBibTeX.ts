/**
 * Whole-text BibTeX/BibLaTeX parsing: every good entry, and an error with its place for every fault.
 */
import { BibTeXScanner, type BibTeXParseResult } from './bibtexScanner';
import type { SourceText } from './sourceText';

export type { BibTeXParseResult } from './bibtexScanner';

/** Parses a .bib text (UTF-16 offsets into `text`); never throws on malformed input. */
export function parseBibTeX(text: string | SourceText): BibTeXParseResult {
  const scanner = new BibTeXScanner(text);
  scanner.scan();
  return scanner.finish();
}
