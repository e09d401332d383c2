/**
 * Is the cursor where a citation key is being typed? Used by completion: it answers with the
 * partial key before the cursor and the range a chosen key should replace (the whole key under
 * the cursor, so completing inside `@do|e2020` replaces `doe2020`).
 */
import type { CitationSyntax } from '../languages';
import { findFrontMatter } from '../manuscript/frontMatter';
import { findNonProseRegions, NonProseRegion } from '../manuscript/nonProseRegions';
import {
  codePointBefore, codePointLength, isBlankSpan, isWordCodePoint, lineEndAt, lineStartAt, rangeContaining, TextRange,
} from '../manuscript/textScan';
import { parseYamlSubset, yamlMappingValue } from '../manuscript/yamlSubset';
import { keyArgumentInner } from './latexCitationCommands';
import { findLatexCitationCommandAround } from './latexCitations';
import { citeStartAt, isCrossReferenceKey } from './pandocKeys';
import type { CitationScanOptions } from './types';

export interface CitationContext {
  /** The part of the key typed before the cursor. */
  prefix: string;
  /** Range of the key under the cursor (excluding `@` and braces), to be replaced by the chosen key. */
  replaceStart: number;
  replaceEnd: number;
  /** The enclosing citation (`[…]`, `\cite…{…}`, the `nocite:` value), when there is one. */
  group?: TextRange;
}

export function citationContextAt(
  text: string, offset: number, language: CitationSyntax, options: CitationScanOptions = {},
): CitationContext | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  return language === 'latex' ? latexContext(text, offset, options) : markdownContext(text, offset);
}

const INTERNAL_PUNCTUATION = new Set(':.#$%&-+?<>~/'.split('').map(c => c.charCodeAt(0)));

function isKeyCodePoint(cp: number): boolean {
  return isWordCodePoint(cp) || INTERNAL_PUNCTUATION.has(cp);
}

/** How far a bracket around the cursor is looked for. */
const BRACKET_LOOKAROUND = 4096;

function markdownContext(text: string, offset: number): CitationContext | undefined {
  let keyStart = offset;
  while (keyStart > 0) {
    const cp = codePointBefore(text, keyStart);
    if (!isKeyCodePoint(cp)) break;
    keyStart -= codePointLength(cp);
  }
  let at: number;
  let braced = false;
  if (text.charCodeAt(keyStart - 1) === 0x40) {
    at = keyStart - 1;
  } else {
    // Inside `@{…}`, where anything but a brace or line break may be part of the key.
    const lineStart = lineStartAt(text, offset);
    at = text.lastIndexOf('@{', offset - 1);
    if (at < lineStart || at + 2 > offset || text.slice(at + 2, offset).includes('}')) return undefined;
    braced = true;
    keyStart = at + 2;
  }
  if (citeStartAt(text, at) < 0) return undefined;
  const prefix = text.slice(keyStart, offset);
  if (!braced && isCrossReferenceKey(prefix + 'x')) return undefined;

  let replaceEnd = offset;
  if (braced) {
    const close = text.indexOf('}', offset);
    const lineEnd = lineEndAt(text, offset);
    replaceEnd = close >= 0 && close <= lineEnd ? close : offset;
  } else {
    for (;;) {
      const cp = text.codePointAt(replaceEnd);
      if (cp === undefined) break;
      if (isWordCodePoint(cp)) replaceEnd += codePointLength(cp);
      else if (INTERNAL_PUNCTUATION.has(cp) && isWordCodePoint(text.codePointAt(replaceEnd + 1) ?? -1)) replaceEnd++;
      else break;
    }
  }

  const region = rangeContaining(findNonProseRegions(text, 'markdown'), at);
  if (region) {
    const nocite = region.kind === 'front-matter' ? nociteRange(text, at) : undefined;
    return nocite ? { prefix, replaceStart: keyStart, replaceEnd, group: nocite } : undefined;
  }
  const group = enclosingBrackets(text, at, offset);
  return group ? { prefix, replaceStart: keyStart, replaceEnd, group } : { prefix, replaceStart: keyStart, replaceEnd };
}

/** The range of the front matter's `nocite:` value if it covers `pos`. */
function nociteRange(text: string, pos: number): TextRange | undefined {
  const fm = findFrontMatter(text);
  if (!fm) return undefined;
  const nocite = yamlMappingValue(parseYamlSubset(text, fm.contentStart, fm.contentEnd), 'nocite');
  // A quoted value still being typed may have no closing quote yet: it then runs to its line's end.
  if (nocite && nocite.start <= pos && pos <= Math.max(nocite.end, lineEndAt(text, nocite.end - 1))) {
    return { start: nocite.start, end: nocite.end };
  }
  return undefined;
}

/** The `[…]` around `[at, offset)`, within its paragraph, or undefined. */
function enclosingBrackets(text: string, at: number, offset: number): TextRange | undefined {
  let open = -1;
  let depth = 0;
  for (let j = at - 1; j >= Math.max(0, at - BRACKET_LOOKAROUND); j--) {
    const c = text.charCodeAt(j);
    if (c === 0x0a && isBlankSpan(text, lineStartAt(text, j), j)) break;
    if (c === 0x5d) depth++;
    else if (c === 0x5b) {
      if (depth === 0) {
        open = j;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return undefined;
  depth = 0;
  for (let j = offset; j < Math.min(text.length, offset + BRACKET_LOOKAROUND); j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a && isBlankSpan(text, j + 1, lineEndAt(text, j + 1))) break;
    if (c === 0x5b) depth++;
    else if (c === 0x5d) {
      if (depth === 0) return { start: open, end: j + 1 };
      depth--;
    }
  }
  return undefined;
}

function isLatexKeyChar(c: number): boolean {
  return !(c === 0x2c || c === 0x7b || c === 0x7d || c === 0x25 || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x5c);
}

function latexContext(text: string, offset: number, options: CitationScanOptions): CitationContext | undefined {
  const regions: NonProseRegion[] = findNonProseRegions(text, 'latex');
  const command = findLatexCitationCommandAround(text, offset, regions, options.latexCommands, true);
  if (!command) return undefined;
  const arg = command.keyArguments.find(a => {
    const inner = keyArgumentInner(text, a);
    return inner.start <= offset && offset <= inner.end;
  });
  if (!arg) return undefined;
  const inner = keyArgumentInner(text, arg);
  // A `%` earlier on the cursor's line (inside the argument) makes the rest of the line a comment.
  const comment = text.lastIndexOf('%', offset - 1);
  if (comment >= Math.max(inner.start, lineStartAt(text, offset)) && text.charCodeAt(comment - 1) !== 0x5c) return undefined;
  let replaceStart = offset;
  while (replaceStart > inner.start && isLatexKeyChar(text.charCodeAt(replaceStart - 1))) replaceStart--;
  let replaceEnd = offset;
  while (replaceEnd < inner.end && isLatexKeyChar(text.charCodeAt(replaceEnd))) replaceEnd++;
  return {
    prefix: text.slice(replaceStart, offset),
    replaceStart,
    replaceEnd,
    group: { start: command.start, end: command.end },
  };
}
