import * as assert from 'assert';
import { findNonProseRegions, parseYamlSubset } from '../../../../src/core/manuscript';
import { parseMarked } from '../citations/markedText';

/** [what, input with each non-prose region marked ⟦…⟧, language, kinds]. */
const CASES: Array<[string, string, 'markdown' | 'latex', string[]]> = [
  ['code span and math', 'a ⟦`x`⟧ b ⟦$y$⟧', 'markdown', ['code-span', 'math']],
  ['fence', 'a\n⟦```js\nx\n```⟧\nb', 'markdown', ['code-block']],
  ['indented code', 'a\n\n⟦    x\n\n    y⟧\n\nb', 'markdown', ['code-block']],
  ['display math', '⟦$$\nx\n$$⟧', 'markdown', ['math']],
  ['front matter', '⟦---\na: 1\n---⟧\nb', 'markdown', ['front-matter']],
  ['autolink and html tag', '⟦<https://x.org>⟧ ⟦<b>⟧x⟦</b>⟧', 'markdown', ['autolink', 'html-tag', 'html-tag']],
  ['latex comment and verb', 'a ⟦% c⟧\n⟦\\verb|x|⟧', 'latex', ['comment', 'verbatim']],
  ['latex math forms', '⟦$a$⟧ ⟦$$b$$⟧ ⟦\\(c\\)⟧ ⟦\\[d\\]⟧', 'latex', ['math', 'math', 'math', 'math']],
  ['latex url', 'see ⟦\\url{http://x.org/%20}⟧.', 'latex', ['url']],
  ['latex escaped dollar', '\\$5 and \\$6', 'latex', []],
];

describe('core/manuscript: non-prose regions (the shared masking pass)', () => {
  for (const [what, input, language, kinds] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const regions = findNonProseRegions(marked.text, language);
      assert.deepStrictEqual(regions.map(r => [r.start, r.end]), marked.ranges.map(r => [r.start, r.end]));
      assert.deepStrictEqual(regions.map(r => r.kind), kinds);
    });
  }

  it('stays fast on hostile input', () => {
    const inputs = ['$5 '.repeat(100000), '`` ` '.repeat(60000), '](('.repeat(100000), '<!-- '.repeat(60000), '\\( '.repeat(100000)];
    for (const text of inputs) {
      const t0 = Date.now();
      findNonProseRegions(text, 'markdown');
      assert.ok(Date.now() - t0 < 1000, JSON.stringify(text.slice(0, 6)));
    }
    for (const text of ['$ '.repeat(100000), '\\cite{ '.repeat(40000), '\\verb'.repeat(60000)]) {
      const t0 = Date.now();
      findNonProseRegions(text, 'latex');
      assert.ok(Date.now() - t0 < 1000, JSON.stringify(text.slice(0, 6)));
    }
  });
});

describe('core/manuscript: YAML subset', () => {
  it('parses mappings, sequences and scalars with offsets', () => {
    const text = 'a: 1\nb:\n  - x\n  - "y z"\nc: {d: e}\n';
    const node = parseYamlSubset(text);
    assert.ok(node && node.kind === 'mapping');
    assert.deepStrictEqual(node.entries.map(e => e.key), ['a', 'b', 'c']);
    const b = node.entries[1].value;
    assert.ok(b && b.kind === 'sequence');
    const second = b.items[1];
    assert.ok(second.kind === 'scalar');
    assert.strictEqual(second.value, 'y z');
    assert.strictEqual(text.slice(second.start, second.end), 'y z');
  });

  it('reads literal and folded block scalars', () => {
    const node = parseYamlSubset('l: |\n  one\n  two\nf: >\n  one\n  two\n');
    assert.ok(node && node.kind === 'mapping');
    const [l, f] = node.entries.map(e => e.value);
    assert.deepStrictEqual([l?.kind === 'scalar' && l.value, f?.kind === 'scalar' && f.value], ['one\ntwo', 'one two']);
  });

  it('handles single-quote escapes and comments', () => {
    const node = parseYamlSubset("a: 'it''s' # note\nb: plain # note\n");
    assert.ok(node && node.kind === 'mapping');
    assert.deepStrictEqual(node.entries.map(e => e.value?.kind === 'scalar' ? e.value.value : undefined), ["it's", 'plain']);
  });
});
