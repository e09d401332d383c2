/**
 * The `% !TEX root = main.tex` magic comment (TeXShop, TeXstudio, LaTeX Workshop): the file a
 * subfile belongs to. Editors read it only near the top, so only the first lines are searched.
 */

const MAGIC_LINES = 20;
const TEX_ROOT = /^\s*%\s*!\s*tex\s+root\s*=\s*(.*?)\s*$/i;

/** The root path named by a `% !TEX root = …` comment in the first 20 lines (any case), or undefined. */
export function texRoot(text: string): string | undefined {
  let lineStart = 0;
  for (let n = 0; n < MAGIC_LINES && lineStart <= text.length; n++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const m = TEX_ROOT.exec(text.slice(lineStart, lineEnd));
    if (m && m[1]) return m[1].replace(/^(["'])(.*)\1$/, '$2');
    lineStart = lineEnd + 1;
  }
  return undefined;
}
