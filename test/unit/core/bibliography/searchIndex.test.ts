import * as assert from 'assert';
import { decodeLatex, familyNames, indexBibliography, parseBibTeX, toSearchable } from '../../../../src/core/bibliography';
import { familyNameSpans } from '../../../../src/core/bibliography/names';
import { ReferenceSearchIndex, normalizeForSearch, type SearchableReference } from '../../../../src/core/search';

/** LaTeX the index reads in place (accents, symbols, formatting) and LaTeX it hands to the decoder. */
const TITLES = [
  'Sj\\"{o}gren and {\\\'E}tude of \\textit{UBA1} in {VEXAS}', 'Dvo\\v{r}\\\'ak \\c{c}a \\o{}rsted \\ss{}e \\aa\\AE \\L odz',
  'A \\emph{new} -- long---dash `quoted\' ``double\'\' O\'Brien', 'Math $\\alpha$-synuclein and x^2_3 and \\alpha-helix',
  '\\\'{}empty \\"\\i\\\'\\relax Ærø \\foo{bar} \\href{http://x}{link} \\enquote{q}', 'unbalanced } tail dropped by the decoder',
  'Hyphen\\-ation, \\&, 50\\%, a\\,b, \\LaTeX{} and \\TeX, \\Delta\\Sigma', 'Müller Straße ÉTUDE Łukasik ı ǅ ŉ ª ² × · e\u0301 漢字 𝒜bc ΟΔΟΣ',
];
const AUTHORS = [
  'M{\\"u}ller, A. and van der Berg, Jan and {World Health Organization} and others',
  'Jean de la Fontaine AND Dvo\\v{r}\\\'ak, Sophie and , John and Brown, and \\relax Smith',
  '{Barnes and Noble} and Smith, Jr, John and Le~Guin, U and \\textit{Tanaka}, H',
];

describe('core/search index built from BibTeX text in place', () => {
  // Keywords and abstracts take the titles of other entries: the same LaTeX, read in the fields' own stages.
  const bib = TITLES.map((t, i) => `@article{k${i}, author = {${AUTHORS[i % AUTHORS.length]}}, title = {${t}}, year = ${2000 + i}, ` +
    `keywords = {${TITLES[(i + 3) % TITLES.length]}}, abstract = {${TITLES[(i + 5) % TITLES.length]}}}`).join('\n');
  const parsed = parseBibTeX(bib);
  // The same references with decoded strings: the slow path every other source takes.
  const plain: SearchableReference[] = parsed.entries.map(e => ({ key: e.key, year: e.field('year'), title: e.field('title'), authors: familyNames(e.latex('author') ?? ''),
    keywords: e.field('keywords'), abstract: e.field('abstract') }));
  const fast = new ReferenceSearchIndex(parsed.entries.map(e => toSearchable(e, 'a.bib')));
  const slow = new ReferenceSearchIndex(plain);

  it('finds exactly what decoding first would find, for every word of every title, name, keyword and abstract', () => {
    const words = new Set<string>();
    for (const item of plain) for (const s of [item.title ?? '', ...(item.authors ?? [])]) for (const w of normalizeForSearch(s).split(/[^\p{L}\p{N}\p{M}]+/u)) if (w) words.add(w);
    assert.ok(words.size > 50, `${words.size} words`);
    for (const w of [...words, 'sjo', 'etud', 'tanaka', 'orsted', 'sse', 'lodz', 'dvorak', 'latex', 'δ']) {
      assert.deepStrictEqual(fast.search(w).map(h => [h.item.key, h.score]), slow.search(w).map(h => [h.item.key, h.score]), w);
    }
  });

  it('never indexes punctuation as a word', () => {
    for (const q of ['–', '—', '“', '”', '×', '·']) assert.deepStrictEqual(fast.search(q), [], q);
  });

  it('splits names like familyNames', () => {
    for (const latex of AUTHORS) {
      const spans: string[] = [];
      familyNameSpans(`xx${latex}yy`, 2, 2 + latex.length, (s, e) => spans.push(decodeLatex(`xx${latex}yy`.slice(s, e))));
      assert.deepStrictEqual(spans, familyNames(latex));
    }
  });
});

describe('core/search deferred index', () => {
  const items: SearchableReference[] = Array.from({ length: 3000 }, (_, i) => ({
    key: `${['Beck', 'müller', 'zhang', 'Ölz', 'abe'][i % 5]}${2000 + (i % 25)}${String.fromCharCode(97 + (i % 26))}${i}`,
    authors: [['Beck', 'Müller', 'Zhang', 'Ölz', 'Abe'][i % 5], 'Ferrada'], title: `Title ${i % 97} vexas`, year: String(2000 + (i % 25)), doi: i % 3 ? `10.${1000 + (i % 50)}/x.${i}` : undefined,
  }));
  const sync = new ReferenceSearchIndex(items);
  const queries = ['', 'b', 'beck', 'beck2005', 'muller', 'ölz', 'olz20', 'ferrada 2003', 'title 42', 'vexas', '10.1004', 'zz'];

  it('answers key prefixes before the word index is built, and everything once built', async () => {
    const index = ReferenceSearchIndex.deferred(items);
    assert.strictEqual(index.complete, false);
    const keyHits = index.search('beck2005');
    assert.ok(keyHits.length > 0 && keyHits.every(h => h.item.key.toLowerCase().startsWith('beck2005')));
    assert.deepStrictEqual(index.search('ferrada'), [], 'no word matches yet');
    let keysReady = 0;
    let yields = 0;
    let clock = 0;
    await index.build({ budgetMs: 2, now: () => clock++, yieldFn: async () => { yields++; }, onKeysReady: () => keysReady++ });
    assert.strictEqual(keysReady, 1);
    assert.ok(yields > 20, `${yields} yields`);
    assert.ok(index.complete);
    for (const q of queries) assert.deepStrictEqual(index.search(q).map(h => [h.item.key, h.score]), sync.search(q).map(h => [h.item.key, h.score]), q);
  });

  it('orders the default list and key prefixes exactly as comparisons would', () => {
    const byYearThenKey = [...items].sort((a, b) => Number(b.year) - Number(a.year) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    assert.deepStrictEqual(sync.search('', { limit: 3000 }).map(h => h.item.key), byYearThenKey.map(i => i.key));
    const expected = items.filter(i => normalizeForSearch(i.key).startsWith('olz20')).length;
    assert.strictEqual(sync.search('olz20', { limit: 3000 }).length, expected);
  });

  it('stops when cancelled, and resumes on the next build', async () => {
    const index = ReferenceSearchIndex.deferred(items);
    let clock = 0;
    let slices = 0;
    await index.build({ budgetMs: 1, now: () => clock++, yieldFn: async () => { slices++; }, isCancelled: () => slices >= 3 });
    assert.strictEqual(index.complete, false);
    await index.build();
    assert.ok(index.complete);
    assert.deepStrictEqual(index.search('ferrada 2003').length, sync.search('ferrada 2003').length);
  });
});

describe('core/bibliography indexBibliography', () => {
  it('parses in slices, resolves with key search ready, then completes the index', async () => {
    const text = Array.from({ length: 6000 }, (_, i) => `@article{key${i}, author = {Name${i % 40}, A.}, title = {T\\'itle ${i}}, year = ${1990 + (i % 30)}, doi = {10.5/${i}}, abstract = {${'x '.repeat(i % 7)}}}`).join('\n');
    let clock = 0;
    const indexed = await indexBibliography(text, 'bibtex', 'a.bib', { budgetMs: 5, now: () => clock++, yieldFn: async () => undefined });
    assert.strictEqual(indexed.entries.length, 6000);
    assert.strictEqual(indexed.byKey.get('key5999')?.field('title'), 'Títle 5999', 'fields of entries in every FieldStore page');
    assert.strictEqual(indexed.byKey.get('key0')?.field('doi'), '10.5/0');
    assert.ok(indexed.search.search('key59').length > 0);
    await indexed.searchReady;
    assert.strictEqual(indexed.search.search('name7 title 47')[0].item.key, 'key47');
    assert.deepStrictEqual(indexed.search.search('10.5/123').map(h => h.item.key).slice(0, 2), ['key123', 'key1239'], 'DOI prefixes, exact first');
  });
});
