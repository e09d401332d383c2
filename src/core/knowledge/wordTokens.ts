/**
 * Splits text into words (runs of letters, digits and combining marks) with UTF-16 offsets.
 * Glossary forms are matched as word sequences with the exact separators between them, so
 * "p.Met41Thr" is [p][Met41Thr] joined by ".", and a match never starts or ends inside a word.
 */
export interface WordToken {
  readonly start: number;
  readonly end: number;
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

export function wordTokens(text: string, from = 0, to = text.length): WordToken[] {
  const tokens: WordToken[] = [];
  WORD_RE.lastIndex = from;
  for (let m = WORD_RE.exec(text); m && m.index < to; m = WORD_RE.exec(text)) {
    tokens.push({ start: m.index, end: Math.min(m.index + m[0].length, to) });
  }
  return tokens;
}
