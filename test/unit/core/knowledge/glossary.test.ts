import * as assert from 'assert';
import { Glossary } from '../../../../src/core/knowledge/glossary';
import type { Term, TermsFile } from '../../../../src/core/knowledge/types';

function term(id: string, t: string, extra: Partial<Term> = {}): Term {
  return {
    id, term: t, definition: `${t} definition`, category: 'gene', aliases: [], abbreviations: [], matchCase: false,
    discouraged: [], related: [], sources: [{ key: 'k2020x', where: 'abstract' }], ...extra,
  };
}

const file: TermsFile = {
  provenance: { lastReviewed: '2026-11-23', method: 'test' },
  categories: { gene: 'Genes' },
  terms: [
    term('uba1', 'UBA1', { matchCase: true, discouraged: [{ form: 'UBA-1', preferred: 'UBA1', reason: 'HGNC symbol' }] }),
    term('m41t', 'p.Met41Thr', { matchCase: true, aliases: ['c.122T>C'],
      discouraged: [{ form: 'M41T', preferred: 'p.Met41Thr', reason: 'HGVS' }, { form: 'Met41Thr', preferred: 'p.Met41Thr', reason: 'HGVS' }] }),
    term('rp', 'relapsing polychondritis', { matchCase: true, abbreviations: ['RP'] }),
    term('toci', 'tocilizumab'),
    term('il6', 'IL-6', { matchCase: true, aliases: ['interleukin-6', 'IL6'] }),
    term('il6i', 'IL-6 inhibitors', { aliases: ['IL-6 inhibitor'] }),
    term('ifng', 'IFN-γ', { matchCase: true, aliases: ['interferon gamma'] }),
    term('anaemia', 'macrocytic anaemia', { aliases: ['macrocytic anemia'] }),
    term('pan', 'polyarteritis nodosa', { abbreviations: ['PAN'] }),
    term('jakstat', 'JAK–STAT pathway', { aliases: ['JAK-STAT'] }),
  ],
};
const g = new Glossary(file);

/** [text, offset marker `|`, expected term id or undefined, expected matched text] */
const hoverCases: Array<[string, string | undefined, string?]> = [
  ['Somatic |UBA1 mutations', 'uba1', 'UBA1'],
  ['Somatic UBA|1 mutations', 'uba1', 'UBA1'],
  ['Somatic UBA1| mutations', 'uba1', 'UBA1'],
  ['lowercase |uba1 is not the gene symbol', undefined],
  ['the |UBA-1 spelling', 'uba1', 'UBA-1'],
  ['variant p.Met4|1Thr was', 'm41t', 'p.Met41Thr'],
  ['variant |p.Met41Thr.', 'm41t', 'p.Met41Thr'],
  ['(c.122T>|C)', 'm41t', 'c.122T>C'],
  ['the M4|1T variant', 'm41t', 'M41T'],
  ['|Relapsing polychondritis (RP)', 'rp', 'Relapsing polychondritis'],
  ['relapsing polychondritis (|RP)', 'rp', 'RP'],
  ['a |rp b', undefined],
  ['|Tocilizumab was given', 'toci', 'Tocilizumab'],
  ['anti-|IL-6 therapy', 'il6', 'IL-6'],
  ['|IL-6 inhibitors such as', 'il6i', 'IL-6 inhibitors'],
  ['IL-6 inhib|itors such as', 'il6i', 'IL-6 inhibitors'],
  ['IL-6\ninhib|itors across a line', 'il6i', 'IL-6\ninhibitors'],
  ['IL-6. |Inhibitors of', undefined],
  ['|IL-6R blockade', undefined],
  ['|IFN-gamma is the spelled-out form', 'ifng', 'IFN-gamma'],
  ['raised |IFN-γ levels', 'ifng', 'IFN-γ'],
  ['macrocytic |anemia', 'anaemia', 'macrocytic anemia'],
  ['a |pan-European study', undefined],
  ['|PAN was reported', 'pan', 'PAN'],
  ['the |JAK-STAT axis', 'jakstat', 'JAK-STAT'],
  ['the JAK–|STAT pathway', 'jakstat', 'JAK–STAT pathway'],
  ['no term |here', undefined],
];

describe('core/knowledge/glossary: terms in prose', () => {
  for (const [marked, id, matched] of hoverCases) {
    it(`${JSON.stringify(marked)} → ${id ?? 'nothing'}`, () => {
      const offset = marked.indexOf('|');
      const text = marked.replace('|', '');
      const m = g.matchAt(text, offset);
      assert.strictEqual(m?.term.id, id);
      if (m) assert.strictEqual(text.slice(m.start, m.end), matched);
    });
  }

  it('marks discouraged forms with their preferred form', () => {
    const m = g.matchAt('the M41T variant', 5)!;
    assert.strictEqual(m.kind, 'discouraged');
    assert.strictEqual(m.preferred, 'p.Met41Thr');
  });

  it('finds every form in a text, longest first, not overlapping', () => {
    const text = 'IL-6 inhibitors and IL-6 in RP with UBA-1 and Met41Thr (M41T).';
    assert.deepStrictEqual(g.matchesIn(text).map(m => `${m.term.id}:${text.slice(m.start, m.end)}:${m.kind}`), [
      'il6i:IL-6 inhibitors:term', 'il6:IL-6:term', 'rp:RP:abbreviation', 'uba1:UBA-1:discouraged',
      'm41t:Met41Thr:discouraged', 'm41t:M41T:discouraged',
    ]);
  });

  it('looks up a whole text', () => {
    assert.strictEqual(g.lookup('tocilizumab')?.term.id, 'toci');
    assert.strictEqual(g.lookup(' M41T ')?.term.id, 'm41t');
    assert.strictEqual(g.lookup('IL-6 therapy'), undefined);
  });
});

describe('core/knowledge/glossary: completion', () => {
  it('typing "tocil" offers tocilizumab', () => {
    assert.deepStrictEqual(g.complete('tocil').map(c => c.insert), ['tocilizumab']);
  });
  it('typing "M41T" offers p.Met41Thr', () => {
    const c = g.complete('M41T');
    assert.strictEqual(c[0].insert, 'p.Met41Thr');
    assert.strictEqual(c[0].kind, 'discouraged');
  });
  it('typing "il-6" ranks the exact term first', () => {
    assert.deepStrictEqual(g.complete('il-6').map(c => c.insert).slice(0, 2), ['IL-6', 'IL-6 inhibitors']);
  });
  it('an empty prefix offers nothing', () => assert.deepStrictEqual(g.complete('  '), []));
});
