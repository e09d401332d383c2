import * as assert from 'assert';
import { BibliographyLibrary, parseBibTeX, parseBibTeXChunked, parseBibTeXIncremental, parseCslJson } from '../../../../src/core/bibliography';

describe('core/bibliography/library', () => {
  const a = parseBibTeX('@article{shared, title={From A}, doi={10.1/AAA}, pmid={111}}\n@misc{onlyA, title={Only A}, year=2001}');
  const b = parseBibTeX('@article{shared, title={From B}}\n@misc{onlyB, title={Only B}, doi={https://doi.org/10.2/bbb}}');

  it('looks keys up across sources, earlier source first, and by DOI / PMID', () => {
    const lib = new BibliographyLibrary();
    lib.setSource('a.bib', a);
    lib.setSource('b.bib', b);
    assert.strictEqual(lib.size, 3);
    assert.strictEqual(lib.get('shared')?.fields.title, 'From A');
    assert.deepStrictEqual(lib.lookupAll('shared').map(x => x.sourceId), ['a.bib', 'b.bib']);
    assert.strictEqual(lib.byDoi('10.1/aaa')?.entry.key, 'shared');
    assert.strictEqual(lib.byDoi('doi:10.2/BBB')?.entry.key, 'onlyB');
    assert.strictEqual(lib.byPmid('111')?.entry.key, 'shared');
    assert.deepStrictEqual(lib.sources(), [{ id: 'a.bib', entryCount: 2, errorCount: 0 }, { id: 'b.bib', entryCount: 2, errorCount: 0 }]);
  });

  it('replaces and removes one source alone', () => {
    const lib = new BibliographyLibrary();
    lib.setSource('a.bib', a);
    lib.setSource('b.bib', b);
    lib.setSource('a.bib', parseBibTeX('@misc{onlyA, title={Only A v2}}'));
    assert.strictEqual(lib.get('shared')?.fields.title, 'From B', 'falls back to b.bib');
    assert.strictEqual(lib.get('onlyA')?.fields.title, 'Only A v2');
    assert.strictEqual(lib.sources()[0].id, 'a.bib', 'a replaced source keeps its place');
    assert.ok(lib.removeSource('b.bib'));
    assert.strictEqual(lib.get('shared'), undefined);
    assert.strictEqual(lib.get('onlyB'), undefined);
    assert.strictEqual(lib.byDoi('10.2/bbb'), undefined);
    assert.strictEqual(lib.removeSource('b.bib'), false);
  });

  it('searches across sources with one ranking and without duplicate keys', () => {
    const lib = new BibliographyLibrary();
    lib.setSource('a.bib', a);
    lib.setSource('b.bib', b);
    lib.setSource('c.json', parseCslJson('[{"id":"onlyC","title":"Only C","issued":{"date-parts":[[2024]]}}]'));
    // Equal relevance: the source that takes precedence first (onlyC is newer but comes from the last source).
    assert.deepStrictEqual(lib.search('only').map(h => h.item.key), ['onlyA', 'onlyB', 'onlyC']);
    assert.deepStrictEqual(lib.search('shared').map(h => [h.item.key, h.item.sourceId]), [['shared', 'a.bib']]);
    assert.deepStrictEqual(lib.search('from').map(h => h.item.title), ['From A']);
  });
});

describe('core/bibliography chunked parsing', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `@misc{k${i}, title = {Title ${i}}, year = ${2000 + (i % 20)}}`).join('\n') + '\n@misc{k5, title={dup}}';

  it('parseBibTeXChunked yields between slices and gives the same result as parseBibTeX', async () => {
    let yields = 0;
    let clock = 0;
    // A fake clock: every read advances 1 ms, so slices end after ~budgetMs reads.
    const result = await parseBibTeXChunked(text, { budgetMs: 5, now: () => clock++, yieldFn: async () => { yields++; } });
    const whole = parseBibTeX(text);
    assert.ok(yields > 10, `yielded ${yields} times`);
    assert.deepStrictEqual(result.entries.map(e => e.key), whole.entries.map(e => e.key));
    assert.deepStrictEqual(result.errors, whole.errors);
    assert.ok(result.longestSliceMs <= 6);
  });

  it('parseBibTeXIncremental reports progress and returns the result', async () => {
    const gen = parseBibTeXIncremental(text, { entriesPerSlice: 500 });
    const progress: number[] = [];
    let step = await gen.next();
    while (!step.done) {
      progress.push(step.value.entries);
      step = await gen.next();
    }
    assert.deepStrictEqual(progress, [500, 1000, 1500, 2000, 2500, 3000]);
    assert.strictEqual(step.value.entries.length, 3000);
    assert.strictEqual(step.value.errors.length, 1);
  });

  it('can be cancelled', async () => {
    let clock = 0;
    const result = await parseBibTeXChunked(text, { budgetMs: 2, now: () => clock++, yieldFn: async () => undefined, isCancelled: () => true });
    assert.ok(result.entries.length < 3000);
  });
});

describe('core/bibliography chunked search index', () => {
  it('prepareSearchChunked yields between slices and searches like the synchronous index', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `@misc{k${i}, author = {Author${i % 50}, A.}, title = {Title ${i}}, year = ${2000 + (i % 20)}}`).join('\n');
    const chunked = new BibliographyLibrary();
    chunked.setSource('a.bib', parseBibTeX(text));
    let yields = 0;
    let clock = 0;
    await chunked.prepareSearchChunked('a.bib', { budgetMs: 3, now: () => clock++, yieldFn: async () => { yields++; } });
    assert.ok(yields > 10, `yielded ${yields} times`);
    const sync = new BibliographyLibrary();
    sync.setSource('a.bib', parseBibTeX(text));
    for (const q of ['', 'k1', 'author7 2007', 'title 19']) {
      assert.deepStrictEqual(chunked.search(q).map(h => [h.item.key, h.score]), sync.search(q).map(h => [h.item.key, h.score]), q);
    }
  });
});
