import * as assert from 'assert';
import { bibtexFromCsl, titleToLatex } from '../../../../src/core/bibliography/bibtexFromCsl';
import { parseBibTeX } from '../../../../src/core/bibliography';
import { citationKeyFor, DEFAULT_KEY_PATTERN } from '../../../../src/core/lookup/citationKey';
import { parseCslAnswer } from '../../../../src/core/lookup/registryResponses';
import { CSL_BY_DOI } from '../../../support/registryServer';

describe('core/lookup: a fetched reference as a BibTeX entry', () => {
  const item = parseCslAnswer(JSON.stringify(CSL_BY_DOI['10.5555/vexas.test.1']))!;

  it('keeps only reference variables from a registry\'s item', () => {
    assert.ok(item);
    for (const dropped of ['reference', 'license', 'link', 'indexed', 'member', 'prefix', 'content-domain']) assert.ok(!(dropped in item), dropped);
    assert.strictEqual(item.title, 'Somatic <i>UBA1</i> variants &amp; 50% relapse in VEXAS: a test_cohort');
  });

  it('writes an entry that BibTeX reads back to the same reference: Unicode names, specials escaped, markup and acronyms kept', () => {
    const text = bibtexFromCsl(item, 'dvorak2024somatic');
    const parsed = parseBibTeX(text);
    assert.deepStrictEqual(parsed.errors, []);
    const e = parsed.entries[0];
    assert.strictEqual(e.key, 'dvorak2024somatic');
    assert.strictEqual(e.type, 'article');
    assert.strictEqual(e.rawFields.title, '{Somatic \\textit{{UBA1}} variants \\& 50\\% relapse in {VEXAS}: a test\\_cohort}');
    assert.strictEqual(e.field('title'), 'Somatic UBA1 variants & 50% relapse in VEXAS: a test_cohort');
    assert.strictEqual(e.field('author'), 'Dvořák, Zoë and van der Berg, Jan and Example Study Group');
    assert.strictEqual(e.rawFields.author, '{Dvořák, Zoë and van der Berg, Jan and {Example Study Group}}');
    assert.strictEqual(e.field('journal'), 'Journal of Examples');
    assert.strictEqual(e.field('year'), '2024');
    assert.strictEqual(e.rawFields.month, 'mar');
    assert.strictEqual(e.rawFields.pages, '{101--109}');
    assert.strictEqual(e.field('doi'), '10.5555/vexas.test.1');
    assert.strictEqual(e.field('url'), undefined, 'a DOI makes the URL redundant');
  });

  it('never lets a server\'s identifier or name break out of its field', () => {
    const hostile = { type: 'article-journal', title: 'T}, note = {x', DOI: '10.1/x}\\input{/etc/passwd}', URL: 'https://e.org/}', author: [{ family: 'A} and {B', given: 'C' }] };
    const text = bibtexFromCsl(hostile, 'k');
    const parsed = parseBibTeX(text);
    assert.deepStrictEqual(parsed.errors, []);
    const e = parsed.entries[0];
    assert.deepStrictEqual(Object.keys(e.rawFields).sort(), ['author', 'doi', 'title']);
    assert.strictEqual(e.field('doi'), '10.1/xinput/etc/passwd');
    assert.strictEqual(e.field('title'), 'T}, note = {x');
    assert.deepStrictEqual(parsed.entries.length, 1);
  });

  it('escapes every LaTeX special and closes unclosed markup', () => {
    assert.strictEqual(titleToLatex('a\\b {c} ~d^ #e $f <b>bold'), 'a\\textbackslash{}b \\textbraceleft{}c\\textbraceright{} \\textasciitilde{}d\\textasciicircum{} \\#e \\$f \\textbf{bold}');
    assert.strictEqual(titleToLatex('H<sub>2</sub>O &lt;i&gt; <span class="x">IL-6</span> p.Met41Thr'), 'H\\textsubscript{2}O <i> {IL-6} {p.Met41Thr}');
  });

  it('makes keys by the library\'s convention, and a free one when taken', () => {
    const taken = new Set(['dvorak2024somatic']);
    assert.strictEqual(citationKeyFor(item, DEFAULT_KEY_PATTERN, () => false), 'dvorak2024somatic');
    assert.strictEqual(citationKeyFor(item, DEFAULT_KEY_PATTERN, k => taken.has(k)), 'dvorak2024somatica');
    assert.strictEqual(citationKeyFor(item, '{Author}_{year}:{Title3}', () => false), 'Dvorak_2024:SomaticUba1Variants');
    assert.strictEqual(citationKeyFor({ title: 'The first case', author: [{ family: 'García-Escudero' }], issued: { 'date-parts': [[2025]] } }, '', () => false), 'garciaescudero2025first');
    assert.strictEqual(citationKeyFor({}, '{author}{year}{constructor}\\cite}', () => false), 'anonndcite', 'unknown tokens and unsafe characters are dropped');
  });
});
