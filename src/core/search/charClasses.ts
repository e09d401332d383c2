/**
 * Character classes of the word scanner, and its word hash (FNV-1a).
 *
 * A word is a run of [a-z0-9] or a run of other letters/digits/marks (\p{L}\p{N}\p{M}) of the
 * normalised text; key parts further split letters from digits ("beck2020" → beck, 2020).
 * Punctuation (– “ ” …) is never a word. The scanner below reads raw text and folds as it goes
 * (É → e, ß → ss), so titles and names are neither copied nor normalised as whole strings; text it
 * cannot fold character by character (other scripts) is normalised first, with the same result.
 */
import { normalizeForSearch } from './normalize';

export const enum Cls { Sep = 0, Alpha = 1, Digit = 2, Other = 3, Skip = 4, Fold = 5, Bail = 6, Brace = 7 }
/** Classes of ASCII characters in raw text (uppercase letters fold to lowercase). */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_CLASS[c] = Cls.Digit;
for (let c = 0x41; c <= 0x5a; c++) ASCII_CLASS[c] = Cls.Alpha;
for (let c = 0x61; c <= 0x7a; c++) ASCII_CLASS[c] = Cls.Alpha;
/** U+0080..U+024F (Latin-1, Latin Extended-A/B): class, and for Fold/Other what the character becomes. */
export const LATIN_FIRST = 0x80;
export const LATIN_END = 0x250;
export const LATIN_CLASS = new Uint8Array(LATIN_END - LATIN_FIRST);
export const LATIN_FOLD: string[] = [];
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
for (let c = LATIN_FIRST; c < LATIN_END; c++) {
  const n = normalizeForSearch(String.fromCharCode(c));
  let cls: Cls;
  if (n === '') cls = Cls.Skip;
  else if (/^[a-z0-9]+$/.test(n)) cls = Cls.Fold;
  else if (n.length === 1 && n.charCodeAt(0) >= 0x80 && WORD_CHAR.test(n)) cls = Cls.Other;
  else if (!/[a-z0-9]/.test(n) && !WORD_CHAR.test(n.replace(/[\x00-\x7f]/g, ''))) cls = Cls.Sep; // eslint-disable-line no-control-regex
  else cls = Cls.Bail;
  LATIN_CLASS[c - LATIN_FIRST] = cls;
  LATIN_FOLD.push(n);
}
/** Classes of characters >= U+0250 in normalised text, filled on first sight (0 = not yet known). */
const OTHER_CLASS = new Uint8Array(0x10000);

export function normalizedClass(c: number): Cls {
  if (c >= 0xd800 && c <= 0xdfff) return Cls.Other; // astral letters (CJK ext., math) stay together
  let cls = OTHER_CLASS[c];
  if (cls === 0) {
    cls = (WORD_CHAR.test(String.fromCharCode(c)) ? Cls.Other : Cls.Sep) + 1;
    OTHER_CLASS[c] = cls;
  }
  return cls - 1;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}


export const FNV_SEED = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;
