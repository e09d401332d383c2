import * as assert from 'assert';
import { formatReference, parseBibTeX, parseCslJson, toCslItem } from '../../../../src/core/bibliography';

describe('core/bibliography/format', function () {
  this.timeout(20_000);
  const bib = parseBibTeX(`
@article{beck2020,
  author = {Beck, David B. and Ferrada, Marcela A. and Sikora, Keith A. and Ombrello, Amanda K. and Collins, Jason C. and Pei, Wuhong and Balanda, Nicholas},
  title = {Somatic Mutations in {UBA1} and Severe Adult-Onset Autoinflammatory Disease},
  journal = {N Engl J Med}, year = 2020, month = dec, volume = 383, number = 27, pages = {2628--2638},
  doi = {10.1056/NEJMoa2026834}, pmid = {33108101}}
@incollection{ch, author={Grayson, Peter C. and Beck, David B.}, title={{VEXAS} syndrome}, booktitle={Textbook of Autoinflammation},
  editor={Hashkes, Philip J.}, publisher={Springer}, address={Cham}, year=2023, pages={100--120}, edition={2}}
@book{knuth, author={Knuth, Donald E.}, title={The {\\TeX}book}, publisher={Addison-Wesley}, address={Reading, MA}, year=1984}`);
  const [beck, chapter, knuth] = bib.entries;

  it('Vancouver (ICMJE/NLM): 6 authors then et al., abbreviated journal, year month;vol(issue):pages', () => {
    assert.strictEqual(formatReference(beck, 'vancouver'),
      'Beck DB, Ferrada MA, Sikora KA, Ombrello AK, Collins JC, Pei W, et al. Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease. N Engl J Med. 2020 Dec;383(27):2628–38.');
    assert.strictEqual(formatReference(chapter, 'vancouver'),
      'Grayson PC, Beck DB. VEXAS syndrome. In: Hashkes PJ, editor. Textbook of Autoinflammation. 2nd ed. Cham: Springer; 2023. p. 100–20.');
  });

  it('AMA 11th edition: 3 authors then et al, full page range with hyphen, doi:', () => {
    assert.strictEqual(formatReference(beck, 'ama'),
      'Beck DB, Ferrada MA, Sikora KA, et al. Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease. N Engl J Med. 2020;383(27):2628-2638. doi:10.1056/NEJMoa2026834');
    assert.strictEqual(formatReference(chapter, 'ama'),
      'Grayson PC, Beck DB. VEXAS syndrome. In: Hashkes PJ, ed. Textbook of Autoinflammation. 2nd ed. Springer; 2023:100-120.');
    assert.strictEqual(formatReference(knuth, 'ama'), 'Knuth DE. The TeXbook. Addison-Wesley; 1984.');
    assert.strictEqual(formatReference(beck, 'ama', 'html'),
      '<div data-csl-entry-id="beck2020" class="csl-entry">Beck DB, Ferrada MA, Sikora KA, et al. Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease. <i>N Engl J Med</i>. 2020;383(27):2628-2638. doi:10.1056/NEJMoa2026834</div>');
  });

  it('APA 7th', () => {
    assert.strictEqual(formatReference(beck, 'apa'),
      'Beck, D. B., Ferrada, M. A., Sikora, K. A., Ombrello, A. K., Collins, J. C., Pei, W., & Balanda, N. (2020). Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease. N Engl J Med, 383(27), 2628–2638. https://doi.org/10.1056/NEJMoa2026834');
    assert.strictEqual(formatReference(knuth, 'apa'), 'Knuth, D. E. (1984). The TeXbook. Addison-Wesley.');
  });

  it('Harvard', () => {
    assert.strictEqual(formatReference(beck, 'harvard'),
      'Beck, D.B. et al. (2020) “Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease,” N Engl J Med, 383(27), pp. 2628–2638. doi:10.1056/NEJMoa2026834.');
    assert.strictEqual(formatReference(knuth, 'harvard'), 'Knuth, D.E. (1984) The TeXbook. Reading, MA: Addison-Wesley.');
  });

  it('caches per entry, style and format', () => {
    const first = formatReference(beck, 'vancouver');
    assert.strictEqual(formatReference(beck, 'vancouver'), first);
    assert.notStrictEqual(formatReference(beck, 'vancouver', 'html'), first);
  });

  it('formats CSL-JSON entries from their original item', () => {
    const [item] = parseCslJson(JSON.stringify([{ id: 'x', type: 'article-journal', title: 'T', author: [{ family: 'Doe', given: 'Jane' }], 'container-title': 'Blood', issued: { 'date-parts': [[2021]] }, volume: '1', page: '1-2' }])).entries;
    assert.strictEqual(formatReference(item, 'vancouver'), 'Doe J. T. Blood. 2021;1:1–2.');
  });

  it('converts entries to CSL-JSON from decoded fields', () => {
    assert.deepStrictEqual(toCslItem(knuth), {
      id: 'knuth', type: 'book', title: 'The TeXbook', publisher: 'Addison-Wesley', 'publisher-place': 'Reading, MA',
      author: [{ family: 'Knuth', given: 'Donald E.' }], issued: { 'date-parts': [[1984]] },
    });
    assert.strictEqual(toCslItem(beck).page, '2628-2638');
    assert.deepStrictEqual(toCslItem(beck).issued, { 'date-parts': [[2020, 12]] });
  });
});
