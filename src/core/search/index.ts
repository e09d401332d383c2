/**
 * Reference search for citation completion, the picker and the References view: an index built in
 * slices for large libraries (see referenceSearchIndex.ts), and fuse.js for typos in small ones.
 */
export { IndexField, DEFAULT_LIMIT, KEY_PREFIX_SCORE, type SearchableReference, type WordSink, type SearchHit, type SearchOptions } from './types';
export { normalizeForSearch } from './normalize';
export { LatexWords } from './latexWords';
export { compareReferences, compareHits, mergeHits, searchSources } from './ranking';
export { ReferenceSearchIndex, type ChunkedBuildOptions } from './referenceSearchIndex';
export { ReferenceSearch, FUZZY_SEARCH_MAX_ITEMS } from './referenceSearch';
