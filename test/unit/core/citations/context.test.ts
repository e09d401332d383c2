import * as assert from 'assert';
import { citationContextAt } from '../../../../src/core/citations';
import { parseMarked } from './markedText';

/**
 * [what, input with the cursor ‸ and the replace range ⟦…⟧ (no range: no context), language, commands].
 * The prefix is always the text from the range start to the cursor.
 */
const CASES: Array<[string, string, 'markdown' | 'latex', string[]?]> = [
  ['after [@', 'See [@⟦‸⟧', 'markdown'],
  ['after [@ with auto-closed bracket', 'See [@⟦‸⟧]', 'markdown'],
  ['partial key', 'See [@⟦be‸⟧]', 'markdown'],
  ['cursor inside a key extends to its end', 'See [@⟦be‸ck2020⟧]', 'markdown'],
  ['after a prefix', '[see @⟦‸⟧]', 'markdown'],
  ['after a semicolon', '[@a; @⟦li‸⟧]', 'markdown'],
  ['suppress author', '[-@⟦‸⟧]', 'markdown'],
  ['author in text', 'As @⟦do‸⟧ says', 'markdown'],
  ['at the start of the text', '@⟦a‸⟧', 'markdown'],
  ['braced key', '[@{⟦odd k‸ey⟧}]', 'markdown'],
  ['key with internal punctuation', '@⟦doe.2020:‸x⟧', 'markdown'],
  ['not in an e-mail address', 'name@‸', 'markdown'],
  ['not after a word', 'foo@b‸', 'markdown'],
  ['not escaped', '\\@‸', 'markdown'],
  ['not in a code span', '`[@‸`', 'markdown'],
  ['not in a fenced block', '```\n@‸\n```', 'markdown'],
  ['not in math', '$x @‸$', 'markdown'],
  ['not in an html comment', '<!-- @‸ -->', 'markdown'],
  ['not a cross-reference', 'See @fig-‸', 'markdown'],
  ['not in front matter', '---\ntitle: @‸\n---\n', 'markdown'],
  ['inside nocite', '---\nnocite: |\n  @a, @⟦b‸⟧\n---\n', 'markdown'],
  ['not without an at sign', 'plain wo‸rd', 'markdown'],
  ['emoji before', '😀 [@⟦‸⟧]', 'markdown'],
  // LaTeX
  ['after \\cite{', '\\cite{⟦‸⟧}', 'latex'],
  ['unclosed \\cite{', 'Text \\cite{⟦be‸⟧', 'latex'],
  ['after a comma', '\\cite{a,⟦‸⟧}', 'latex'],
  ['after a comma and space', '\\cite{a, ⟦b‸⟧}', 'latex'],
  ['inside a key extends to its end', '\\cite{a, ⟦b‸eck⟧, c}', 'latex'],
  ['after optional arguments', '\\citep[see][p.~3]{⟦‸⟧}', 'latex'],
  ['starred', '\\citet*{⟦x‸⟧}', 'latex'],
  ['multi-cite second argument', '\\cites[p.~1]{a}[p.~2]{⟦b‸⟧}', 'latex'],
  ['user command', '\\mycite{⟦‸⟧}', 'latex', ['mycite']],
  ['keys over lines', '\\cite{a,\n  ⟦‸⟧}', 'latex'],
  ['not in the optional argument', '\\cite[p.‸]{a}', 'latex'],
  ['not in an unknown command', '\\ref{‸}', 'latex'],
  ['not in a comment', '% \\cite{‸}', 'latex'],
  ['not after a comment inside the list', '\\cite{a, % b‸\n c}', 'latex'],
  ['not in verbatim', '\\begin{verbatim}\\cite{‸}\\end{verbatim}', 'latex'],
  ['not after the closing brace', '\\cite{a} ‸', 'latex'],
  ['not citetext', '\\citetext{‸}', 'latex'],
];

describe('core/citations: completion context', () => {
  for (const [what, input, language, commands] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const context = citationContextAt(marked.text, marked.cursor, language, { latexCommands: commands });
      const range = marked.ranges[0];
      if (!range) {
        assert.strictEqual(context, undefined);
        return;
      }
      assert.ok(context, 'expected a citation context');
      assert.deepStrictEqual(
        { prefix: context.prefix, replaceStart: context.replaceStart, replaceEnd: context.replaceEnd },
        { prefix: marked.text.slice(range.start, marked.cursor), replaceStart: range.start, replaceEnd: range.end },
      );
    });
  }

  it('reports the enclosing bracket group', () => {
    const text = 'x [see @a; @b] y';
    assert.deepStrictEqual(citationContextAt(text, 12, 'markdown')?.group, { start: 2, end: 14 });
  });

  it('reports the enclosing LaTeX command', () => {
    const text = 'x \\citep[p.~1]{a, b} y';
    assert.deepStrictEqual(citationContextAt(text, 19, 'latex')?.group, { start: 2, end: 20 });
  });

  it('has no group for an in-text citation', () => {
    assert.strictEqual(citationContextAt('As @do says', 6, 'markdown')?.group, undefined);
  });

  it('rejects offsets outside the text', () => {
    assert.strictEqual(citationContextAt('[@a]', 10, 'markdown'), undefined);
    assert.strictEqual(citationContextAt('[@a]', -1, 'markdown'), undefined);
  });
});
