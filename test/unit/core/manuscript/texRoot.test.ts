import * as assert from 'assert';
import { texRoot } from '../../../../src/core/manuscript';

describe('core/manuscript: TeX root magic comment', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['canonical', '% !TEX root = main.tex\n\\section{A}', 'main.tex'],
    ['lower case, no spaces', '%!tex root=../paper.tex\n', '../paper.tex'],
    ['mixed case with spaces', '  %  !TeX  Root =  chapters/../main.tex  \n', 'chapters/../main.tex'],
    ['after other magic comments', '% !TEX program = xelatex\n% !TEX root = thesis.tex\n', 'thesis.tex'],
    ['quoted path', '% !TEX root = "my thesis.tex"\n', 'my thesis.tex'],
    ['CRLF', '% !TEX root = main.tex\r\n', 'main.tex'],
    ['on line 20', `${'x\n'.repeat(19)}% !TEX root = late.tex\n`, 'late.tex'],
    ['too late on line 21', `${'x\n'.repeat(20)}% !TEX root = late.tex\n`, undefined],
    ['not a comment', 'TEX root = main.tex\n', undefined],
    ['empty value', '% !TEX root =\n', undefined],
    ['absent', '\\documentclass{article}\n', undefined],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => assert.strictEqual(texRoot(text), expected));
  }
});
