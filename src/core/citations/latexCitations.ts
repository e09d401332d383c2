/**
 * LaTeX citations: every key of every citation command outside comments, verbatim and URLs.
 * One pass over control sequences; `\\cite` is a line break followed by the word "cite".
 */
import type { NonProseKind, NonProseRegion } from '../manuscript/nonProseRegions';
import { controlWordEnd, LatexArgumentMatcher, nextCommandStart } from '../manuscript/latexArguments';
import { lineStartAt, RangeCursor } from '../manuscript/textScan';
import { citationCommandFilter, citationCommandLookup, forEachLatexKey, LatexCitationCommand, parseLatexCitationCommand } from './latexCitationCommands';
import type { Citation } from './types';

/** Where TeX never sees a citation. Math is not here: `\text{\cite{a}}` inside math still cites. */
export const LATEX_CITATION_FREE_KINDS: ReadonlySet<NonProseKind> = new Set<NonProseKind>(['comment', 'verbatim', 'url']);

export function findLatexCitations(text: string, regions: readonly NonProseRegion[], extraCommands?: readonly string[]): Citation[] {
  const lookup = citationCommandLookup(extraCommands);
  const mayCite = citationCommandFilter(extraCommands);
  const masked = new RangeCursor(regions.filter(r => LATEX_CITATION_FREE_KINDS.has(r.kind)));
  const citations: Citation[] = [];
  const matcher = new LatexArgumentMatcher(text);
  for (let start = nextCommandStart(text, 0, masked); start >= 0; ) {
    const nameEnd = controlWordEnd(text, start);
    let next = nameEnd === start + 1 ? start + 2 : nameEnd; // a control symbol such as `\\` is consumed whole
    const name = mayCite(text, start + 1, nameEnd) ? text.slice(start + 1, nameEnd) : '';
    const shape = name ? lookup(name) : undefined;
    const command = shape && parseLatexCitationCommand(text, start, name, nameEnd, shape, false, matcher, false);
    if (command) {
      const group = { start: command.start, end: command.end };
      const kind = command.name === 'nocite' ? 'nocite' : 'latex';
      for (const arg of command.keyArguments) {
        const keyList = { start: arg.open + 1, end: arg.close };
        forEachLatexKey(text, arg.open + 1, arg.close, (s, e) => {
          citations.push({ key: text.slice(s, e), start: s, end: e, command: command.name, starred: command.starred, kind, group, keyList });
        });
      }
      next = command.end;
    }
    start = nextCommandStart(text, next, masked);
  }
  return citations;
}

/** How far back a citation command around the cursor may start; arguments never span pages of text. */
const COMMAND_LOOKBACK = 4096;

/**
 * The citation command whose text reaches `offset` (it starts before `offset` and ends at or after
 * it; with `allowUnclosed`, a final unclosed `{` reaches to the end of its line), or undefined.
 * Commands in comments, verbatim or URLs do not count.
 */
export function findLatexCitationCommandAround(
  text: string, offset: number, regions: readonly NonProseRegion[], extraCommands?: readonly string[], allowUnclosed = false,
): LatexCitationCommand | undefined {
  const lookup = citationCommandLookup(extraCommands);
  const masked = new RangeCursor(regions.filter(r => LATEX_CITATION_FREE_KINDS.has(r.kind)));
  const matcher = new LatexArgumentMatcher(text);
  let found: LatexCitationCommand | undefined;
  for (let start = nextCommandStart(text, lineStartAt(text, Math.max(0, offset - COMMAND_LOOKBACK)), masked); start >= 0 && start < offset; ) {
    const nameEnd = controlWordEnd(text, start);
    let next = nameEnd === start + 1 ? start + 2 : nameEnd;
    const name = text.slice(start + 1, nameEnd);
    const shape = name ? lookup(name) : undefined;
    const command = shape && parseLatexCitationCommand(text, start, name, nameEnd, shape, allowUnclosed, matcher);
    if (command) {
      if (command.end >= offset) found = command;
      next = Math.max(next, command.end);
    }
    start = nextCommandStart(text, next, masked);
  }
  return found;
}
