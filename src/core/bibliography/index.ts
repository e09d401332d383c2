/** Bibliographies: parsing (BibTeX/BibLaTeX, CSL-JSON), a multi-file library, formatting. */
export type { BibEntry, BibError, BibParseResult } from './types';
export { parseBibTeX, type BibTeXParseResult } from './parseBibTeX';
export { parseBibTeXChunked, parseBibTeXIncremental, type ChunkedParseOptions, type ParseProgress } from './parseBibTeXChunked';
export { BibTeXEntry } from './bibtexEntry';
export { parseCslJson, parseCslJsonChunked, cslToFields, CslJsonEntry, type CslItem } from './cslJson';
export { decodeLatex, decodeFieldValue } from './latexDecode';
export { parseNameList, familyNames, type PersonName } from './names';
export { BibliographyLibrary, type LibraryEntry, type LibrarySourceInfo } from './library';
export { toSearchable, type SearchableEntry } from './searchable';
export { indexBibliography, type IndexedBibliography, type IndexOptions } from './indexBibliography';
export { toCslItem } from './cslFromEntry';
export { formatReference, type ReferenceStyle, type ReferenceFormat } from './format';
export { SourceText, decodeSourceText, compactSourceText, PLACEHOLDER } from './sourceText';
