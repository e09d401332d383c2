import * as assert from 'assert';
import { bibliographyDeclarations } from '../../../../src/core/manuscript';
import { parseMarked } from '../citations/markedText';

/** [what, input with each declared path marked ⟦…⟧ as written, expected resolved paths, sources]. */
const CASES: Array<[string, string, 'markdown' | 'latex', string[], string[]]> = [
  ['yaml string', '---\nbibliography: ⟦refs.bib⟧\n---\n', 'markdown', ['refs.bib'], ['yaml']],
  ['yaml double-quoted', '---\nbibliography: "⟦my refs.bib⟧"\n---\n', 'markdown', ['my refs.bib'], ['yaml']],
  ['yaml single-quoted', "---\nbibliography: '⟦refs.json⟧'\n---\n", 'markdown', ['refs.json'], ['yaml']],
  ['yaml inline list', '---\nbibliography: [⟦a.bib⟧, "⟦b.json⟧"]\n---\n', 'markdown', ['a.bib', 'b.json'], ['yaml', 'yaml']],
  ['yaml block list', '---\ntitle: x\nbibliography:\n  - ⟦a.bib⟧\n  - "⟦sub/b.bib⟧"\nlink-citations: true\n---\n', 'markdown',
    ['a.bib', 'sub/b.bib'], ['yaml', 'yaml']],
  ['yaml block list at key indent', '---\nbibliography:\n- ⟦a.bib⟧\n- ⟦b.bib⟧\n---\n', 'markdown', ['a.bib', 'b.bib'], ['yaml', 'yaml']],
  ['yaml with comment', '---\nbibliography: ⟦refs.bib⟧ # main\n---\n', 'markdown', ['refs.bib'], ['yaml']],
  ['yaml CRLF', '---\r\nbibliography: ⟦refs.bib⟧\r\n---\r\n', 'markdown', ['refs.bib'], ['yaml']],
  ['no front matter', 'bibliography: refs.bib\n', 'markdown', [], []],
  ['nested key is not top level', '---\nformat:\n  bibliography: x.bib\n---\n', 'markdown', [], []],
  ['bibliography with implied extension', '\\bibliography{⟦refs⟧}', 'latex', ['refs.bib'], ['bibliography']],
  ['bibliography list', '\\bibliography{⟦a⟧, ⟦b.bib⟧,⟦c⟧}', 'latex', ['a.bib', 'b.bib', 'c.bib'],
    ['bibliography', 'bibliography', 'bibliography']],
  ['addbibresource', '\\addbibresource{⟦refs.bib⟧}', 'latex', ['refs.bib'], ['addbibresource']],
  ['addbibresource with options', '\\addbibresource[location=remote]{⟦http://x.org/r.bib⟧}', 'latex',
    ['http://x.org/r.bib'], ['addbibresource']],
  ['addglobalbib', '\\addglobalbib{⟦g.bib⟧}', 'latex', ['g.bib'], ['addbibresource']],
  ['commented out', '% \\bibliography{old}\n\\addbibresource{⟦new.bib⟧}', 'latex', ['new.bib'], ['addbibresource']],
  ['bibliographystyle is not a declaration', '\\bibliographystyle{plain}', 'latex', [], []],
  ['in verbatim', '\\begin{verbatim}\\bibliography{x}\\end{verbatim}', 'latex', [], []],
];

describe('core/manuscript: bibliography declarations', () => {
  for (const [what, input, language, paths, sources] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const found = bibliographyDeclarations(marked.text, language);
      assert.deepStrictEqual(found.map(d => d.path), paths);
      assert.deepStrictEqual(found.map(d => d.source), sources);
      assert.deepStrictEqual(found.map(d => [d.start, d.end]), marked.ranges.map(r => [r.start, r.end]));
    });
  }
});
