/** Sorting and prefix look-ups over strings, for the index's keys, words and DOIs. */
import { releaseMemory } from '../memory';

/** Ranges at most this long are finished by insertion sort. */
const SMALL_RANGE = 24;
/** Elements handled between two yields of sortedIds (a power of two). */
const SORT_WORK_PER_STEP = 16384;

/**
 * Ids ordered by values[id] (code-unit order, ties by id), as an MSD radix sort on one code unit
 * at a time over a contiguous copy of the strings' characters (strings sliced from a large file
 * lie all over memory: one gathering pass, then cache-friendly passes). Linear work per level, no
 * comparator callbacks, and resumable: it yields every few thousand elements, so a 50,000-string
 * sort never holds the thread.
 */
export function* sortedIds(values: readonly string[]): Generator<void, Int32Array, void> {
  const n = values.length;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  if (n < 2) return ids;
  // Gather: chars[offset[id] .. offset[id + 1]) are values[id]'s code units.
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i] + values[i].length;
  const chars = new Uint16Array(offset[n]);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    for (let k = 0, o = offset[i]; k < v.length; k++) chars[o + k] = v.charCodeAt(k);
    if ((i & (SORT_WORK_PER_STEP - 1)) === SORT_WORK_PER_STEP - 1) yield;
  }
  const tmp = new Int32Array(n);
  const buckets = new Int32Array(n);
  const counts = new Int32Array(258);
  // Work stack of (from, to, depth): ids[from, to) share their first `depth` code units.
  const stack: number[] = [0, n, 0];
  let work = 0;
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const to = stack.pop() as number;
    const from = stack.pop() as number;
    if (to - from <= SMALL_RANGE) {
      insertionSort(ids, from, to, depth, chars, offset);
    } else {
      // Bucket 0: ended at this depth; 1..255: code unit + 1; 256: code units >= 255 (sorted by comparison after).
      counts.fill(0);
      for (let i = from; i < to; i++) {
        const id = ids[i];
        const at = offset[id] + depth;
        const b = at >= offset[id + 1] ? 0 : chars[at] < 255 ? chars[at] + 1 : 256;
        buckets[i] = b;
        counts[b + 1]++;
      }
      for (let b = 1; b < 258; b++) counts[b] += counts[b - 1];
      for (let i = from; i < to; i++) tmp[from + counts[buckets[i]]++] = ids[i];
      for (let i = from; i < to; i++) ids[i] = tmp[i];
      // counts[b] is now the end of bucket b (relative to from); bucket 0 is all-equal, in id order (stable).
      let bucketStart = counts[0];
      for (let b = 1; b < 257; b++) {
        const bucketEnd = counts[b];
        if (bucketEnd - bucketStart > 1) {
          if (b < 256) stack.push(from + bucketStart, from + bucketEnd, depth + 1);
          else sortByComparison(ids, from + bucketStart, from + bucketEnd, depth, chars, offset);
        }
        bucketStart = bucketEnd;
      }
    }
    work += to - from;
    if (work >= SORT_WORK_PER_STEP) {
      work = 0;
      yield;
    }
  }
  for (const scratch of [chars, offset, tmp, buckets]) releaseMemory(scratch);
  return ids;
}

/** values[a] vs values[b] from `depth` on (both share what is before), then ids. */
function compareChars(a: number, b: number, depth: number, chars: Uint16Array, offset: Int32Array): number {
  let i = offset[a] + depth;
  let j = offset[b] + depth;
  const endA = offset[a + 1];
  const endB = offset[b + 1];
  for (; i < endA && j < endB; i++, j++) if (chars[i] !== chars[j]) return chars[i] - chars[j];
  return (endA - i) - (endB - j) || a - b;
}

function insertionSort(ids: Int32Array, from: number, to: number, depth: number, chars: Uint16Array, offset: Int32Array): void {
  for (let i = from + 1; i < to; i++) {
    const id = ids[i];
    let j = i - 1;
    while (j >= from && compareChars(ids[j], id, depth, chars, offset) > 0) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

function sortByComparison(ids: Int32Array, from: number, to: number, depth: number, chars: Uint16Array, offset: Int32Array): void {
  ids.subarray(from, to).sort((a, b) => compareChars(a, b, depth, chars, offset));
}

/** [from, to) of positions in `ids` (sorted by values[id]) whose value starts with `prefix`. */
export function prefixRange(ids: Int32Array, values: readonly string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[ids[mid]] < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < ids.length && values[ids[end]].startsWith(prefix)) end++;
  return [lo, end];
}

export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

