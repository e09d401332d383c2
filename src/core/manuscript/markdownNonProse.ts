/**
 * Non-prose regions of pandoc Markdown (also Quarto and R Markdown): front matter, code blocks,
 * then, between blocks, code spans, math, HTML comments and tags, autolinks and link targets.
 * Block structure is read line by line; inline constructs never cross a blank line, and every
 * search for a closer is either cached or bounded, so the pass stays linear on hostile input.
 */
import { findFrontMatter } from './frontMatter';
import { NeedleFinder } from './needleFinder';
import type { NonProseRegion } from './nonProseTypes';
import { isBlankSpan, isWhitespaceCode, lineEndAt, paragraphEndFinder } from './textScan';

/** Link destinations are short; a bounded search keeps unclosed `](` from going quadratic. */
const MAX_LINK_DESTINATION = 2048;
const MAX_LINK_PAREN_DEPTH = 8;

export function findMarkdownNonProse(text: string): NonProseRegion[] {
  const regions: NonProseRegion[] = [];
  const frontMatter = findFrontMatter(text);
  let from = 0;
  if (frontMatter) {
    regions.push({ start: 0, end: frontMatter.end, kind: 'front-matter' });
    from = frontMatter.end;
  }
  const inline = new InlineScanner(text, regions);
  let gapStart = from;
  for (const block of findBlockRegions(text, from)) {
    inline.scan(gapStart, block.start);
    regions.push(block);
    gapStart = block.end;
  }
  inline.scan(gapStart, text.length);
  return regions;
}

interface OpenFence {
  start: number;
  code: number;
  length: number;
}

/** Fenced and indented code blocks and link definition lines, in order. */
function findBlockRegions(text: string, from: number): NonProseRegion[] {
  const blocks: NonProseRegion[] = [];
  let lineStart = from === 0 ? 0 : from + 1;
  let prevBlank = true;
  let inList = false;
  let fence: OpenFence | undefined;
  let indented: { start: number; end: number } | undefined;
  const commentEnd = new NeedleFinder(text, '-->');
  while (lineStart <= text.length) {
    const lineEnd = lineEndAt(text, lineStart);
    let i = lineStart;
    let column = 0;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) column++;
      else if (c === 0x09) column += 4 - (column % 4);
      else break;
    }
    const blank = isBlankSpan(text, i, lineEnd);

    if (fence) {
      if (!blank && closesFence(text, i, lineEnd, fence)) {
        blocks.push({ start: fence.start, end: lineEnd, kind: 'code-block' });
        fence = undefined;
      }
      lineStart = lineEnd + 1;
      continue;
    }
    if (indented) {
      if (blank || column >= 4) {
        if (!blank) indented.end = lineEnd;
        prevBlank = blank;
        lineStart = lineEnd + 1;
        continue;
      }
      blocks.push({ start: indented.start, end: indented.end, kind: 'code-block' });
      indented = undefined;
    }
    if (!blank && column < 4 && text.startsWith('<!--', i)) {
      // An HTML comment block may hold blank lines and indented text; it is one region.
      const close = commentEnd.find(i + 4);
      if (close >= 0) {
        blocks.push({ start: i, end: close + 3, kind: 'html-comment' });
        prevBlank = false;
        lineStart = lineEndAt(text, close + 3) + 1;
        continue;
      }
    }
    if (!blank) {
      const opening = fenceOpening(text, i, lineEnd);
      if (opening) {
        fence = { start: lineStart, code: opening.code, length: opening.length };
      } else if (column >= 4 && prevBlank && !inList) {
        indented = { start: lineStart, end: lineEnd };
      } else if (column < 4 && isLinkDefinition(text, i, lineEnd)) {
        blocks.push({ start: i, end: lineEnd, kind: 'link-definition' });
      }
      // Indented text after a list item continues the item; it is not code.
      if (column < 4 && isListMarker(text, i, lineEnd)) inList = true;
      else if (prevBlank && column === 0) inList = false;
    }
    prevBlank = blank;
    lineStart = lineEnd + 1;
  }
  if (fence) blocks.push({ start: fence.start, end: text.length, kind: 'code-block' });
  if (indented) blocks.push({ start: indented.start, end: indented.end, kind: 'code-block' });
  return blocks;
}

/** A run of at least three backticks or tildes; a backtick fence's info string has no backtick. */
function fenceOpening(text: string, i: number, lineEnd: number): { code: number; length: number } | undefined {
  const code = text.charCodeAt(i);
  if (code !== 0x60 && code !== 0x7e) return undefined;
  let j = i;
  while (j < lineEnd && text.charCodeAt(j) === code) j++;
  if (j - i < 3) return undefined;
  if (code === 0x60) {
    const backtick = text.indexOf('`', j);
    if (backtick >= 0 && backtick < lineEnd) return undefined;
  }
  return { code, length: j - i };
}

function closesFence(text: string, i: number, lineEnd: number, fence: OpenFence): boolean {
  let j = i;
  while (j < lineEnd && text.charCodeAt(j) === fence.code) j++;
  return j - i >= fence.length && isBlankSpan(text, j, lineEnd);
}

const LINK_DEFINITION = /\[(?!\^)[^\]\n]+\]:[ \t]/y;

function isLinkDefinition(text: string, i: number, lineEnd: number): boolean {
  if (text.charCodeAt(i) !== 0x5b) return false;
  LINK_DEFINITION.lastIndex = i;
  return LINK_DEFINITION.test(text) && LINK_DEFINITION.lastIndex <= lineEnd + 1;
}

const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)]|#\.|[a-zA-Z][.)])(?=[ \t\r\n]|$)/y;

function isListMarker(text: string, i: number, lineEnd: number): boolean {
  LIST_MARKER.lastIndex = i;
  return LIST_MARKER.test(text) && LIST_MARKER.lastIndex <= lineEnd;
}

const AUTOLINK = /<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;

class InlineScanner {
  private readonly special = /[`$\\<\]]/g;
  private readonly commentEnd: NeedleFinder;
  private readonly parenMathEnd: NeedleFinder;
  private readonly bracketMathEnd: NeedleFinder;
  private readonly displayMathEnd: NeedleFinder;
  private readonly backtickRuns: BacktickRuns;
  private noDollarCloserBefore = -1;

  constructor(private readonly text: string, private readonly regions: NonProseRegion[]) {
    this.commentEnd = new NeedleFinder(text, '-->');
    this.parenMathEnd = new NeedleFinder(text, '\\)');
    this.bracketMathEnd = new NeedleFinder(text, '\\]');
    this.displayMathEnd = new NeedleFinder(text, '$$');
    this.backtickRuns = new BacktickRuns(text);
  }

  scan(start: number, end: number): void {
    if (start >= end) return;
    const text = this.text;
    const paragraphEnd = paragraphEndFinder(text, end);
    const special = this.special;
    special.lastIndex = start;
    while (special.test(text)) {
      const i = special.lastIndex - 1;
      if (i >= end) break;
      const c = text.charCodeAt(i);
      let regionEnd = -1;
      let kind: NonProseRegion['kind'] = 'math';
      let resume = i + 1;
      if (c === 0x5c /* \ */) {
        const next = text.charCodeAt(i + 1);
        if (next === 0x28 /* ( */) regionEnd = closedBy(this.parenMathEnd, i + 2, paragraphEnd(i), 2);
        else if (next === 0x5b /* [ */) regionEnd = closedBy(this.bracketMathEnd, i + 2, paragraphEnd(i), 2);
        resume = i + 2; // an escaped character is literal
      } else if (c === 0x60 /* ` */) {
        let j = i + 1;
        while (j < end && text.charCodeAt(j) === 0x60) j++;
        regionEnd = this.codeSpanEnd(j, j - i, paragraphEnd(i));
        kind = 'code-span';
        resume = j;
      } else if (c === 0x24 /* $ */) {
        if (text.charCodeAt(i + 1) === 0x24) {
          regionEnd = closedBy(this.displayMathEnd, i + 2, paragraphEnd(i), 2);
          resume = i + 2;
        } else {
          regionEnd = this.inlineMathEnd(i, paragraphEnd(i));
        }
      } else if (c === 0x3c /* < */) {
        if (text.startsWith('<!--', i)) {
          regionEnd = closedBy(this.commentEnd, i + 4, end, 3);
          kind = 'html-comment';
        } else {
          const limit = paragraphEnd(i);
          regionEnd = stickyMatchEnd(AUTOLINK, text, i, limit);
          kind = 'autolink';
          if (regionEnd < 0) {
            regionEnd = stickyMatchEnd(HTML_TAG, text, i, limit);
            kind = 'html-tag';
          }
        }
      } else if (text.charCodeAt(i + 1) === 0x28 /* ]( */) {
        const close = this.linkDestinationEnd(i + 1, paragraphEnd(i));
        if (close >= 0) {
          this.regions.push({ start: i + 1, end: close, kind: 'link-destination' });
          special.lastIndex = close;
          continue;
        }
      }
      if (regionEnd >= 0) {
        this.regions.push({ start: i, end: regionEnd, kind });
        resume = regionEnd;
      }
      special.lastIndex = resume;
    }
  }

  /** End of the code span whose opening run of `length` backticks ends at `from`, or -1. */
  private codeSpanEnd(from: number, length: number, limit: number): number {
    return this.backtickRuns.closerEnd(from, length, limit);
  }

  /**
   * pandoc's tex_math_dollars: the opening `$` is not followed by a space, the closing `$` is not
   * preceded by a space nor followed by a digit (so `$20 and $30` is not math).
   */
  private inlineMathEnd(open: number, limit: number): number {
    const text = this.text;
    if (open + 1 >= limit || isWhitespaceCode(text.charCodeAt(open + 1))) return -1;
    if (open < this.noDollarCloserBefore) return -1;
    for (let j = open + 1; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) {
        j++;
      } else if (c === 0x24 && j > open + 1 && !isWhitespaceCode(text.charCodeAt(j - 1))) {
        const after = text.charCodeAt(j + 1);
        if (!(after >= 0x30 && after <= 0x39)) return j + 1;
      }
    }
    this.noDollarCloserBefore = limit;
    return -1;
  }

  /**
   * End (after `)`) of the link destination opened at `open`, or -1. Parentheses may nest a
   * little; a bracket ends the search, so each search stops at the next `]` and the pass stays linear.
   */
  private linkDestinationEnd(open: number, limit: number): number {
    const text = this.text;
    const max = Math.min(limit, open + MAX_LINK_DESTINATION);
    let depth = 0;
    for (let j = open + 1; j < max; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) j++;
      else if (c === 0x28) {
        if (++depth > MAX_LINK_PAREN_DEPTH) return -1;
      } else if (c === 0x29) {
        if (depth === 0) return j + 1;
        depth--;
      } else if (c === 0x5b || c === 0x5d) {
        return -1;
      }
    }
    return -1;
  }
}

/**
 * The backtick runs of one paragraph, by length, read once: the closer of a code span is the next
 * run of exactly its opener's length. Looking it up per opener instead of scanning keeps a paragraph
 * of runs of rising length (`, ``, ```, …) linear.
 */
class BacktickRuns {
  private limit = -1;
  private from = 0;
  /** Run length → starts of the runs of that length, ascending. */
  private byLength = new Map<number, number[]>();

  constructor(private readonly text: string) {}

  /** End of the first run of `length` backticks starting at or after `from` and ending by `limit`, or -1. */
  closerEnd(from: number, length: number, limit: number): number {
    if (limit !== this.limit || from < this.from) this.read(from, limit);
    const starts = this.byLength.get(length);
    if (!starts) return -1;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length ? starts[lo] + length : -1;
  }

  private read(from: number, limit: number): void {
    const text = this.text;
    this.limit = limit;
    this.from = from;
    this.byLength = new Map();
    let j = from;
    while (j < limit) {
      const k = text.indexOf('`', j);
      if (k < 0 || k >= limit) break;
      let e = k + 1;
      while (e < limit && text.charCodeAt(e) === 0x60) e++;
      const runs = this.byLength.get(e - k);
      if (runs) runs.push(k);
      else this.byLength.set(e - k, [k]);
      j = e;
    }
  }
}

/** End (after the closer) of a construct whose closer is found by `finder` before `limit`, or -1. */
function closedBy(finder: NeedleFinder, from: number, limit: number, closerLength: number): number {
  const at = finder.find(from);
  return at >= 0 && at + closerLength <= limit ? at + closerLength : -1;
}

function stickyMatchEnd(re: RegExp, text: string, at: number, limit: number): number {
  re.lastIndex = at;
  return re.test(text) && re.lastIndex <= limit ? re.lastIndex : -1;
}
