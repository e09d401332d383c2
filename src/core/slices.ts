/**
 * Long work split into slices, so an editor's thread is never held for long: the options and the
 * loop shared by the chunked BibTeX and CSL-JSON readers, indexBibliography and the search build.
 */

export interface SliceOptions {
  /** Longest time one slice may run before yielding (default 20 ms). */
  budgetMs?: number;
  /** Awaited between slices (default: `defaultYield`, a macrotask). */
  yieldFn?: () => Promise<void>;
  /** Clock in ms (default Date.now; pass performance.now for sub-ms precision). */
  now?: () => number;
  /** Checked between slices: true stops the work early. */
  isCancelled?: () => boolean;
}

/** A macrotask (setTimeout 0) where there are timers, else a microtask. */
export function defaultYield(): Promise<void> {
  const timers = globalThis as { setTimeout?: (fn: () => void, ms: number) => unknown };
  return new Promise(resolve => (timers.setTimeout ? timers.setTimeout(resolve, 0) : Promise.resolve().then(resolve)));
}

/**
 * Calls `step` (a small, bounded piece of work; the clock is read between calls) until it returns
 * true, yielding whenever a slice has used the budget. Returns the longest slice, in ms.
 */
export async function runInSlices(step: () => boolean, options: SliceOptions = {}): Promise<number> {
  const budget = options.budgetMs ?? 20;
  const now = options.now ?? Date.now;
  const yieldFn = options.yieldFn ?? defaultYield;
  let longest = 0;
  for (;;) {
    const sliceStart = now();
    let done = false;
    while (!done && now() - sliceStart < budget) done = step();
    longest = Math.max(longest, now() - sliceStart);
    if (done || options.isCancelled?.()) return longest;
    await yieldFn();
  }
}
