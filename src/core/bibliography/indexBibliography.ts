/**
 * One bibliography file's text → entries, key map and search, without holding the editor's
 * thread: the parse runs in slices, then the search index is built in slices in the background.
 * The promise resolves as soon as key-prefix search works (the index's first stage); word and
 * DOI matches join when `searchReady` resolves. The extension and `npm run bench` both use this.
 */
import { ReferenceSearch } from '../search';
import { parseCslJsonChunked } from './cslJson';
import { parseBibTeXChunked } from './parseBibTeXChunked';
import { defaultYield, type SliceOptions } from '../slices';
import { toSearchable, type SearchableEntry } from './searchable';
import type { SourceText } from './sourceText';
import type { BibEntry, BibError } from './types';

/** Slice options; `isCancelled` stops building the search index (e.g. the file changed meanwhile), the parse always completes. */
export type IndexOptions = SliceOptions;

export interface IndexedBibliography {
  readonly entries: readonly BibEntry[];
  readonly errors: readonly BibError[];
  /** Key → first entry with it. */
  readonly byKey: ReadonlyMap<string, BibEntry>;
  /** Answers key prefixes at once; author, title, year, DOI matches once `searchReady` has resolved. */
  readonly search: ReferenceSearch<SearchableEntry>;
  /** Resolves when the search index is complete (or its build was cancelled). */
  readonly searchReady: Promise<void>;
}

/** `text`: a string, or a SourceText (one byte per character; see sourceText.ts) for large files. */
/** Bytes that were not UTF-8 (no JabRef header said otherwise): one problem, where it starts. */
function encodingProblem(text: SourceText): BibError | undefined {
  const { invalidUtf8At, replacementAt } = text.decoding;
  if (invalidUtf8At !== undefined) {
    return {
      message: 'The file is not valid UTF-8 from here on: characters that do not decode show as \uFFFD. ' +
        "Save it as UTF-8, or, if it is in another encoding, name it in a first line such as '% Encoding: windows-1252' (as JabRef writes).",
      start: invalidUtf8At, end: Math.min(text.length, invalidUtf8At + 1),
    };
  }
  if (replacementAt !== undefined) {
    return {
      message: 'A character here did not decode (\uFFFD): the file is probably not in the encoding it was opened with. ' +
        "Reopen it with its encoding ('Reopen with Encoding'), then save it as UTF-8.",
      start: replacementAt, end: Math.min(text.length, replacementAt + 1),
    };
  }
  return undefined;
}

export async function indexBibliography(text: string | SourceText, format: 'bibtex' | 'csl-json', sourceId: string, options: IndexOptions = {}): Promise<IndexedBibliography> {
  const slices = { budgetMs: options.budgetMs ?? 20, yieldFn: options.yieldFn ?? defaultYield, now: options.now };
  // A newer version of the file makes this parse stale: it stops at its next slice (what it has is never cached).
  const parseSlices = { ...slices, isCancelled: options.isCancelled };
  let entries: BibEntry[];
  let errors: BibError[];
  let byKey: ReadonlyMap<string, BibEntry>;
  if (format === 'bibtex') {
    // The scanner's own key map (first entry per key): no second 50,000-key map.
    ({ entries, errors, byKey } = await parseBibTeXChunked(text, parseSlices));
  } else {
    ({ entries, errors } = await parseCslJsonChunked(text, parseSlices));
    const map = new Map<string, BibEntry>();
    for (const e of entries) if (!map.has(e.key)) map.set(e.key, e);
    byKey = map;
  }
  const encodingError = typeof text === 'string' ? undefined : encodingProblem(text);
  if (encodingError) errors = [encodingError, ...errors].sort((a, b) => a.start - b.start);
  await slices.yieldFn(); // the parse's last slice just ran: start the index in a fresh one
  const search = ReferenceSearch.deferred(entries.map(e => toSearchable(e, sourceId)));
  await slices.yieldFn();
  let keysReady!: () => void;
  const keys = new Promise<void>(resolve => { keysReady = resolve; });
  const searchReady = search.index.build({ ...slices, isCancelled: options.isCancelled, onKeysReady: keysReady });
  await Promise.race([keys, searchReady]);
  return { entries, errors, byKey, search, searchReady };
}
