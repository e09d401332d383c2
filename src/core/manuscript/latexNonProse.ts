/**
 * Non-prose regions of LaTeX: `%` comments, verbatim environments and inline verbatim, math
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, display environments) and URLs. One forward pass over the
 * characters that matter (`\`, `%`, `$`); a control sequence is consumed whole, so `\%` and `\$`
 * are literal and `\\%` is a line break followed by a comment.
 */
import { BraceMatcher } from './braceMatcher';
import { EnvironmentEnds, LatexArgumentMatcher, skipLatexSpace } from './latexArguments';
import { NeedleFinder } from './needleFinder';
import type { NonProseRegion } from './nonProseTypes';
import { lineEndAt, paragraphEndFinder } from './textScan';

/** Environments whose body TeX reads verbatim (or, for `comment`, skips). */
export const VERBATIM_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'spverbatim',
  'lstlisting', 'minted', 'comment', 'filecontents', 'filecontents*', 'Sinput', 'Soutput', 'Scode',
]);

export const MATH_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'equation', 'equation*', 'align', 'align*', 'alignat', 'alignat*', 'flalign', 'flalign*',
  'gather', 'gather*', 'multline', 'multline*', 'eqnarray', 'eqnarray*', 'displaymath', 'math',
]);

const CONTROL_WORD = /[A-Za-z]+/y;
const CONTROL_WORDS_WITH_REGIONS = new Set(['verb', 'Verb', 'lstinline', 'mintinline', 'begin', 'url', 'href']);
const REGION_WORD_INITIALS = new Set([...CONTROL_WORDS_WITH_REGIONS].map(w => w.charCodeAt(0)));
const ENVIRONMENT_NAME = /\{\s*([A-Za-z]+\*?)\s*\}/y;

export function findLatexNonProse(text: string): NonProseRegion[] {
  const regions: NonProseRegion[] = [];
  const paragraphEnd = paragraphEndFinder(text, text.length);
  const parenMathEnd = new NeedleFinder(text, '\\)');
  const bracketMathEnd = new NeedleFinder(text, '\\]');
  const scan: RegionScan = { matcher: new LatexArgumentMatcher(text), braces: new BraceMatcher(text), environments: new EnvironmentEnds(text) };
  let noDollarCloserBefore = -1;
  const special = /[\\%$]/g;
  while (special.test(text)) {
    const i = special.lastIndex - 1;
    const c = text.charCodeAt(i);
    let region: NonProseRegion | undefined;
    let resume = i + 1;
    if (c === 0x25 /* % */) {
      region = { start: i, end: lineEndAt(text, i), kind: 'comment' };
    } else if (c === 0x24 /* $ */) {
      const display = text.charCodeAt(i + 1) === 0x24;
      const open = display ? i + 2 : i + 1;
      resume = open;
      if (i >= noDollarCloserBefore) {
        const limit = paragraphEnd(i);
        const close = dollarCloser(text, open, limit, display);
        if (close >= 0) region = { start: i, end: close, kind: 'math' };
        else noDollarCloserBefore = limit;
      }
    } else {
      CONTROL_WORD.lastIndex = i + 1;
      if (!CONTROL_WORD.test(text)) {
        const next = text.charCodeAt(i + 1);
        resume = i + 2; // a control symbol: `\%`, `\$`, `\\`, …
        if (next === 0x28 || next === 0x5b) {
          const finder = next === 0x28 ? parenMathEnd : bracketMathEnd;
          const close = finder.find(i + 2);
          if (close >= 0 && close < paragraphEnd(i)) region = { start: i, end: close + 2, kind: 'math' };
        }
      } else {
        resume = CONTROL_WORD.lastIndex;
        // Slice (allocate) a name only when its first letter may start one of the few that matter.
        if (REGION_WORD_INITIALS.has(text.charCodeAt(i + 1))) {
          const name = text.slice(i + 1, resume);
          if (CONTROL_WORDS_WITH_REGIONS.has(name)) region = controlWordRegion(text, i, name, resume, scan);
        }
      }
    }
    if (region) {
      regions.push(region);
      resume = Math.max(resume, region.end);
    }
    special.lastIndex = resume;
  }
  return regions;
}

/** What one pass shares between its look-aheads, so that none of them repeats a search. */
interface RegionScan {
  matcher: LatexArgumentMatcher;
  braces: BraceMatcher;
  environments: EnvironmentEnds;
}

/** The region a control word opens (verbatim, math environment, URL), if any. */
function controlWordRegion(text: string, start: number, name: string, after: number, scan: RegionScan): NonProseRegion | undefined {
  const matcher = scan.matcher;
  switch (name) {
    case 'verb':
    case 'Verb': {
      let pos = after;
      if (text.charCodeAt(pos) === 0x2a /* * */) pos++;
      if (name === 'Verb' && text.charCodeAt(pos) === 0x5b) pos = Math.max(pos, matcher.end(pos) + 1);
      return { start, end: inlineVerbatimEnd(text, pos), kind: 'verbatim' };
    }
    case 'lstinline':
    case 'mintinline': {
      let pos = skipLatexSpace(text, after);
      if (text.charCodeAt(pos) === 0x5b) pos = Math.max(pos, matcher.end(pos) + 1);
      if (name === 'mintinline' && text.charCodeAt(pos) === 0x7b) {
        const langEnd = matcher.end(pos);
        if (langEnd < 0) return undefined;
        pos = langEnd + 1;
      }
      return { start, end: inlineVerbatimEnd(text, pos), kind: 'verbatim' };
    }
    case 'begin': {
      ENVIRONMENT_NAME.lastIndex = skipLatexSpace(text, after);
      const env = ENVIRONMENT_NAME.exec(text);
      if (!env) return undefined;
      const bodyStart = ENVIRONMENT_NAME.lastIndex;
      if (VERBATIM_ENVIRONMENTS.has(env[1])) {
        const end = scan.environments.find(env[1], bodyStart);
        return { start, end: end ? end.end : text.length, kind: 'verbatim' };
      }
      if (MATH_ENVIRONMENTS.has(env[1])) {
        const end = scan.environments.find(env[1], bodyStart);
        return end ? { start, end: end.end, kind: 'math' } : undefined;
      }
      return undefined;
    }
    case 'url':
    case 'href': {
      const open = skipLatexSpace(text, after);
      if (text.charCodeAt(open) !== 0x7b) return undefined;
      const close = scan.braces.close(open);
      return close < 0 ? undefined : { start, end: close + 1, kind: 'url' };
    }
    default:
      return undefined;
  }
}

/** End of inline verbatim text starting at its delimiter: `|…|`, `+…+`, or `{…}`; never past the line. */
function inlineVerbatimEnd(text: string, delimiterPos: number): number {
  const open = text.charCodeAt(delimiterPos);
  if (delimiterPos >= text.length || open === 0x0a) return delimiterPos;
  const close = open === 0x7b ? 0x7d : open;
  for (let i = delimiterPos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === close) return i + 1;
    if (c === 0x0a) return i;
  }
  return text.length;
}

/** End (after the closing `$` or `$$`) of math opened before `from`, or -1 before `limit`. */
function dollarCloser(text: string, from: number, limit: number, display: boolean): number {
  for (let j = from; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x25) j = lineEndAt(text, j);
    else if (c === 0x24) {
      if (!display) return j + 1;
      if (text.charCodeAt(j + 1) === 0x24) return j + 2;
    }
  }
  return -1;
}
