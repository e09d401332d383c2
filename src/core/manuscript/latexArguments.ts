/**
 * Reading LaTeX macro arguments from raw text: skipping the spaces and `%` comments TeX ignores
 * between a command and its arguments, and finding the end of a `{…}`, `[…]` or `(…)` argument.
 * A blank line (TeX's `\par`) ends the search: arguments never span paragraphs, which also keeps
 * an unclosed brace from costing a scan to the end of the document.
 */
import { NeedleFinder } from './needleFinder';
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
 * `findArgumentEnd` with memory. The first question about a paragraph reads it once, from the
 * opener asked about to the paragraph's end, matching every `{…}`, `[…]` and `(…)` on the way
 * (brackets and parentheses within their brace group, as a search from each opener would), so any
 * run of unclosed `\cite{`, `\cite[{` or `\cite(` costs one walk of the paragraph in all.
 */
export class LatexArgumentMatcher {
  private readonly known = new Map<number, number>();

  constructor(private readonly text: string) {}

  end(open: number): number {
    const known = this.known.get(open);
    if (known !== undefined) return known;
    // Not met by an earlier pass (the first question about this paragraph): read it from here.
    this.readParagraph(open);
    return this.known.get(open) ?? -1;
  }

  /** Matches every opener from `from` to the end of its paragraph (a blank line) or of the text. */
  private readParagraph(from: number): void {
    const text = this.text;
    const known = this.known;
    /** Brace groups, innermost last: the `{` (or -1 for the stretch's top), and its open `[` and `(`. */
    const groups: Array<{ brace: number; brackets: number[]; parens: number[] }> = [{ brace: -1, brackets: [], parens: [] }];
    const fail = (group: { brackets: number[]; parens: number[] }): void => {
      for (const p of group.brackets) known.set(p, -1);
      for (const p of group.parens) known.set(p, -1);
      group.brackets.length = 0;
      group.parens.length = 0;
    };
    let lineHasText = true;
    for (let i = from; i < text.length; i++) {
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
      const group = groups[groups.length - 1];
      if (c === 0x7b) {
        groups.push({ brace: i, brackets: [], parens: [] });
      } else if (c === 0x7d) {
        // Closes the innermost group: its unclosed `[`/`(` can no longer close (the `}` ends them first).
        fail(group);
        if (groups.length > 1) {
          groups.pop();
          known.set(group.brace, i);
        }
      } else if (c === 0x5b) {
        group.brackets.push(i);
      } else if (c === 0x5d) {
        const o = group.brackets.pop();
        if (o !== undefined) known.set(o, i);
      } else if (c === 0x28) {
        group.parens.push(i);
      } else if (c === 0x29) {
        const o = group.parens.pop();
        if (o !== undefined) known.set(o, i);
      }
    }
    for (const g of groups) {
      fail(g);
      if (g.brace >= 0) known.set(g.brace, -1);
    }
    if (!known.has(from)) known.set(from, -1); // not an opener after all (escaped): asked once
  }
}

/** Index of the first `\end{name}` at or after `from`, or undefined. */
export function findEnvironmentEnd(text: string, name: string, from: number): { start: number; end: number } | undefined {
  return new EnvironmentEnds(text).find(name, from);
}

/**
 * `findEnvironmentEnd` with memory per environment name: a document of many unclosed
 * `\begin{equation}` searches for `\end{equation}` once, not once per `\begin`.
 */
export class EnvironmentEnds {
  private readonly finders = new Map<string, { plain: NeedleFinder; spacedFrom: number; spaced: { start: number; end: number } | undefined }>();

  constructor(private readonly text: string) {}

  find(name: string, from: number): { start: number; end: number } | undefined {
    let finder = this.finders.get(name);
    if (!finder) {
      finder = { plain: new NeedleFinder(this.text, `\\end{${name}}`), spacedFrom: Number.POSITIVE_INFINITY, spaced: undefined };
      this.finders.set(name, finder);
    }
    const at = finder.plain.find(from);
    const plain = at >= 0 ? { start: at, end: at + name.length + 6 } : undefined;
    // `\end {name}` with spaces is legal TeX: searched too, and its answer remembered the same way.
    if (!(from >= finder.spacedFrom && (finder.spaced === undefined || from <= finder.spaced.start))) {
      const spaced = new RegExp(`\\\\end\\s*\\{\\s*${escapeRegExp(name)}\\s*\\}`, 'g');
      spaced.lastIndex = from;
      const m = spaced.exec(this.text);
      finder.spacedFrom = from;
      finder.spaced = m ? { start: m.index, end: m.index + m[0].length } : undefined;
    }
    const spaced = finder.spaced;
    if (!plain) return spaced;
    return spaced && spaced.start < plain.start ? spaced : plain;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
