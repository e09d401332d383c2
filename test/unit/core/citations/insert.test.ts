import * as assert from 'assert';
import { planCitationInsertion } from '../../../../src/core/citations';
import { parseMarked } from './markedText';

function apply(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/** [what, input with cursor ‸, keys, expected text after the edit, language, new LaTeX command]. */
const CASES: Array<[string, string, string[], string, 'markdown' | 'latex', string?]> = [
  ['new citation', 'As shown‸.', ['a'], 'As shown [@a].', 'markdown'],
  ['new citation with two keys', 'Shown ‸.', ['a', 'b'], 'Shown [@a; @b].', 'markdown'],
  ['new citation after a space', 'Shown ‸', ['a'], 'Shown [@a]', 'markdown'],
  ['key that needs braces', 'x ‸', ['odd key'], 'x [@{odd key}]', 'markdown'],
  ['duplicate keys collapse', 'x ‸', ['a', 'a', ' '], 'x [@a]', 'markdown'],
  ['add to an existing group', 'x [@a‸] y', ['b'], 'x [@a; @b] y', 'markdown'],
  ['add after a locator', 'x [see @a, p. 3‸] y', ['b'], 'x [see @a, p. 3; @b] y', 'markdown'],
  ['cursor at the group start', 'x [‸@a] y', ['b'], 'x [@a; @b] y', 'markdown'],
  ['respect a separator without space', '[@a;@b‸]', ['c'], '[@a;@b;@c]', 'markdown'],
  ['skip keys already there', '[@a; @b‸]', ['b', 'c'], '[@a; @b; @c]', 'markdown'],
  ['idempotent in a group', '[@a; @b‸]', ['a', 'b'], '[@a; @b]', 'markdown'],
  ['dangling separator', '[@a; ‸]', ['b'], '[@a; @b]', 'markdown'],
  ['empty brackets', 'x [‸]', ['a', 'b'], 'x [@a; @b]', 'markdown'],
  ['never splits an in-text key', 'As @do‸e says', ['b'], 'As @doe [@b] says', 'markdown'],
  ['after an in-text locator', 'As @do‸e [p. 3] says', ['b'], 'As @doe [p. 3] [@b] says', 'markdown'],
  ['into nocite', '---\nnocite: |\n  @a‸\n---\n', ['b'], '---\nnocite: |\n  @a, @b\n---\n', 'markdown'],
  ['after the closing bracket is outside', '[@a]‸', ['b'], '[@a] [@b]', 'markdown'],
  // LaTeX
  ['new latex citation', 'men‸.', ['a', 'b'], 'men\\cite{a,b}.', 'latex'],
  ['configured command', 'x ‸', ['a'], 'x \\parencite{a}', 'latex', 'parencite'],
  ['configured command with backslash', 'x ‸', ['a'], 'x \\citep{a}', 'latex', '\\citep'],
  ['add to an existing cite', 'x \\cite{a‸} y', ['b'], 'x \\cite{a, b} y', 'latex'],
  ['respect comma without space', '\\cite{a,b‸}', ['c'], '\\cite{a,b,c}', 'latex'],
  ['respect comma with space', '\\cite{a, b‸}', ['c'], '\\cite{a, b, c}', 'latex'],
  ['cursor on the command name', '\\ci‸tep[p.~1]{a}', ['b'], '\\citep[p.~1]{a, b}', 'latex'],
  ['empty braces', '\\cite{‸}', ['a', 'b'], '\\cite{a,b}', 'latex'],
  ['trailing spaces kept after the new key', '\\cite{a ‸}', ['b'], '\\cite{a, b }', 'latex'],
  ['idempotent latex', '\\cite{a, b‸}', ['b', 'a'], '\\cite{a, b}', 'latex'],
  ['multi-cite: argument under the cursor', '\\cites{a‸}{b}', ['c'], '\\cites{a, c}{b}', 'latex'],
  ['multi-cite: keys in other arguments count', '\\cites{a‸}{b}', ['b'], '\\cites{a}{b}', 'latex'],
  ['after the command is outside', '\\cite{a}‸', ['b'], '\\cite{a}\\cite{b}', 'latex'],
  ['in a comment a new citation is written', '% \\cite{a‸}', ['b'], '% \\cite{a\\cite{b}}', 'latex'],
];

describe('core/citations: insertion planning', () => {
  for (const [what, input, keys, expected, language, latexCommand] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const edit = planCitationInsertion(marked.text, marked.cursor, language, keys, { latexCommand });
      assert.strictEqual(apply(marked.text, edit), expected);
      // Inserting the same keys again, from inside the citation just written, changes nothing.
      if (edit.newText && !what.includes('comment')) {
        const closes = edit.newText.endsWith(']') || edit.newText.endsWith('}');
        const inside = edit.start + edit.newText.length - (closes ? 1 : 0);
        const again = planCitationInsertion(expected, inside, language, keys, { latexCommand });
        assert.strictEqual(apply(expected, again), expected, 'not idempotent');
      }
    });
  }

  it('an edit never removes text', () => {
    for (const [, input, keys, , language] of CASES) {
      const marked = parseMarked(input);
      const edit = planCitationInsertion(marked.text, marked.cursor, language, keys);
      assert.strictEqual(edit.start, edit.end);
    }
  });

  it('no keys: an empty edit', () => {
    assert.deepStrictEqual(planCitationInsertion('x', 1, 'markdown', []), { start: 1, end: 1, newText: '' });
  });

  it('user citation commands are extended, not nested', () => {
    const text = '\\mycite{a}';
    const edit = planCitationInsertion(text, 9, 'latex', ['b'], { latexCommands: ['mycite'] });
    assert.strictEqual(apply(text, edit), '\\mycite{a, b}');
  });
});
