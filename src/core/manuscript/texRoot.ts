/**
 * The `% !TEX root = main.tex` magic comment (TeXShop, TeXstudio, LaTeX Workshop): the file a
 * subfile belongs to. Editors read it only near the top, so only the first lines are searched.
 */

const MAGIC_LINES = 20;
/** Longest line looked at: a path is short, and a regular expression never sees a megabyte line. */
const MAX_LINE = 4096;
/** The comment up to `=`; what follows, trimmed, is the path (no backtracking over the rest of the line). */
const TEX_ROOT = /^[ \t]*%[ \t]*![ \t]*tex[ \t]+root[ \t]*=/i;

/** The root path named by a `% !TEX root = …` comment in the first 20 lines (any case), or undefined. */
export function texRoot(text: string): string | undefined {
  let lineStart = 0;
  for (let n = 0; n < MAGIC_LINES && lineStart <= text.length; n++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + MAX_LINE));
    const m = TEX_ROOT.exec(line);
    const path = m ? line.slice(m[0].length).trim() : '';
    if (path) return path.replace(/^(["'])(.*)\1$/, '$2');
    lineStart = lineEnd + 1;
  }
  return undefined;
}
