/**
 * Small character-level helpers shared by the scanners. Offsets are UTF-16 code units, as in
 * VS Code and JavaScript strings; helpers that look at "a character" decode surrogate pairs so
 * that a letter outside the BMP counts as one letter and an emoji never counts as one.
 */

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

const NON_ASCII_WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Letter, digit or `_` (Unicode-aware): the characters that glue an `@` to a word, as in an e-mail address. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x5f;
  }
  return NON_ASCII_WORD_CHAR.test(String.fromCodePoint(cp));
}

/** Letter or digit (Unicode-aware), i.e. Haskell's `isAlphaNum`, which pandoc's key grammar uses. */
export function isAlphaNumCodePoint(cp: number): boolean {
  return cp !== 0x5f && isWordCodePoint(cp);
}

/** The code point that ends just before `index`, or -1 at the start of the text. */
export function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** UTF-16 length of a code point. */
export function codePointLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Space or tab. */
export function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Space, tab, CR, LF, form feed or vertical tab. */
export function isWhitespaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b;
}

/** True if the character at `index` is preceded by an odd number of backslashes. */
export function isBackslashEscaped(text: string, index: number, floor = 0): boolean {
  let count = 0;
  for (let i = index - 1; i >= floor && text.charCodeAt(i) === 0x5c; i--) count++;
  return (count & 1) === 1;
}

/** Index of the `\n` that ends the line containing `index`, or the text length. */
export function lineEndAt(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  return nl < 0 ? text.length : nl;
}

/** Index of the first character of the line containing `index`. */
export function lineStartAt(text: string, index: number): number {
  return index <= 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
}

/** True if `[start, end)` holds only spaces, tabs and CR. */
export function isBlankSpan(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/**
 * Returns a function giving, for a position, the start of the next blank line (the end of its
 * paragraph), never beyond `limit`. Inline constructs (code spans, math) cannot cross a blank line.
 * Queries are expected in increasing order; the last answer is reused while it still applies, so
 * a whole pass costs one walk over the text.
 */
export function paragraphEndFinder(text: string, limit: number): (from: number) => number {
  let answeredFrom = -1;
  let answer = -1;
  return (from: number): number => {
    if (from >= answeredFrom && from < answer) return answer;
    let lineStart = lineEndAt(text, from) + 1;
    while (lineStart < limit) {
      const end = Math.min(lineEndAt(text, lineStart), limit);
      if (isBlankSpan(text, lineStart, end)) break;
      lineStart = end + 1;
    }
    answeredFrom = from;
    answer = Math.min(lineStart, limit);
    return answer;
  };
}

/**
 * Walks sorted, non-overlapping ranges alongside a forward scan: `endOfRangeAt(pos)` is the end of
 * the range covering `pos`, or -1. Positions must be queried in non-decreasing order.
 */
export class RangeCursor<R extends TextRange> {
  private index = 0;
  constructor(private readonly ranges: readonly R[]) {}

  /** The range covering `pos`, if any. */
  rangeAt(pos: number): R | undefined {
    const ranges = this.ranges;
    while (this.index < ranges.length && ranges[this.index].end <= pos) this.index++;
    const r = ranges[this.index];
    return r !== undefined && r.start <= pos ? r : undefined;
  }
}

/** Binary search: the range of a sorted, non-overlapping list that covers `pos`, if any. */
export function rangeContaining<R extends TextRange>(ranges: readonly R[], pos: number): R | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (pos < r.start) hi = mid - 1;
    else if (pos >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}
