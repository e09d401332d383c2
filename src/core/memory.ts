/**
 * Giving large scratch buffers back at once. A typed array's memory is freed when its wrapper is
 * collected; once the wrapper has lived long enough to be promoted, that means the next full
 * collection, which V8 may put off for seconds while a big bibliography is being indexed. Every
 * such buffer then counts towards peak memory at the same time (at 50,000 entries: the file's 34 MB
 * of bytes, then tens of MB of index scratch). Releasing detaches the buffer: only for buffers
 * nobody reads again.
 */

/** Global in browsers and Node 17+; `ArrayBuffer.prototype.transfer` is ES2024: both are optional here. */
const host = globalThis as unknown as { structuredClone?: (value: unknown, options: { transfer: unknown[] }) => unknown };
type Detachable = ArrayBufferLike & { transfer?: (length: number) => ArrayBuffer };

/** Below this, freeing at the next collection is soon enough. */
const MIN_BYTES = 64 * 1024;

/** Frees `view`'s buffer now if the view is all of it (never part of a shared pool). */
export function releaseMemory(view: ArrayBufferView): void {
  const buffer = view.buffer as Detachable;
  if (view.byteLength < MIN_BYTES || view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) return;
  if (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) return;
  try {
    if (typeof buffer.transfer === 'function') buffer.transfer(0);
    // Moved into a fresh clone, which is young: the next minor collection frees it, memory and all.
    else host.structuredClone?.(buffer, { transfer: [buffer] });
  } catch {
    // Not detachable here (e.g. already detached): the collector frees it in its own time.
  }
}
