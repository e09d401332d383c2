import { isBlankSpan, lineEndAt } from './textScan';
import { parseYamlSubset, YamlNode } from './yamlSubset';

/** A YAML front matter block: `---` on the very first line, closed by `---` or `...`. */
export interface FrontMatter {
  /** Start of the opening `---` (after a byte order mark, if any). */
  start: number;
  /** End of the closing delimiter line (before its line break). */
  end: number;
  /** The YAML text lies in `[contentStart, contentEnd)`. */
  contentStart: number;
  contentEnd: number;
}

/** The front matter block of a Markdown document, or undefined (an unclosed `---` is a rule, not metadata). */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return undefined;
  const firstEnd = lineEndAt(text, start);
  if (!isBlankSpan(text, start + 3, firstEnd) || firstEnd >= text.length) return undefined;
  const contentStart = firstEnd + 1;
  let lineStart = contentStart;
  while (lineStart < text.length) {
    const end = lineEndAt(text, lineStart);
    if ((text.startsWith('---', lineStart) || text.startsWith('...', lineStart)) && isBlankSpan(text, lineStart + 3, end)) {
      return { start, end, contentStart, contentEnd: lineStart };
    }
    lineStart = end + 1;
  }
  return undefined;
}

/** The front matter parsed as YAML (a mapping when well formed), or undefined. */
export function parseFrontMatter(text: string): YamlNode | undefined {
  const fm = findFrontMatter(text);
  return fm ? parseYamlSubset(text, fm.contentStart, fm.contentEnd) : undefined;
}
