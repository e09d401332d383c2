import * as assert from 'assert';
import { compileGlob } from '../../../src/core/glob';

const m = (glob: string, path: string, caseInsensitive = false) => compileGlob(glob, { caseInsensitive })(path);

describe('core/glob: workspace globs over paths', () => {
  it('*, ?, ** and **/ as VS Code reads them', () => {
    assert.ok(m('*.bib', 'refs.bib'));
    assert.ok(!m('*.bib', 'sub/refs.bib'), '* stays within a folder');
    assert.ok(m('**/*.bib', 'refs.bib') && m('**/*.bib', 'a/b/refs.bib'), '**/ is zero or more folders');
    assert.ok(!m('**/x.bib', 'ax.bib'), '**/ ends at a folder boundary');
    assert.ok(m('a/**', 'a/b/c') && m('a**z', 'a/b/z'));
    assert.ok(m('ref?.bib', 'refs.bib') && !m('ref?.bib', 'ref/.bib'));
    assert.ok(m('refs (1).bib', 'refs (1).bib') && !m('refs.bib', 'refsXbib'), 'everything else is literal');
    assert.ok(m('data/**/vexas-evidence.json', 'data/vexas-evidence.json') && m('data/**/vexas-evidence.json', 'data/x/y/vexas-evidence.json'));
  });

  it('braces, nested; an unbalanced one names nothing', () => {
    assert.ok(m('{a,b}.bib', 'b.bib') && !m('{a,b}.bib', 'c.bib'));
    assert.ok(m('x.{bib,{json,yaml}}', 'x.yaml') && !m('x.{bib,{json,yaml}}', 'x.toml'));
    assert.ok(!m('{a,b.bib', 'a.bib') && !m('{a,b.bib', '{a,b.bib'));
    assert.ok(m('a}.bib', 'a}.bib'), 'a lone closing brace is literal');
  });

  it('folds case when asked', () => {
    assert.ok(!m('References.bib', 'references.bib') && m('References.bib', 'references.bib', true));
  });

  it('returns at once on patterns that make a regular expression backtrack, and on brace bombs', () => {
    const path = `${'a/'.repeat(2000)}b`;
    for (const glob of ['**/'.repeat(40) + 'x', '*a'.repeat(60) + 'x', '**'.repeat(50) + 'x', `${'{a,b}'.repeat(20)}`]) {
      const t = Date.now();
      assert.strictEqual(m(glob, path), false);
      assert.ok(Date.now() - t < 500, `${glob.slice(0, 20)}… took ${Date.now() - t} ms`);
    }
  });

  it('takes about twice as long on a path twice as long', () => {
    const glob = '**/'.repeat(30) + '*.bib';
    const time = (n: number) => {
      const path = `${'ab/'.repeat(n)}c.txt`;
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = process.hrtime.bigint();
        for (let k = 0; k < 5; k++) compileGlob(glob)(path);
        best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
      }
      return best;
    };
    time(500);
    const ratio = time(8000) / Math.max(time(1000), 1e-3);
    assert.ok(ratio < 16, `8x the path took ${ratio.toFixed(1)}x as long`);
  });
});
