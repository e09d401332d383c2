import * as assert from 'assert';
import { isProseAt, proseRanges } from '../../../../src/core/knowledge/proseRanges';
import { parseMarked } from '../citations/markedText';

/** [what, input with the prose marked ⟦…⟧ (exactly the ranges expected)]. */
const MARKDOWN: Array<[string, string]> = [
  ['plain text', '⟦Hello VEXAS world.⟧'],
  ['code span', '⟦Use ⟧`UBA1`⟦ here⟧'],
  ['fenced code', '⟦Text\n⟧```\nVEXAS\n```⟦\nmore⟧'],
  ['math', '⟦Let ⟧$x$⟦ be⟧'],
  ['html comment', '⟦A ⟧<!-- VEXAS -->⟦ B⟧'],
  ['front matter', '---\ntitle: VEXAS\n---⟦\nBody⟧'],
  ['citation keys are not prose', '⟦Seen in [see ⟧@vexas2020⟦, p. 3].⟧'],
  ['cross-references are not prose', '⟦See ⟧@fig-vexas⟦.⟧'],
  ['link destination', '⟦[VEXAS]⟧(https://vexas.org)⟦ x⟧'],
];

const LATEX: Array<[string, string]> = [
  ['plain text', '⟦VEXAS syndrome⟧'],
  ['command names', '\\emph⟦{VEXAS} text⟧'],
  ['labels and refs', '⟦See ⟧\\ref{sec:vexas}⟦ and ⟧\\label{x}⟦.⟧'],
  ['citation keys; notes stay prose', '⟦Shown ⟧\\cite⟦[see]⟧{vexas2020}⟦.⟧'],
  ['comment', '⟦Text ⟧% VEXAS⟦\nmore⟧'],
  ['math', '⟦Let ⟧$x$⟦ and ⟧\\[y\\]⟦.⟧'],
  ['math environment', '\\begin{equation}x\\end{equation}⟦ text⟧'],
  ['verbatim', '\\begin{verbatim}VEXAS\\end{verbatim}⟦ t⟧'],
  ['environment names', '\\begin{itemize}⟦ x ⟧\\end{itemize}'],
  ['package options', '\\usepackage[utf8]{inputenc}⟦ x⟧'],
  ['escaped percent', '⟦50⟧\\%⟦ of VEXAS⟧'],
];

describe('core/manuscript: prose ranges', () => {
  for (const [language, cases] of [['markdown', MARKDOWN], ['latex', LATEX]] as const) {
    for (const [what, input] of cases) {
      it(`${language}: ${what}`, () => {
        const marked = parseMarked(input);
        assert.deepStrictEqual(proseRanges(marked.text, language), marked.ranges);
      });
    }
  }

  it('isProseAt agrees with the ranges', () => {
    const text = 'VEXAS `UBA1` [@key] $x$ done';
    assert.strictEqual(isProseAt(text, 0, 'markdown'), true);
    assert.strictEqual(isProseAt(text, 7, 'markdown'), false); // inside the code span
    assert.strictEqual(isProseAt(text, 15, 'markdown'), false); // the citation key
    assert.strictEqual(isProseAt(text, 21, 'markdown'), false); // math
    assert.strictEqual(isProseAt(text, 25, 'markdown'), true);
    assert.strictEqual(isProseAt('a % b', 4, 'latex'), false);
  });
});
