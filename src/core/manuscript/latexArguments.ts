/**
 * Reading LaTeX macro arguments from raw text: skipping the spaces and `%` comments TeX ignores
 * between a command and its arguments, and finding the end of a `{…}`, `[…]` or `(…)` argument.
 * A blank line (TeX's `\par`) ends the search: arguments never span paragraphs, which also keeps
 * an unclosed brace from costing a scan to the end of the document.
 */

/** Position after the spaces, single line breaks and `%` comments at `pos`; stops before a blank line. */
export function skipLatexSpace(text: string, pos: number, limit = text.length): number {
  let newlines = 0;
  while (pos < limit) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      pos++;
    } else if (c === 0x0a) {
      if (++newlines > 1) return pos;
      pos++;
    } else if (c === 0x25 /* % */) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return limit;
      pos = nl + 1;
      newlines = 1; // the comment swallows its line break, but the next line may still be blank
    } else {
      break;
    }
  }
  return pos;
}

/**
 * Index of the delimiter closing the argument opened at `open` (`{`, `[` or `(`), or -1.
 * Escapes (`\}`), comments and nested braces are honoured; in `[…]` and `(…)` only delimiters at
 * brace depth zero count, and nested pairs of the same kind are allowed.
 */
export function findArgumentEnd(text: string, open: number, limit = text.length): number {
  const openCode = text.charCodeAt(open);
  const closeCode = openCode === 0x7b ? 0x7d : openCode === 0x5b ? 0x5d : 0x29;
  let braces = 0;
  let same = 0;
  let lineHasText = true;
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i++;
      lineHasText = true;
    } else if (c === 0x25) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= limit) return -1;
      i = nl; // the loop's i++ moves past the line break, which the comment swallows
      lineHasText = false;
      continue;
    } else if (c === 0x0a) {
      if (!lineHasText) return -1;
      lineHasText = false;
      continue;
    } else if (c === 0x7b) {
      braces++;
    } else if (c === 0x7d) {
      // At depth zero a `}` closes a brace argument, or ends the enclosing group of a `[`/`(` one.
      if (braces === 0) return closeCode === 0x7d ? i : -1;
      braces--;
    } else if (braces === 0 && closeCode !== 0x7d) {
      if (c === openCode) same++;
      else if (c === closeCode) {
        if (same === 0) return i;
        same--;
      }
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) lineHasText = true;
  }
  return -1;
}

/** Index of the first `\end{name}` at or after `from`, or -1. */
export function findEnvironmentEnd(text: string, name: string, from: number): { start: number; end: number } | undefined {
  const needle = `\\end{${name}}`;
  const at = text.indexOf(needle, from);
  if (at >= 0) return { start: at, end: at + needle.length };
  // `\end {name}` with a space is legal TeX; rare, so only tried when the common form is missing.
  const spaced = new RegExp(`\\\\end\\s*\\{\\s*${escapeRegExp(name)}\\s*\\}`, 'g');
  spaced.lastIndex = from;
  const m = spaced.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
