/**
 * pandoc's citation key grammar and the checks around an `@`. From the pandoc manual: a key
 * "must begin with a letter, digit, or _, and may contain alphanumerics, _, and internal
 * punctuation characters (:.#$%&-+?<>~/)"; punctuation counts only when a letter or digit
 * follows (so `@Foo_bar.baz.` is `Foo_bar.baz` and `@Foo_bar--baz` is `Foo_bar`), `://` is
 * allowed for URLs, and `@{…}` braces admit any key.
 */
import { BraceMatcher } from '../manuscript/braceMatcher';
import { codePointBefore, codePointLength, isAlphaNumCodePoint, isBackslashEscaped, isWordCodePoint } from '../manuscript/textScan';

export interface ParsedPandocKey {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** End of the key's source text (after a closing brace). */
  end: number;
  braced: boolean;
}

/** ASCII lookup: 1 = letter, digit or `_`; 2 = internal punctuation. Keys are scanned per keystroke. */
const ASCII_KEY_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isWordCodePoint(c)) ASCII_KEY_CLASS[c] = 1;
for (const ch of ':.#$%&-+?<>~/') ASCII_KEY_CLASS[ch.charCodeAt(0)] = 2;

function keyClass(cp: number): number {
  return cp < 0x80 ? ASCII_KEY_CLASS[cp] : isWordCodePoint(cp) ? 1 : 0;
}

/**
 * The key starting at `pos` (just after `@`), or undefined if none starts there. A scan over many
 * keys passes one `braces` matcher, so a line of unclosed `@{` is read once, not once per `@{`.
 */
export function parsePandocKey(text: string, pos: number, braces?: BraceMatcher): ParsedPandocKey | undefined {
  if (pos >= text.length) return undefined;
  const first = text.charCodeAt(pos);
  if (first === 0x7b) return parseBracedKey(text, pos, braces ?? new BraceMatcher(text));
  const firstCp = first < 0x80 ? first : text.codePointAt(pos)!;
  if (keyClass(firstCp) !== 1 || (firstCp !== 0x5f && !isAlphaNumCodePoint(firstCp))) return undefined;
  let i = pos + codePointLength(firstCp);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const cp = c < 0x80 ? c : text.codePointAt(i)!;
    const cls = keyClass(cp);
    if (cls === 1) {
      i += codePointLength(cp);
    } else if (cls === 2 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      const nextCp = next < 0x80 ? next : text.codePointAt(i + 1)!;
      if (keyClass(nextCp) === 1 || ((c === 0x3a || c === 0x2f) && next === 0x2f)) i++;
      else break;
    } else {
      break;
    }
  }
  return { key: text.slice(pos, i), keyStart: pos, keyEnd: i, end: i, braced: false };
}

/** `{…}` with balanced inner braces, on one line; the key is the trimmed content. */
function parseBracedKey(text: string, open: number, braces: BraceMatcher): ParsedPandocKey | undefined {
  const close = braces.close(open);
  if (close < 0) return undefined;
  let keyStart = open + 1;
  let keyEnd = close;
  while (keyStart < keyEnd && isSpace(text.charCodeAt(keyStart))) keyStart++;
  while (keyEnd > keyStart && isSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyStart === keyEnd) return undefined;
  return { key: text.slice(keyStart, keyEnd), keyStart, keyEnd, end: close + 1, braced: true };
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

/**
 * Where the citation marker whose `@` is at `at` starts, or -1 if that `@` cannot start one: it is
 * escaped (`\@`) or follows a letter, digit or `_` (an e-mail address). A `-` directly before it
 * (`-@a`, suppress-author) starts the marker unless that `-` itself follows a word (`foo-@a`).
 */
export function citeStartAt(text: string, at: number): number {
  if (isBackslashEscaped(text, at)) return -1;
  const prev = codePointBefore(text, at);
  if (prev === 0x2d) {
    const beforeDash = codePointBefore(text, at - 1);
    return !isWordCodePoint(beforeDash) && !isBackslashEscaped(text, at - 1) ? at - 1 : at;
  }
  return prev >= 0 && isWordCodePoint(prev) ? -1 : at;
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
