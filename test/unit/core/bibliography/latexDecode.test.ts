import * as assert from 'assert';
import { decodeLatex, decodeFieldValue } from '../../../../src/core/bibliography/latexDecode';

describe('core/bibliography/latexDecode', () => {
  const cases: Array<[string, string]> = [
    ["\\'e {\\'e} {\\'{e}} \\'{e}", 'é é é é'],
    ['\\"o {\\"O} \\^a \\`a \\~n', 'ö Ö â à ñ'],
    ['\\c{c} \\c c \\v{s} \\v s \\u{a} \\H{o} \\k{a} \\r{a} \\.{z} \\={a}', 'ç ç š š ă ő ą å ż ā'],
    ['\\aa{} \\AA{} {\\o} \\O{} \\ss{} \\ae{} \\AE{} \\oe{} \\OE{} \\l{} \\L{}', 'å Å ø Ø ß æ Æ œ Œ ł Ł'],
    ['\\AA \\o', 'Åø'], // TeX: a control word swallows the spaces after it
    ["{\\i} \\i{} \\'{\\i} {\\'\\i} Garc{\\'\\i}a", 'ı ı í í García'],
    ['Stra\\ss e', 'Straße'],
    ['\\& \\% \\$ \\# \\_ \\{ \\}', '& % $ # _ { }'],
    ['J.~Organomet.~Chem.', 'J. Organomet. Chem.'],
    ['1--10, a---b', '1–10, a—b'],
    ["``quoted'' and `single'", '“quoted” and ‘single\''],
    ['\\textendash{} \\textemdash{} \\textquoteleft x\\textquoteright', '– — ‘x’'],
    ['{Protected} {{Double}} {UBA1}', 'Protected Double UBA1'],
    ['  lots\n of\t\twhitespace  ', 'lots of whitespace'],
    ['\\textit{E. coli} and \\emph{in vivo} \\textbf{bold}', 'E. coli and in vivo bold'],
    ['\\enquote*{single} \\enquote{double} \\mkbibquote{q}', '‘single’ “double” “q”'],
    ['$\\beta$-cells and $\\alpha_2$', 'β-cells and α2'],
    ['M{\\"u}ller, J{\\\'e}r{\\^o}me', 'Müller, Jérôme'],
    ['Dvo{\\v{r}}{\\\'a}k', 'Dvořák'],
    ['\\url{https://x.org/a}', 'https://x.org/a'],
    ['\\unknowncmd{arg}', '\\unknowncmdarg'],
    ['plain title', 'plain title'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(decodeLatex(input), expected);
    });
  }

  it('verbatim fields keep ~ and -- but unescape \\_ and \\%', () => {
    assert.strictEqual(decodeFieldValue('url', 'http://x.edu/~me/a--b\\_c\\%20'), 'http://x.edu/~me/a--b_c%20');
    assert.strictEqual(decodeFieldValue('doi', '{10.1000/ABC_1}'), '10.1000/ABC_1');
    assert.strictEqual(decodeFieldValue('title', 'a~b'), 'a b');
  });
});
