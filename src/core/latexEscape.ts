/** Text as LaTeX source: for running text, and for BibTeX field values, where braces must stay balanced. */

const LATEX_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', '_': '\\_', '#': '\\#', '$': '\\$',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}', '<': '\\textless{}', '>': '\\textgreater{}',
};

/** Text for LaTeX running text: the specials % & _ # $ { } ~ ^ \ (and < >, which OT1 fonts misprint). */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}%&_#$~^<>]/g, c => LATEX_ESCAPES[c]);
}

/**
 * The same for a BibTeX field value: BibTeX counts braces even after a backslash, so `\{` alone would
 * end the field early; < and > are left as written (biber and pandoc read them as text).
 */
export function escapeBibtexValue(text: string): string {
  return text.replace(/[\\{}%&_#$~^]/g, c => (c === '{' ? '\\textbraceleft{}' : c === '}' ? '\\textbraceright{}' : LATEX_ESCAPES[c]));
}
