import * as assert from 'assert';
import { IdentifierSource } from '../../../../src/core/bibliography/enrichment';
import { parseBibTeX } from '../../../../src/core/bibliography/parseBibTeX';

const library = parseBibTeX(`
@article{lib2020somatic, title = {Somatic Mutations in {UBA1} and Severe Adult-Onset Autoinflammatory Disease}, year = {2020}, doi = {10.1056/NEJMoa2026834}, pmid = {33108101}}
@article{lib2021short, title = {VEXAS}, year = {2021}, doi = {10.1/short}}
`).entries;

describe('core/bibliography: identifiers the VEXAS library can add', () => {
  const source = new IdentifierSource(library);
  const one = (bib: string) => source.missingIdentifiers(parseBibTeX(bib).entries[0]);

  it('same title and year (case, braces, accents and punctuation aside): DOI and PMID', () => {
    const m = one('@article{mine, title = {Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease.}, year = 2020}');
    assert.deepStrictEqual({ doi: m?.doi, pmid: m?.pmid, match: m?.match, from: m?.from.key },
      { doi: '10.1056/NEJMoa2026834', pmid: '33108101', match: 'title-year', from: 'lib2020somatic' });
  });
  it('same DOI: the PMID only', () => {
    const m = one('@article{mine, title = {Other wording}, year = 2020, doi = {https://doi.org/10.1056/nejmoa2026834}}');
    assert.deepStrictEqual({ doi: m?.doi, pmid: m?.pmid, match: m?.match }, { doi: undefined, pmid: '33108101', match: 'doi' });
  });
  it('nothing for another year, a short title, a different DOI, or an entry that has both', () => {
    assert.strictEqual(one('@article{a, title = {Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease}, year = 2021}'), undefined);
    assert.strictEqual(one('@article{a, title = {VEXAS}, year = 2021}'), undefined);
    assert.strictEqual(one('@article{a, title = {Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease}, year = 2020, doi = {10.9/other}}'), undefined);
    assert.strictEqual(one('@article{a, title = {x}, year = 2020, doi = {10.1056/NEJMoa2026834}, pmid = {1}}'), undefined);
  });
});
