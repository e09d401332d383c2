import * as assert from 'assert';
import { arxivDoi, parseIdentifier } from '../../../../src/core/identifiers/parseIdentifier';

describe('core/identifiers: what an author pastes', () => {
  it('reads DOIs bare, prefixed and as links, keeping their case', () => {
    for (const input of ['10.1056/NEJMoa2026834', 'doi:10.1056/NEJMoa2026834', 'https://doi.org/10.1056/NEJMoa2026834', 'http://dx.doi.org/10.1056/NEJMoa2026834.', '  DOI: 10.1056/NEJMoa2026834 ']) {
      assert.deepStrictEqual(parseIdentifier(input), { kind: 'doi', value: '10.1056/NEJMoa2026834' }, input);
    }
    assert.deepStrictEqual(parseIdentifier('https://doi.org/10.1002/(SICI)1097-0258(19980815)17:15%3C1661::AID-SIM968%3E3.0.CO;2-2'),
      { kind: 'doi', value: '10.1002/(SICI)1097-0258(19980815)17:15<1661::AID-SIM968>3.0.CO;2-2' });
  });

  it('marks medRxiv/bioRxiv and arXiv DOIs as preprints, and reads their links', () => {
    assert.deepStrictEqual(parseIdentifier('10.1101/2020.10.26.20219006'), { kind: 'doi', value: '10.1101/2020.10.26.20219006', preprintServer: 'biorxiv-or-medrxiv' });
    assert.deepStrictEqual(parseIdentifier('https://www.medrxiv.org/content/10.1101/2020.10.26.20219006v1.full'), { kind: 'doi', value: '10.1101/2020.10.26.20219006', preprintServer: 'biorxiv-or-medrxiv' });
    assert.deepStrictEqual(parseIdentifier('arXiv:2101.00001v2'), { kind: 'arxiv', value: '2101.00001v2' });
    assert.deepStrictEqual(parseIdentifier('https://arxiv.org/abs/math.GT/0309136'), { kind: 'arxiv', value: 'math.GT/0309136' });
    assert.strictEqual(arxivDoi('2101.00001v2'), '10.48550/arXiv.2101.00001');
  });

  it('reads PMIDs and PMCIDs bare, prefixed and as PubMed/PMC links', () => {
    for (const input of ['33108101', 'PMID: 33108101', 'pmid33108101', 'https://pubmed.ncbi.nlm.nih.gov/33108101/', 'https://www.ncbi.nlm.nih.gov/pubmed/33108101']) {
      assert.deepStrictEqual(parseIdentifier(input), { kind: 'pmid', value: '33108101' }, input);
    }
    for (const input of ['PMC8123456', 'pmc8123456', 'PMCID: PMC8123456', 'https://pmc.ncbi.nlm.nih.gov/articles/PMC8123456/', 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8123456/']) {
      assert.deepStrictEqual(parseIdentifier(input), { kind: 'pmcid', value: 'PMC8123456' }, input);
    }
  });

  it('names nothing for free text, other links, and malformed identifiers', () => {
    for (const input of ['', 'ruxolitinib', 'Beck 2020', '10.1056', '10.12/x', 'https://example.org/10.1056/x', 'PMC', 'arXiv:banana', 'https://pubmed.ncbi.nlm.nih.gov/?term=vexas']) {
      assert.strictEqual(parseIdentifier(input), undefined, input);
    }
  });

  it('reads a huge paste in bounded time', () => {
    const started = Date.now();
    assert.strictEqual(parseIdentifier(`10.1056/${'x '.repeat(1_000_000)}`), undefined);
    assert.ok(Date.now() - started < 200);
  });
});
