/**
 * Parsing in slices so an editor's UI thread is never blocked for long: the same scanner as
 * parseBibTeX, paused every few entries. Works on the main thread (await between slices) and in a worker.
 */
import { BibTeXScanner, type BibTeXParseResult } from './bibtexScanner';
import type { SourceText } from './sourceText';

export interface ChunkedParseOptions {
  /** Longest time one slice may run before yielding (default 20 ms). */
  budgetMs?: number;
  /** Called between slices; resolve it to continue (default: a macrotask via setTimeout if present). */
  yieldFn?: () => Promise<void>;
  /** Clock in ms (default Date.now; pass performance.now for sub-ms precision). */
  now?: () => number;
  /** Stop early: checked between slices. */
  isCancelled?: () => boolean;
}

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
  const budget = options.budgetMs ?? 20;
  const now = options.now ?? Date.now;
  const yieldFn = options.yieldFn ?? defaultYield;
  const scanner = new BibTeXScanner(text);
  let longest = 0;
  for (;;) {
    const sliceStart = now();
    let done = false;
    while (!done && now() - sliceStart < budget) done = scanner.scan(ENTRIES_PER_CLOCK_READ);
    longest = Math.max(longest, now() - sliceStart);
    if (done) break;
    if (options.isCancelled?.()) break;
    await yieldFn();
  }
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

/** A macrotask (setTimeout 0) where there are timers, else a microtask. */
export function defaultYield(): Promise<void> {
  const timers = globalThis as { setTimeout?: (fn: () => void, ms: number) => unknown };
  return new Promise(resolve => (timers.setTimeout ? timers.setTimeout(resolve, 0) : Promise.resolve().then(resolve)));
}
