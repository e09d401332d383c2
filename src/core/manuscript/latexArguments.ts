/**
 * Reading LaTeX macro arguments from raw text: skipping the spaces and `%` comments TeX ignores
 * between a command and its arguments, and finding the end of a `{…}`, `[…]` or `(…)` argument.
 * A blank line (TeX's `\par`) ends the search: arguments never span paragraphs, which also keeps
 * an unclosed brace from costing a scan to the end of the document.
 */
import type { RangeCursor, TextRange } from './textScan';

/**
 * The next backslash at or after `from` that is not inside a region `masked` covers (comments,
 * verbatim…), or -1: how every LaTeX command walk advances. Positions must not decrease between calls.
 */
export function nextCommandStart(text: string, from: number, masked: RangeCursor<TextRange>): number {
  for (let i = text.indexOf('\\', from); i >= 0;) {
    const region = masked.rangeAt(i);
    if (!region) return i;
    i = text.indexOf('\\', region.end);
  }
  return -1;
}

/** End of the control word whose backslash is at `backslash` (`backslash + 1` for a control symbol). */
export function controlWordEnd(text: string, backslash: number): number {
  let i = backslash + 1;
  for (;;) {
    const c = text.charCodeAt(i) | 0x20; // fold case
    if (c < 0x61 || c > 0x7a) return i;
    i++;
  }
}

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
 * brace depth zero count, and nested pairs of the same kind are allowed. For repeated queries on
 * one text, use a `LatexArgumentMatcher`.
 */
export function findArgumentEnd(text: string, open: number): number {
  return new LatexArgumentMatcher(text).end(open);
}

/**
 * `findArgumentEnd` with memory: every nested opener met during a search gets its answer recorded,
 * so a run of unclosed `\cite{` costs one walk to the paragraph end instead of one per opener.
 */
export class LatexArgumentMatcher {
  private readonly known = new Map<number, number>();

  constructor(private readonly text: string) {}

  end(open: number): number {
    const known = this.known.get(open);
    if (known !== undefined) return known;
    const text = this.text;
    const openCode = text.charCodeAt(open);
    const braceKind = openCode === 0x7b;
    const closeCode = braceKind ? 0x7d : openCode === 0x5b ? 0x5d : 0x29;
    /** Openers of the same kind nested inside this argument, innermost last. */
    const nested: number[] = [];
    let braces = 0;
    let lineHasText = true;
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        i++;
        lineHasText = true;
        continue;
      }
      if (c === 0x25) {
        const nl = text.indexOf('\n', i);
        if (nl < 0) break;
        i = nl; // the loop's i++ moves past the line break, which the comment swallows
        lineHasText = false;
        continue;
      }
      if (c === 0x0a) {
        if (!lineHasText) break; // a blank line: \par ends every argument
        lineHasText = false;
        continue;
      }
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) lineHasText = true;
      if (braceKind) {
        if (c === 0x7b) nested.push(i);
        else if (c === 0x7d) {
          const inner = nested.pop();
          if (inner === undefined) return i;
          this.known.set(inner, i);
        }
      } else if (c === 0x7b) {
        braces++;
      } else if (c === 0x7d) {
        if (braces === 0) break; // a stray `}` ends the enclosing group first
        braces--;
      } else if (braces === 0) {
        if (c === openCode) nested.push(i);
        else if (c === closeCode) {
          const inner = nested.pop();
          if (inner === undefined) return i;
          this.known.set(inner, i);
        }
      }
    }
    // Unclosed: so is every nested opener still waiting. (Successes of top-level queries are not
    // stored: nobody asks twice, and a map entry per argument would cost more than it saves.)
    this.known.set(open, -1);
    for (const p of nested) this.known.set(p, -1);
    return -1;
  }
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
