/**
 * pandoc Markdown citations: `[see @a, p. 3; -@b]`, author-in-text `@a [p. 3]`, and the
 * front matter's `nocite:`. One forward pass over `[`, `]`, `@` and blank lines outside the
 * non-prose regions: brackets are matched with a stack (reset at paragraph ends), and a bracket
 * pair holding `@key`s not claimed by an inner pair is a bracketed citation.
 */
import { parseFrontMatter } from '../manuscript/frontMatter';
import type { NonProseKind, NonProseRegion } from '../manuscript/nonProseRegions';
import { isBackslashEscaped, RangeCursor, TextRange } from '../manuscript/textScan';
import { yamlMappingValue, yamlScalars } from '../manuscript/yamlSubset';
import { BraceMatcher } from '../manuscript/braceMatcher';
import { citeStartAt, isCrossReferenceKey, parsePandocKey } from './pandocKeys';
import type { Citation } from './types';

/** An `@key` in prose: a citation or a cross-reference. */
export interface PandocReference {
  key: string;
  start: number;
  end: number;
  /** Start of the marker (`@`, or `-` of `-@`) and end of the source text (after `}` of `@{…}`). */
  markerStart: number;
  markerEnd: number;
  suppressAuthor: boolean;
  crossReference: boolean;
  /** The enclosing bracketed citation, if any. */
  brackets?: BracketedCitation;
}

export interface BracketedCitation {
  /** `[` to after `]`. */
  group: TextRange;
  /** Inside the brackets. */
  keyList: TextRange;
}

/** Regions after which an open `[` cannot close: they end paragraphs. */
const BLOCK_KINDS: ReadonlySet<NonProseKind> = new Set<NonProseKind>(['front-matter', 'code-block', 'link-definition']);

export interface PandocReferenceScan {
  references: PandocReference[];
  /** Matched bracket pairs in prose that are not citations (locators, links): open index -> close index. */
  plainBrackets: Map<number, number>;
}

/** Every `@key` (citations and cross-references) in the prose of a Markdown document. */
export function scanPandocReferences(text: string, regions: readonly NonProseRegion[]): PandocReferenceScan {
  const references: PandocReference[] = [];
  const plainBrackets = new Map<number, number>();
  let stack: Array<{ open: number; firstReference: number }> = [];
  const masked = new RangeCursor(regions);
  const braces = new BraceMatcher(text);
  // `test` (not `exec`) finds the next candidate natively without allocating a match per hit.
  const special = /[@[\]]/g;
  let paragraphBreak = nextParagraphBreak(text, 0);
  while (special.test(text)) {
    const i = special.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (i >= paragraphBreak) {
      if (stack.length > 0) stack = [];
      paragraphBreak = nextParagraphBreak(text, i);
    }
    const region = masked.rangeAt(i);
    if (region) {
      if (stack.length > 0 && BLOCK_KINDS.has(region.kind)) stack = [];
      special.lastIndex = region.end;
      continue;
    }
    if (c === 0x40 /* @ */) {
      const markerStart = citeStartAt(text, i);
      if (markerStart < 0) continue;
      const parsed = parsePandocKey(text, i + 1, braces);
      if (!parsed) continue;
      references.push({
        key: parsed.key,
        start: parsed.keyStart,
        end: parsed.keyEnd,
        markerStart,
        markerEnd: parsed.end,
        suppressAuthor: markerStart < i,
        crossReference: isCrossReferenceKey(parsed.key),
        brackets: undefined, // set when a bracket pair claims it; present from the start to keep one object shape
      });
      special.lastIndex = parsed.end;
    } else if (isBackslashEscaped(text, i)) {
      continue;
    } else if (c === 0x5b /* [ */) {
      stack.push({ open: i, firstReference: references.length });
    } else {
      const entry = stack.pop();
      if (!entry) continue;
      let claimed = false;
      // `^[…]` is an inline footnote and `[^…]` a footnote reference: never citations.
      if (text.charCodeAt(entry.open - 1) !== 0x5e && text.charCodeAt(entry.open + 1) !== 0x5e) {
        const brackets = { group: { start: entry.open, end: i + 1 }, keyList: { start: entry.open + 1, end: i } };
        for (let r = entry.firstReference; r < references.length; r++) {
          if (references[r].brackets) continue;
          references[r].brackets = brackets;
          claimed = true;
        }
      }
      if (!claimed) plainBrackets.set(entry.open, i);
    }
  }
  return { references, plainBrackets };
}

/** Citations of a Markdown document, in document order: front matter `nocite:` first, then prose. */
export function findMarkdownCitations(text: string, regions: readonly NonProseRegion[]): Citation[] {
  const citations = findNocites(text);
  const { references, plainBrackets } = scanPandocReferences(text, regions);
  for (const r of references) {
    if (r.crossReference) continue;
    if (r.brackets) {
      citations.push({
        key: r.key, start: r.start, end: r.end, command: 'pandoc',
        kind: r.suppressAuthor ? 'suppress-author' : 'bracketed',
        group: r.brackets.group,
        keyList: r.brackets.keyList,
      });
    } else {
      citations.push({
        key: r.key, start: r.start, end: r.end, command: 'pandoc',
        kind: r.suppressAuthor ? 'suppress-author' : 'in-text',
        group: { start: r.markerStart, end: locatorEnd(text, r.markerEnd, plainBrackets) ?? r.markerEnd },
        keyList: { start: r.markerStart, end: r.markerEnd },
      });
    }
  }
  return citations;
}

/**
 * End of the `[p. 33]` locator that may follow an in-text citation (after spaces and at most one
 * line break), or undefined. A bracket holding citations is a citation of its own, not a locator.
 */
function locatorEnd(text: string, from: number, plainBrackets: Map<number, number>): number | undefined {
  let i = from;
  let newlines = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (++newlines > 1) return undefined;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      break;
    }
  }
  if (text.charCodeAt(i) !== 0x5b) return undefined;
  const close = plainBrackets.get(i);
  return close === undefined ? undefined : close + 1;
}

/** Keys listed in the front matter's `nocite:` (`@*`, "cite everything", names no key). */
function findNocites(text: string): Citation[] {
  const nocite = yamlMappingValue(parseFrontMatter(text), 'nocite');
  if (!nocite) return [];
  const citations: Citation[] = [];
  const group = { start: nocite.start, end: nocite.end };
  const braces = new BraceMatcher(text);
  for (const scalar of yamlScalars(nocite)) {
    for (let at = text.indexOf('@', scalar.start); at >= 0 && at < scalar.end; at = text.indexOf('@', at + 1)) {
      if (citeStartAt(text, at) < 0) continue;
      const parsed = parsePandocKey(text, at + 1, braces);
      if (!parsed || parsed.end > scalar.end) continue;
      citations.push({
        key: parsed.key, start: parsed.keyStart, end: parsed.keyEnd, command: 'pandoc', kind: 'nocite',
        group, keyList: group,
      });
      at = parsed.end - 1;
    }
  }
  return citations;
}

const PARAGRAPH_BREAK = /\n[ \t]*\r?\n/g;

/** End of the first blank line after `from` (where brackets stop matching), or Infinity. */
function nextParagraphBreak(text: string, from: number): number {
  PARAGRAPH_BREAK.lastIndex = from;
  return PARAGRAPH_BREAK.test(text) ? PARAGRAPH_BREAK.lastIndex - 1 : Number.POSITIVE_INFINITY;
}
