import * as assert from 'assert';
import { compileGlob } from '../../../src/core/glob';

const m = (glob: string, path: string, caseInsensitive = false) => compileGlob(glob, { caseInsensitive })(path);

describe('core/glob: workspace globs over paths', () => {
  it('*, ?, ** and **/ as VS Code reads them', () => {
    assert.ok(m('*.bib', 'refs.bib'));
    assert.ok(!m('*.bib', 'sub/refs.bib'), '* stays within a folder');
    assert.ok(m('**/*.bib', 'refs.bib') && m('**/*.bib', 'a/b/refs.bib'), '**/ is zero or more folders');
    assert.ok(!m('**/x.bib', 'ax.bib'), '**/ ends at a folder boundary');
    assert.ok(m('a/**', 'a/b/c') && m('**', 'a/b/c'));
    assert.ok(m('a**z', 'abz') && !m('a**z', 'a/b/z'), '** inside a name is two *, as in VS Code');
    assert.ok(m('**.json', 'x.json') && !m('**.json', 'a/x.json'));
    assert.ok(m('ref?.bib', 'refs.bib') && !m('ref?.bib', 'ref/.bib'));
    assert.ok(m('refs (1).bib', 'refs (1).bib') && !m('refs.bib', 'refsXbib'), 'everything else is literal');
    assert.ok(m('data/**/vexas-evidence.json', 'data/vexas-evidence.json') && m('data/**/vexas-evidence.json', 'data/x/y/vexas-evidence.json'));
  });

  it('character classes: ranges, negation, a leading ], never a /; an unclosed [ is literal', () => {
    assert.ok(m('x[12].json', 'x1.json') && !m('x[12].json', 'x3.json'));
    assert.ok(m('v[a-c0-9].bib', 'v7.bib') && !m('v[a-c0-9].bib', 'vd.bib'));
    assert.ok(m('v[!a].bib', 'vb.bib') && !m('v[!a].bib', 'va.bib') && !m('a[!b]c', 'a/c'));
    assert.ok(m('[]]x', ']x') && m('a[b', 'a[b'));
    assert.ok(m('[A-Z].bib', 'q.bib', true));
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

  it('a pattern over 1,024 characters, over 64 alternatives, or a path over 4,096 names nothing', () => {
    assert.ok(m(`${'a'.repeat(1024)}`, 'a'.repeat(1024)) && !m(`${'a'.repeat(1025)}`, 'a'.repeat(1025)));
    assert.ok(m('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}', 'bdfhjl') && !m('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}', 'bdfhjln'));
    assert.ok(m('**', 'a/'.repeat(2000)) && !m('**', 'a/'.repeat(2049)));
  });

  it('returns at once on patterns that make a regular expression backtrack, and on brace bombs', () => {
    const path = `${'a/'.repeat(2000)}b`; // 4,001 characters: under the path limit, so it is matched
    for (const glob of ['**/'.repeat(40) + 'x', '*a'.repeat(60) + 'x', '**'.repeat(50) + 'x', `${'{a,b}'.repeat(20)}`]) {
      const t = Date.now();
      assert.strictEqual(m(glob, path), false);
      assert.ok(Date.now() - t < 500, `${glob.slice(0, 20)}… took ${Date.now() - t} ms`);
    }
  });

  it('takes about 8 times as long on a path 8 times as long (both under the path limit)', () => {
    const glob = '**/'.repeat(30) + '*.bib';
    const time = (n: number) => {
      const path = `${'ab/'.repeat(n)}c.txt`; // 3n + 5 characters
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t = process.hrtime.bigint();
        for (let k = 0; k < 5; k++) compileGlob(glob)(path);
        best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
      }
      return best;
    };
    time(100);
    const ratio = time(1200) / Math.max(time(150), 1e-3);
    assert.ok(compileGlob(glob)(`${'ab/'.repeat(1200)}c.bib`), 'the long path is really matched');
    assert.ok(ratio < 16, `8x the path took ${ratio.toFixed(1)}x as long`);
  });
});
