import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { readOwnEvidence, type RecordCheck } from '../../../../src/core/evidence/ownEvidence';

/** The shipped schema's record and class checks, as the extension compiles them. */
function checks(): { record: RecordCheck; klass: RecordCheck } {
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../data/schema/evidence.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(schema, 'evidence');
  const wrap = (ref: string): RecordCheck => {
    const v = ajv.compile({ $ref: `evidence#/$defs/${ref}` });
    return value => (v(value) ? [] : (v.errors ?? []).map(e => `${e.instancePath} ${e.message}`));
  };
  return { record: wrap('record'), klass: wrap('class') };
}

const good = {
  id: 'tocilizumab--smith2022tocilizumab', drug: 'tocilizumab', drugLabel: 'Tocilizumab', class: 'il6', target: 'IL-6R',
  study: 'smith2022tocilizumab', year: 2022, design: 'retrospective-cohort', patients: 12, figures: 'abstracted',
  population: { description: 'Own chart review' },
  outcomes: [{ definition: 'CRP normal', result: 'CR 5/12', responders: 5, denominator: 12, where: 'table 2' }],
  evidenceLevel: 'C', where: 'table 2', sourcesSeen: [{ url: 'https://doi.org/10.1/x', kind: 'journal-page' }],
};

describe('core/evidence: the author\'s own extractions', () => {
  const { record, klass } = checks();

  it('uses every valid record, marked as the author\'s, and reports each invalid one at its place', () => {
    const bad = { ...good, id: 'bad--x2020y', evidenceLevel: 'Z' };
    const text = JSON.stringify({ records: [good, bad] }, null, 2);
    const own = readOwnEvidence(text, 'vexas-evidence.json', 3, record, klass);
    assert.deepStrictEqual(own.records.map(r => r.id), ['own:3:tocilizumab--smith2022tocilizumab']);
    assert.deepStrictEqual(own.records[0].origin, { kind: 'own', file: 'vexas-evidence.json' });
    assert.strictEqual(own.problems.length, 1);
    assert.match(own.problems[0].message, /^Record 2 \(bad--x2020y\) is not used: \/evidenceLevel must be equal to one of the allowed values/);
    const at = text.indexOf('"id": "bad--x2020y"');
    assert.ok(own.problems[0].start < at && at < own.problems[0].end, 'the problem covers the bad record');
  });

  it('reads past broken JSON, comments and trailing commas, and says what is wrong with a file of the wrong shape', () => {
    const text = `// my extractions\n{ "records": [ ${JSON.stringify(good)}, ], }`;
    assert.strictEqual(readOwnEvidence(text, 'f', 0, record, klass).records.length, 1);
    assert.match(readOwnEvidence('[1, 2]', 'f', 0, record, klass).problems[0].message, /an object with a "records" array/);
    assert.match(readOwnEvidence('{"records": {}}', 'f', 0, record, klass).problems[0].message, /No "records" array/);
    const broken = readOwnEvidence(`{"records": [${JSON.stringify(good)}, {"id": ]}`, 'f', 0, record, klass);
    assert.strictEqual(broken.records.length, 1);
    assert.ok(broken.problems.some(p => /Not valid JSON/.test(p.message)));
  });

  it('takes classes of its own, and reports a duplicate id once', () => {
    const text = JSON.stringify({ classes: [{ id: 'other', name: 'Other', target: 'x', drugs: ['luspatercept'], summary: [] }], records: [good, good] });
    const own = readOwnEvidence(text, 'f', 0, record, klass);
    assert.deepStrictEqual(own.classes.map(c => c.id), ['other']);
    assert.strictEqual(own.records.length, 1);
    assert.match(own.problems[0].message, /used twice/);
  });
});
