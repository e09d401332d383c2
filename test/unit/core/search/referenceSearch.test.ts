import * as assert from 'assert';
import { mergeHits, ReferenceSearch, ReferenceSearchIndex, normalizeForSearch, KEY_PREFIX_SCORE, type SearchableReference, type SearchHit } from '../../../../src/core/search';

const items: SearchableReference[] = [
  { key: 'beck2020somatic', authors: ['Beck', 'Ferrada'], title: 'Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease', year: '2020', doi: '10.1056/NEJMoa2026834', pmid: '33108101' },
  { key: 'beck2023estimated', authors: ['Beck', 'Bodian'], title: 'Estimated prevalence of UBA1 variants', year: '2023', doi: '10.1001/jama.2022.24836' },
  { key: 'ferrada2022', authors: ['Ferrada', 'Beck'], title: 'Translational insights in VEXAS', year: '2022' },
  { key: 'georgin2022', authors: ['Georgin-Lavialle', 'Terrier'], title: 'Further characterization of VEXAS syndrome', year: '2022' },
  { key: 'muller2019', authors: ['Müller', 'Dvořák'], title: 'Étude des cellules', year: '2019' },
  { key: 'abeck2018', authors: ['Smith'], title: 'Unrelated', year: '2018' },
  { key: 'zzz', authors: [], title: 'No year entry' },
];

describe('core/search', () => {
  const index = new ReferenceSearchIndex(items);
  const keys = (q: string, limit?: number): string[] => index.search(q, { limit }).map(h => h.item.key);

  it('normalises case and accents', () => {
    assert.strictEqual(normalizeForSearch('Müller Dvořák Straße ÉTUDE Łukasik'), 'muller dvorak strasse etude lukasik');
  });

  it('ranks key-prefix matches first, then author surnames', () => {
    const hits = index.search('beck');
    assert.deepStrictEqual(hits.map(h => h.item.key), ['beck2023estimated', 'beck2020somatic', 'ferrada2022', 'abeck2018'].filter(k => k !== 'abeck2018').concat([]));
    assert.ok(hits[0].score >= KEY_PREFIX_SCORE && hits[1].score >= KEY_PREFIX_SCORE);
    assert.ok(hits[2].score < KEY_PREFIX_SCORE);
  });

  it('ANDs tokens: author + year + title word', () => {
    assert.deepStrictEqual(keys('beck 2020 uba1'), ['beck2020somatic']);
    assert.deepStrictEqual(keys('beck uba1'), ['beck2023estimated', 'beck2020somatic']);
    assert.deepStrictEqual(keys('beck 2022'), ['ferrada2022']);
    assert.deepStrictEqual(keys('beck nothing'), []);
  });

  it('matches word prefixes, accents-insensitively, hyphenated terms and DOIs/PMIDs', () => {
    assert.deepStrictEqual(keys('muller'), ['muller2019']);
    assert.deepStrictEqual(keys('dvorak'), ['muller2019']);
    assert.deepStrictEqual(keys('etud'), ['muller2019']);
    assert.deepStrictEqual(keys('Müll'), ['muller2019']);
    assert.deepStrictEqual(keys('adult-onset'), ['beck2020somatic']);
    assert.deepStrictEqual(keys('georgin-lav'), ['georgin2022']);
    assert.deepStrictEqual(keys('10.1056/nejm'), ['beck2020somatic']);
    assert.deepStrictEqual(keys('https://doi.org/10.1001/JAMA'), ['beck2023estimated']);
    assert.deepStrictEqual(keys('33108101'), ['beck2020somatic']);
  });

  it('empty query lists newest first, then by key; limit applies', () => {
    assert.deepStrictEqual(keys(''), ['beck2023estimated', 'ferrada2022', 'georgin2022', 'beck2020somatic', 'muller2019', 'abeck2018', 'zzz']);
    assert.deepStrictEqual(keys('', 2), ['beck2023estimated', 'ferrada2022']);
    assert.deepStrictEqual(keys('vexas', 1), ['ferrada2022']);
  });

  it('is deterministic: equal scores order by year then key', () => {
    assert.deepStrictEqual(keys('vexas'), ['ferrada2022', 'georgin2022']);
    assert.deepStrictEqual(index.search('vexas').map(h => h.score), index.search('vexas').map(h => h.score));
  });

  it('one-character prefixes work and stay bounded by the limit', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ key: `k${String(i).padStart(5, '0')}`, authors: ['Kim'], title: `Title ${i}`, year: String(1990 + (i % 30)) }));
    const big = new ReferenceSearchIndex(many);
    const hits = big.search('k', { limit: 100 });
    assert.strictEqual(hits.length, 100);
    assert.strictEqual(hits[0].item.year, '2019');
    assert.deepStrictEqual(hits.slice(0, 3).map(h => h.item.key), ['k00029', 'k00059', 'k00089']);
  });

  it('small libraries fall back to fuzzy (fuse.js) matches only when nothing matches exactly or by prefix', () => {
    const search = new ReferenceSearch(items);
    const hits = search.search('fererada');
    assert.ok(hits.some(h => h.item.key === 'ferrada2022'));
    assert.ok(hits.every(h => h.score < 10), 'typo-tolerant hits score below every field match');
    assert.deepStrictEqual(search.search('beck 2020 uba1').map(h => h.item.key), ['beck2020somatic']);
    assert.deepStrictEqual(search.search('fererada', { fuzzy: false }), []);
  });

  it('"ferra" finds Ferrada, not a paper whose co-author is Haferlach (no typo-tolerant noise beside real matches)', () => {
    const library: SearchableReference[] = [
      { key: 'ferrada2021', authors: ['Ferrada', 'Beck'], title: 'Somatic mutations in UBA1 define a distinct subset of relapsing polychondritis', year: '2021' },
      { key: 'sakuma2024', authors: ['Sakuma', 'Haferlach'], title: 'Genetic and clinical features of VEXAS', year: '2024' },
    ];
    assert.deepStrictEqual(new ReferenceSearch(library).search('ferra').map(h => h.item.key), ['ferrada2021']);
  });

  it('finds papers by keyword and by a word of the abstract, ranked below key, author, title and year', () => {
    const library: SearchableReference[] = [
      { key: 'hadjadj2024', authors: ['Hadjadj'], title: 'Efficacy and safety of targeted therapies in VEXAS', year: '2024', keywords: 'therapy; jak; il6' },
      { key: 'heiblig2022', authors: ['Heiblig'], title: 'Ruxolitinib is more effective than other JAK inhibitors', year: '2022' },
      { key: 'kirino2021', authors: ['Kirino'], title: 'Tocilizumab in VEXAS', year: '2021', abstract: 'A patient treated with ruxolitinib after tocilizumab relapsed.' },
      { key: 'ruxolo2020', authors: ['Ruxolo'], title: 'Unrelated', year: '2020' },
      { key: 'other2023', authors: ['Other'], title: 'Unrelated', year: '2023' },
    ];
    const search = new ReferenceSearch(library);
    const order = (q: string) => search.search(q).map(h => h.item.key);
    assert.deepStrictEqual(order('ruxolitinib'), ['heiblig2022', 'kirino2021']);
    assert.deepStrictEqual(order('jak'), ['heiblig2022', 'hadjadj2024']);
    assert.deepStrictEqual(order('ruxol'), ['ruxolo2020', 'heiblig2022', 'kirino2021'], 'author prefix, then title, then abstract');
    assert.deepStrictEqual(order('relapsed'), ['kirino2021']);
  });

  it('matches abstracts by prefix from three letters on, and whole words below that', () => {
    const library: SearchableReference[] = [
      { key: 'a2020', title: 'One', year: '2020', abstract: 'Interleukin-6 blockade: an IL6 study' },
      { key: 'b2021', title: 'Two', year: '2021', abstract: 'Anemia and thrombosis' },
    ];
    const search = new ReferenceSearch(library);
    const order = (q: string) => search.search(q, { fuzzy: false }).map(h => h.item.key);
    assert.deepStrictEqual(order('an'), ['a2020'], '"an" is a whole word of a2020 only; not a prefix of "anemia"');
    assert.deepStrictEqual(order('ane'), ['b2021']);
    assert.deepStrictEqual(order('interleukin-6'), ['a2020']);
  });

  it('builds abstracts last: a search before that stage answers from the others', async () => {
    const library: SearchableReference[] = [{ key: 'k2020', title: 'Title', year: '2020', abstract: 'azacitidine' }];
    const index = ReferenceSearchIndex.deferred(library);
    let searchedEarly: number | undefined;
    await index.build({ budgetMs: 0, now: () => 0, yieldFn: async () => {
      if (searchedEarly === undefined && index.search('title').length === 1) searchedEarly = index.search('azacitidine').length;
    } });
    assert.strictEqual(searchedEarly, 0);
    assert.ok(index.complete);
    assert.strictEqual(index.search('azacitidine').length, 1);
  });

  it('merges sources: at equal relevance the earlier source (the manuscript\'s own) first', () => {
    const own: SearchHit<SearchableReference>[] = [{ item: { key: 'own2019', year: '2019' }, score: 60 }];
    const library: SearchHit<SearchableReference>[] = [{ item: { key: 'lib2024', year: '2024' }, score: 60 }, { item: { key: 'lib2025', year: '2025' }, score: 70 }];
    assert.deepStrictEqual(mergeHits([own, library]).map(h => h.item.key), ['lib2025', 'own2019', 'lib2024']);
  });

  it('large libraries skip fuzzy matching', () => {
    const search = new ReferenceSearch(items, 3);
    assert.deepStrictEqual(search.search('fererada'), []);
  });
});
