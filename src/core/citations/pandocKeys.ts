/**
 * pandoc's citation key grammar and the checks around an `@`. From the pandoc manual: a key
 * "must begin with a letter, digit, or _, and may contain alphanumerics, _, and internal
 * punctuation characters (:.#$%&-+?<>~/)"; punctuation counts only when a letter or digit
 * follows (so `@Foo_bar.baz.` is `Foo_bar.baz` and `@Foo_bar--baz` is `Foo_bar`), `://` is
 * allowed for URLs, and `@{…}` braces admit any key.
 */
import { codePointBefore, codePointLength, isAlphaNumCodePoint, isBackslashEscaped, isWordCodePoint } from '../manuscript/textScan';

export interface ParsedPandocKey {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** End of the key's source text (after a closing brace). */
  end: number;
  braced: boolean;
}

const INTERNAL_PUNCTUATION = new Set(':.#$%&-+?<>~/'.split('').map(c => c.charCodeAt(0)));

/** The key starting at `pos` (just after `@`), or undefined if none starts there. */
export function parsePandocKey(text: string, pos: number): ParsedPandocKey | undefined {
  if (text.charCodeAt(pos) === 0x7b) return parseBracedKey(text, pos);
  const first = text.codePointAt(pos);
  if (first === undefined || !(first === 0x5f || isAlphaNumCodePoint(first))) return undefined;
  let i = pos + codePointLength(first);
  for (;;) {
    const cp = text.codePointAt(i);
    if (cp === undefined) break;
    if (isWordCodePoint(cp)) {
      i += codePointLength(cp);
    } else if (INTERNAL_PUNCTUATION.has(cp)) {
      const next = text.codePointAt(i + 1);
      const followedByWord = next !== undefined && isWordCodePoint(next);
      if (followedByWord || ((cp === 0x3a || cp === 0x2f) && next === 0x2f)) i++;
      else break;
    } else {
      break;
    }
  }
  return { key: text.slice(pos, i), keyStart: pos, keyEnd: i, end: i, braced: false };
}

/** `{…}` with balanced inner braces, on one line; the key is the trimmed content. */
function parseBracedKey(text: string, open: number): ParsedPandocKey | undefined {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return undefined;
    if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      if (depth > 0) {
        depth--;
        continue;
      }
      let keyStart = open + 1;
      let keyEnd = i;
      while (keyStart < keyEnd && isSpace(text.charCodeAt(keyStart))) keyStart++;
      while (keyEnd > keyStart && isSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
      if (keyStart === keyEnd) return undefined;
      return { key: text.slice(keyStart, keyEnd), keyStart, keyEnd, end: i + 1, braced: true };
    }
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** True if the whole of `key` parses as an unbraced key (so `@key` round-trips without braces). */
export function isSimplePandocKey(key: string): boolean {
  const parsed = parsePandocKey(key, 0);
  return parsed !== undefined && !parsed.braced && parsed.end === key.length;
}

/** `@key`, or `@{key}` when the key needs braces. */
export function formatPandocKey(key: string): string {
  return isSimplePandocKey(key) ? `@${key}` : `@{${key}}`;
}

export interface CiteStart {
  /** Start of the citation marker: the `@`, or the `-` of `-@`. */
  start: number;
  suppressAuthor: boolean;
}

/**
 * Whether the `@` at `at` may start a citation: it is not escaped (`\@`) and does not follow a
 * letter, digit or `_` (an e-mail address). A `-` directly before it suppresses the author
 * unless that `-` itself follows a word (`foo-@a`).
 */
export function citeStartAt(text: string, at: number): CiteStart | undefined {
  if (isBackslashEscaped(text, at)) return undefined;
  const prev = codePointBefore(text, at);
  if (prev === 0x2d) {
    const beforeDash = codePointBefore(text, at - 1);
    if (!isWordCodePoint(beforeDash) && !isBackslashEscaped(text, at - 1)) return { start: at - 1, suppressAuthor: true };
    return { start: at, suppressAuthor: false };
  }
  if (prev >= 0 && isWordCodePoint(prev)) return undefined;
  return { start: at, suppressAuthor: false };
}

/** Quarto cross-reference prefixes (`@fig-x`); `@Fig-x` capitalises the rendered label. */
const QUARTO_CROSSREF_PREFIXES = new Set([
  'fig', 'tbl', 'lst', 'eq', 'sec', 'thm', 'lem', 'cor', 'prp', 'cnj', 'def', 'exm', 'exr', 'sol',
  'rem', 'alg', 'tip', 'nte', 'wrn', 'imp', 'cau', 'vid',
]);
/** pandoc-crossref prefixes (`@fig:x`). */
const PANDOC_CROSSREF_PREFIXES = new Set(['fig', 'tbl', 'eq', 'sec', 'lst']);

/** True if `key` is a Quarto or pandoc-crossref cross-reference label, not a citation. */
export function isCrossReferenceKey(key: string): boolean {
  for (let i = 1; i < key.length - 1 && i <= 4; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x2d || c === 0x3a) {
      const prefix = key.slice(0, i).toLowerCase();
      return c === 0x2d ? QUARTO_CROSSREF_PREFIXES.has(prefix) : PANDOC_CROSSREF_PREFIXES.has(prefix);
    }
  }
  return false;
}
