import * as assert from 'assert';
import { nodeHttpEnvironment } from '../../../support/nodeHttpEnvironment';
import { parseBibTeX } from '../../../../src/core/bibliography';
import { checkReferences } from '../../../../src/core/lookup/checkReferences';
import { sameJournal, sameTitle } from '../../../../src/core/lookup/referenceCheck';
import { RegistryClient } from '../../../../src/core/lookup/registryClient';
import { startRegistryServer, type RegistryServer } from '../../../support/registryServer';

const env = nodeHttpEnvironment;

const BIB = String.raw`
@article{ok, author = {Dvořák, Zoë}, title = {Somatic {UBA1} variants \& 50\% relapse in {VEXAS}: a test\_cohort}, journal = {J Examples}, year = 2024, doi = {10.5555/vexas.test.1}}
@article{retracted, author = {Withdrawn, Will}, title = {A retracted example}, year = 2022, doi = {https://doi.org/10.5555/vexas.retracted}}
@misc{preprint, author = {Preprinter, Pat}, title = {A preprint about VEXAS treatment}, year = 2023, doi = {10.1101/2099.01.01.000001}}
@article{invented, author = {Nobody, N}, title = {Never published}, year = 2021, doi = {10.5555/missing.77}}
@article{mixedup, author = {Someone, Else}, title = {A different paper}, journal = {Other Journal}, year = 2019, doi = {10.5555/vexas.published}}
@article{bypmid, author = {Exampleson, Erin}, title = {Tocilizumab in an example cohort with {VEXAS} syndrome}, year = 2023, pmid = {99000001}}
@article{badpmid, author = {Nobody, N}, title = {Nothing}, year = 2020, pmid = {99999999}}
@article{noids, author = {Preprinter, Pat}, title = {A study about VEXAS treatment}, year = 2024}
@article{dup, author = {Dvořák, Zoë}, title = {Somatic UBA1 variants and 50 relapse in VEXAS: a test cohort}, year = 2024, doi = {10.5555/VEXAS.TEST.1}}
@article{malformed, title = {X}, doi = {not-a-doi}, pmid = {PMC123}}
`;

describe('core/lookup: checking references against the registries (local server)', function () {
  this.timeout(30000);
  let server: RegistryServer;
  before(async () => { server = await startRegistryServer(); });
  after(() => server.close());

  it('finds retractions, published preprints, unresolved identifiers, mismatches, missing DOIs, duplicates and malformed identifiers', async () => {
    const client = new RegistryClient({ env, endpoints: server.endpoints, userAgent: 'test', timeoutMs: 2000 });
    const entries = parseBibTeX(BIB).entries;
    const progress: number[] = [];
    const report = await checkReferences(client, entries, { onProgress: done => progress.push(done) });
    const byKey = (key: string) => report.findings.filter(f => f.key === key).map(f => f.kind).sort();
    assert.deepStrictEqual(byKey('ok'), ['duplicate-doi']);
    assert.deepStrictEqual(byKey('dup'), ['duplicate-doi', 'title-mismatch'], 'same DOI as ok; "&"/"and" and "_" differ');
    assert.deepStrictEqual(byKey('retracted'), ['retracted']);
    assert.strictEqual(report.findings.find(f => f.key === 'retracted')?.severity, 'error');
    assert.deepStrictEqual(byKey('preprint'), ['preprint-published']);
    assert.deepStrictEqual(report.findings.find(f => f.key === 'preprint')?.fix, { kind: 'replace-with', doi: '10.5555/vexas.published' });
    assert.deepStrictEqual(byKey('invented'), ['unresolved']);
    assert.deepStrictEqual(byKey('mixedup'), ['author-mismatch', 'journal-mismatch', 'title-mismatch', 'year-mismatch']);
    assert.deepStrictEqual(byKey('bypmid'), ['identifier-found']);
    assert.deepStrictEqual(report.findings.find(f => f.key === 'bypmid')?.fix, { kind: 'set-field', field: 'doi', value: '10.5555/vexas.test.2' });
    assert.deepStrictEqual(byKey('badpmid'), ['unresolved']);
    assert.deepStrictEqual(byKey('noids'), ['identifier-found']);
    assert.deepStrictEqual(byKey('malformed'), ['malformed-identifier', 'malformed-identifier']);
    assert.strictEqual(report.stopped, undefined);
    assert.deepStrictEqual(report.failures, []);
    assert.strictEqual(report.total, entries.length);
    assert.strictEqual(report.checked, entries.length - 1, 'all but the entry with only malformed identifiers');
    assert.deepStrictEqual(progress, progress.slice().sort((a, b) => a - b));
  });

  it('stops at the first sign of no network, with one reason', async () => {
    const client = new RegistryClient({ env, endpoints: { ...server.endpoints, crossref: 'http://127.0.0.1:9', eutils: 'http://127.0.0.1:9' }, userAgent: 'test', timeoutMs: 2000 });
    const report = await checkReferences(client, parseBibTeX(BIB).entries);
    assert.strictEqual(report.stopped?.kind, 'offline');
    assert.strictEqual(report.checked, 0);
  });

  it('compares titles and journals the way authors write them', () => {
    assert.ok(sameTitle('Somatic Mutations in <i>UBA1</i> and Severe Adult-Onset Autoinflammatory Disease', 'Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease.'));
    assert.ok(!sameTitle('Somatic mutations in UBA1', 'Somatic mutations in UBA1 and severe disease'));
    assert.ok(sameJournal('N Engl J Med', 'The New England Journal of Medicine'));
    assert.ok(sameJournal('Ann Rheum Dis', 'Annals of the Rheumatic Diseases'));
    assert.ok(sameJournal('Rheumatology (Oxford)', 'Rheumatology (Oxford, England)'), 'place qualifiers are ignored');
    assert.ok(!sameJournal('Blood', 'Blood Advances'));
    assert.ok(!sameJournal('Nat Commun', 'Nature Medicine'));
  });
});
