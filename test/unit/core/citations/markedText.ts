/**
 * Test inputs with their expectations written inline: `⟦` and `⟧` mark the ranges a scanner must
 * report, `‸` marks a cursor. The markers are removed, so offsets are those of the clean text.
 */
export interface MarkedText {
  text: string;
  ranges: Array<{ start: number; end: number }>;
  cursor: number;
}

export function parseMarked(marked: string): MarkedText {
  let text = '';
  const ranges: Array<{ start: number; end: number }> = [];
  let open = -1;
  let cursor = -1;
  for (const ch of marked) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      ranges.push({ start: open, end: text.length });
      open = -1;
    } else if (ch === '‸') cursor = text.length;
    else text += ch;
  }
  return { text, ranges, cursor };
}

/** `[key, start, end]` triples: the key read from the marked range, so key and offsets are checked together. */
export function expectedTriples(marked: MarkedText): Array<[string, number, number]> {
  return marked.ranges.map(r => [marked.text.slice(r.start, r.end), r.start, r.end]);
}
