/**
 * Parsing in slices so an editor's UI thread is never blocked for long: the same scanner as
 * parseBibTeX, paused every few entries. Works on the main thread (await between slices) and in a worker.
 */
import { BibTeXScanner, type BibTeXParseResult } from './bibtexScanner';
import type { SourceText } from './sourceText';
import { runInSlices, type SliceOptions } from '../slices';

/** Slice options: `isCancelled` stops the scan early (the entries found so far are kept). */
export type ChunkedParseOptions = SliceOptions;

export interface ParseProgress {
  /** Offset scanned so far. */
  offset: number;
  /** Entries found so far. */
  entries: number;
  /** Longest slice so far, ms. */
  longestSliceMs: number;
}

/** Entries scanned between clock reads: small enough that a slice overshoots its budget only slightly. */
const ENTRIES_PER_CLOCK_READ = 32;

/** Parses like parseBibTeX, yielding to `yieldFn` whenever a slice has used `budgetMs`. */
export async function parseBibTeXChunked(text: string | SourceText, options: ChunkedParseOptions = {}): Promise<BibTeXParseResult & { longestSliceMs: number }> {
  const scanner = new BibTeXScanner(text);
  let longest = await runInSlices(() => scanner.scan(ENTRIES_PER_CLOCK_READ), options);
  const now = options.now ?? Date.now;
  const finishStart = now();
  const result = scanner.finish();
  longest = Math.max(longest, now() - finishStart);
  return { ...result, longestSliceMs: longest };
}

/**
 * The same as an async generator: yields progress after every slice of `entriesPerSlice` items,
 * and returns the full result. The caller decides when to resume (e.g. after a UI tick).
 */
export async function* parseBibTeXIncremental(
  text: string | SourceText,
  options: { entriesPerSlice?: number; now?: () => number } = {},
): AsyncGenerator<ParseProgress, BibTeXParseResult, void> {
  const perSlice = options.entriesPerSlice ?? 500;
  const now = options.now ?? Date.now;
  const scanner = new BibTeXScanner(text);
  let longest = 0;
  for (;;) {
    const start = now();
    const done = scanner.scan(perSlice);
    longest = Math.max(longest, now() - start);
    if (done) break;
    yield { offset: scanner.offset, entries: scanner.entryCount, longestSliceMs: longest };
  }
  return scanner.finish();
}
