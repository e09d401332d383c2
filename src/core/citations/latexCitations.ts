/**
 * LaTeX citations: every key of every citation command outside comments, verbatim and URLs.
 * One pass over control sequences; `\\cite` is a line break followed by the word "cite".
 */
import type { NonProseKind, NonProseRegion } from '../manuscript/nonProseRegions';
import { lineStartAt, RangeCursor } from '../manuscript/textScan';
import { citationCommandLookup, LatexCitationCommand, parseLatexCitationCommand } from './latexCitationCommands';
import type { Citation } from './types';

/** Where TeX never sees a citation. Math is not here: `\text{\cite{a}}` inside math still cites. */
export const LATEX_CITATION_FREE_KINDS: ReadonlySet<NonProseKind> = new Set<NonProseKind>(['comment', 'verbatim', 'url']);

export function findLatexCitations(text: string, regions: readonly NonProseRegion[], extraCommands?: readonly string[]): Citation[] {
  const lookup = citationCommandLookup(extraCommands);
  const masked = new RangeCursor(regions.filter(r => LATEX_CITATION_FREE_KINDS.has(r.kind)));
  const citations: Citation[] = [];
  const controlSequence = /\\(?:([A-Za-z]+)|[\s\S])/g;
  for (let m = controlSequence.exec(text); m !== null; m = controlSequence.exec(text)) {
    const region = masked.rangeAt(m.index);
    if (region) {
      controlSequence.lastIndex = region.end;
      continue;
    }
    const name = m[1];
    if (name === undefined) continue;
    const shape = lookup(name);
    if (!shape) continue;
    const command = parseLatexCitationCommand(text, m.index, name, controlSequence.lastIndex, shape);
    if (!command) continue;
    const group = { start: command.start, end: command.end };
    for (const arg of command.keyArguments) {
      const keyList = { start: arg.open + 1, end: arg.close };
      for (const k of arg.keys) {
        citations.push({
          key: k.key, start: k.start, end: k.end, command: name, starred: command.starred,
          kind: name === 'nocite' ? 'nocite' : 'latex', group, keyList,
        });
      }
    }
    controlSequence.lastIndex = command.end;
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
  const controlSequence = /\\(?:([A-Za-z]+)|[\s\S])/g;
  controlSequence.lastIndex = lineStartAt(text, Math.max(0, offset - COMMAND_LOOKBACK));
  let found: LatexCitationCommand | undefined;
  for (let m = controlSequence.exec(text); m !== null && m.index < offset; m = controlSequence.exec(text)) {
    const region = masked.rangeAt(m.index);
    if (region) {
      controlSequence.lastIndex = region.end;
      continue;
    }
    const name = m[1];
    const shape = name === undefined ? undefined : lookup(name);
    if (!name || !shape) continue;
    const command = parseLatexCitationCommand(text, m.index, name, controlSequence.lastIndex, shape, allowUnclosed);
    if (!command) continue;
    if (command.end >= offset) found = command;
    controlSequence.lastIndex = Math.max(controlSequence.lastIndex, command.end);
  }
  return found;
}
