import * as assert from 'assert';
import { describeFilter, EvidenceSearch, isFilterActive } from '../../../../src/core/evidence';
import { CLASSES, RECORDS, shippedEvidence } from './fixtures';

const authors: Record<string, string> = { smith2022tocilizumab: 'Smith, Anna and Doe, Bob', jones2023ruxolitinib: 'Jones, C.' };

describe('core/evidence: filtering', () => {
  const search = new EvidenceSearch(RECORDS, CLASSES, key => authors[key] ?? '');
  const ids = (f: Parameters<EvidenceSearch['apply']>[0]) => search.apply(f).map(r => r.id.split('--')[0]);

  it('without a filter keeps everything', () => {
    assert.strictEqual(search.apply(undefined).length, RECORDS.length);
    assert.strictEqual(search.apply({}).length, RECORDS.length);
    assert.strictEqual(isFilterActive({}), false);
    assert.strictEqual(isFilterActive({ query: '  ' }), false);
    assert.strictEqual(isFilterActive({ designs: ['registry'] }), true);
  });

  it('searches drug, class, target, population, outcome and author, tolerating typos in long words', () => {
    assert.deepStrictEqual(ids({ query: 'tocilizumab' }), ['tocilizumab']);
    assert.deepStrictEqual(ids({ query: 'tocilizumb' }), ['tocilizumab']);
    assert.deepStrictEqual(ids({ query: 'JAK inhibitors' }), ['ruxolitinib', 'baricitinib']);
    assert.deepStrictEqual(ids({ query: 'Met41Thr' }), ['tocilizumab']);
    assert.deepStrictEqual(ids({ query: 'Smith' }), ['tocilizumab']);
    assert.deepStrictEqual(ids({ query: 'dependence' }), ['prednisone']);
    assert.deepStrictEqual(ids({ query: 'IL-6' }), ['tocilizumab'], 'short words match exactly');
    assert.deepStrictEqual(ids({ query: 'nothing-like-this' }), []);
  });

  it('applies toggles: any within a group, all across groups', () => {
    assert.deepStrictEqual(ids({ classes: ['il6', 'hma'] }), ['tocilizumab', 'azacitidine']);
    assert.deepStrictEqual(ids({ designs: ['prospective-cohort'] }), ['azacitidine', 'prednisone']);
    assert.deepStrictEqual(ids({ populations: ['genotype'] }), ['tocilizumab']);
    assert.deepStrictEqual(ids({ populations: ['mds'] }), ['ruxolitinib', 'azacitidine']);
    assert.deepStrictEqual(ids({ populations: ['counts'] }), ['tocilizumab', 'ruxolitinib', 'prednisone']);
    assert.deepStrictEqual(ids({ populations: ['mds'], designs: ['registry'] }), ['ruxolitinib']);
    assert.deepStrictEqual(ids({ query: 'MDS', classes: ['hma'] }), ['azacitidine']);
  });

  it('describes the active filter', () => {
    assert.strictEqual(describeFilter({ query: 'toci', classes: ['il6'], designs: ['registry'], populations: ['mds'] }, CLASSES),
      '"toci" · class: IL-6 inhibitors · design: Registry · reports MDS');
    assert.strictEqual(describeFilter({}, CLASSES), '');
  });

  it('narrows the shipped data to the records that name the drug', () => {
    const data = shippedEvidence();
    const shipped = new EvidenceSearch(data.records, data.classes);
    const drug = data.records.find(r => r.class === 'il6')?.drug ?? data.records[0].drug;
    const found = shipped.apply({ query: drug });
    assert.ok(found.length > 0 && found.length < data.records.length);
    for (const r of data.records.filter(x => x.drug === drug)) assert.ok(found.includes(r), `${r.id} found`);
  });
});
