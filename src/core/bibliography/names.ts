/**
 * BibTeX name lists (`author`, `editor`): split on top-level `and`, then each name into
 * given / particle ("von") / family / suffix ("Jr") by BibTeX's own rules. Works on the LaTeX
 * value (braces still present: `{World Health Organization}` is one family name), decoding parts after.
 */
import { decodeLatex } from './latexDecode';

export interface PersonName {
  family: string;
  given?: string;
  /** "von", "van der", "de" — lowercase words before the family name. */
  particle?: string;
  /** "Jr", "III". */
  suffix?: string;
  /** A braced corporate name: never split, never abbreviated. */
  isLiteral?: boolean;
  /** `and others` → "et al." in formatted output. */
  isOthers?: boolean;
}

/** Splits a LaTeX name list into names. */
export function parseNameList(latex: string): PersonName[] {
  return splitTopLevel(latex, isAndAt).map(s => s.trim()).filter(s => s !== '').map(parseName);
}

/**
 * Family names only, decoded, for the search index: "Beck, D. B. and van der Berg, A." → ["Beck", "van der Berg"].
 * A lighter pass than parseNameList (no given names, no PersonName objects): it runs on every entry.
 */
export function familyNames(latex: string): string[] {
  const families: string[] = [];
  for (const raw of splitTopLevel(latex, isAndAt)) {
    const name = raw.trim();
    if (name === '' || name === 'others') continue;
    let depth = 0;
    let comma = -1;
    let lastSpace = -1;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c === 0x7b) depth++;
      else if (c === 0x7d) depth--;
      else if (depth === 0 && c === 0x2c) { comma = i; break; }
      else if (depth === 0 && isSpace(c)) lastSpace = i;
    }
    // "Last, First" → before the comma; "First Last" → the last word (a von part there is rare).
    families.push(decodeLatex(comma >= 0 ? name.slice(0, comma).trim() : name.slice(lastSpace + 1)));
  }
  return families;
}

/**
 * familyNames on a span of a text, without copying it: calls `visit(start, end)` with each family
 * name's span (still LaTeX, not decoded; possibly empty), in order.
 */
export function familyNameSpans(text: string, start: number, end: number, visit: (start: number, end: number) => void): void {
  let depth = 0;
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end) {
      const c = text.charCodeAt(i);
      if (c === 0x7b) { depth++; continue; }
      if (c === 0x7d) { depth = Math.max(0, depth - 1); continue; }
      if (depth > 0) continue;
      const and = isAndWithin(text, i, end);
      if (and <= 0) {
        i -= and; // past a run of spaces that is not a separator (each run is read once)
        continue;
      }
      familyNameSpan(text, from, i, visit);
      from = i + and;
      i += and - 1;
    } else {
      familyNameSpan(text, from, end, visit);
    }
  }
}

/** One name of familyNameSpans: trimmed, `others` skipped; "Last, First" → Last, "First Last" → Last. */
function familyNameSpan(text: string, start: number, end: number, visit: (start: number, end: number) => void): void {
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  if (start === end || (end - start === 6 && text.startsWith('others', start))) return;
  let depth = 0;
  let comma = -1;
  let lastSpace = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d) depth--;
    else if (depth === 0 && c === 0x2c) { comma = i; break; }
    else if (depth === 0 && isSpace(c)) lastSpace = i;
  }
  if (comma < 0) {
    visit(lastSpace < 0 ? start : lastSpace + 1, end);
    return;
  }
  let familyEnd = comma;
  while (familyEnd > start && isTrimmed(text.charCodeAt(familyEnd - 1))) familyEnd--;
  visit(start, familyEnd);
}

/** isAndAt within [.., end): the separator must end before `end`. */
function isAndWithin(s: string, i: number, end: number): number {
  if (!isSpace(s.charCodeAt(i))) return 0;
  let j = i + 1;
  while (j < end && isSpace(s.charCodeAt(j))) j++;
  const notAnd = -(j - i - 1);
  if (j + 3 >= end) return notAnd;
  if ((s.charCodeAt(j) | 0x20) !== 0x61 || (s.charCodeAt(j + 1) | 0x20) !== 0x6e || (s.charCodeAt(j + 2) | 0x20) !== 0x64) return notAnd;
  let k = j + 3;
  if (!isSpace(s.charCodeAt(k))) return notAnd;
  while (k < end && isSpace(s.charCodeAt(k))) k++;
  return k - i;
}

/** What String.prototype.trim removes. */
function isTrimmed(c: number): boolean {
  return c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function parseName(raw: string): PersonName {
  if (raw === 'others') return { family: 'others', isOthers: true };
  const commaParts = splitTopLevel(raw, (s, i) => (s.charCodeAt(i) === 0x2c ? 1 : 0)).map(p => p.trim());
  if (commaParts.length === 1) {
    const words = words0(raw);
    if (words.length === 1 && raw.startsWith('{') && raw.endsWith('}')) {
      return { family: decodeLatex(raw), isLiteral: true };
    }
    // "First von Last": the von part starts at the first lowercase word (never the last word).
    let vonStart = -1;
    let vonEnd = -1;
    for (let i = 0; i < words.length - 1; i++) {
      if (isLowercaseWord(words[i])) {
        if (vonStart < 0) vonStart = i;
        vonEnd = i + 1;
      }
    }
    if (vonStart < 0) return build(words.slice(-1), words.slice(0, -1), [], []);
    return build(words.slice(vonEnd), words.slice(0, vonStart), words.slice(vonStart, vonEnd), []);
  }
  // "von Last, First" or "von Last, Jr, First".
  const lastWords = words0(commaParts[0]);
  const given = words0(commaParts[commaParts.length - 1]);
  const suffix = commaParts.length >= 3 ? words0(commaParts[1]) : [];
  let vonEnd = 0;
  for (let i = 0; i < lastWords.length - 1; i++) if (isLowercaseWord(lastWords[i])) vonEnd = i + 1;
  return build(lastWords.slice(vonEnd), given, lastWords.slice(0, vonEnd), suffix);
}

function build(family: string[], given: string[], particle: string[], suffix: string[]): PersonName {
  const name: PersonName = { family: decodeLatex(family.join(' ')) };
  if (given.length) name.given = decodeLatex(given.join(' '));
  if (particle.length) name.particle = decodeLatex(particle.join(' '));
  if (suffix.length) name.suffix = decodeLatex(suffix.join(' '));
  return name;
}

/** A word is lowercase when its first letter at brace depth 0 is (or a `{\'e}`-style special char is). */
function isLowercaseWord(word: string): boolean {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x7b) {
      // `{\'e}` at depth 0 is a "special character": its letter decides; other groups count as uppercase-neutral.
      if (depth === 0 && word.charCodeAt(i + 1) === 0x5c) {
        const decoded = decodeLatex(word.slice(i, word.indexOf('}', i) + 1 || undefined));
        const ch = decoded.charAt(0);
        if (ch) return ch !== ch.toUpperCase();
      }
      depth++;
    } else if (c === 0x7d) depth--;
    else if (depth === 0 && /\p{L}/u.test(word[i])) return word[i] !== word[i].toUpperCase();
  }
  return false;
}

/** Whitespace-separated words at brace depth 0 (a `~` or `-` inside a word does not split it). */
function words0(s: string): string[] {
  return splitTopLevel(s, (str, i) => (isSpace(str.charCodeAt(i)) ? 1 : 0)).filter(w => w !== '');
}

/**
 * Splits at depth-0 separators; `sepAt` returns the separator's length at i, or 0, or -k to say
 * that none starts in the next k characters either (so a long run of spaces is read once).
 */
function splitTopLevel(s: string, sepAt: (s: string, i: number) => number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const n = sepAt(s, i);
      if (n > 0) {
        parts.push(s.slice(from, i));
        from = i + n;
        i += n - 1;
      } else {
        i -= n;
      }
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/**
 * ` and ` between whitespace (any case), as BibTeX splits name lists; returns the separator's
 * length, or minus the length of the rest of a space run that is not one.
 */
function isAndAt(s: string, i: number): number {
  if (!isSpace(s.charCodeAt(i))) return 0;
  let j = i + 1;
  while (isSpace(s.charCodeAt(j))) j++;
  const notAnd = -(j - i - 1);
  if ((s.charCodeAt(j) | 0x20) !== 0x61 || (s.charCodeAt(j + 1) | 0x20) !== 0x6e || (s.charCodeAt(j + 2) | 0x20) !== 0x64) return notAnd;
  let k = j + 3;
  if (!isSpace(s.charCodeAt(k))) return notAnd;
  while (isSpace(s.charCodeAt(k))) k++;
  return k - i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
