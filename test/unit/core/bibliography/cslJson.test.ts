import * as assert from 'assert';
import { parseCslJson } from '../../../../src/core/bibliography';

describe('core/bibliography/cslJson', () => {
  const text = JSON.stringify([
    {
      id: 'beck2020', type: 'article-journal', title: 'Somatic mutations in UBA1', 'container-title': 'N Engl J Med',
      author: [{ family: 'Beck', given: 'David B.' }, { family: 'Berg', given: 'Anna', 'non-dropping-particle': 'van der' }, { literal: 'VEXAS Consortium' }],
      issued: { 'date-parts': [[2020, 12, 24]] }, DOI: '10.1056/NEJMoa2026834', PMID: '33108101', volume: '383', issue: '27', page: '2628-2638',
    },
    { type: 'book', title: 'No id here' },
    { id: 42, type: 'chapter', title: 'Numeric id', issued: { raw: '2019-05' } },
    { id: 'beck2020', title: 'Duplicate' },
  ], null, 2);

  it('maps items to entries with BibTeX field names and offsets', () => {
    const { entries, errors } = parseCslJson(text);
    assert.deepStrictEqual(entries.map(e => e.key), ['beck2020', '42']);
    const beck = entries[0];
    assert.strictEqual(beck.type, 'article');
    assert.deepStrictEqual({ ...beck.fields }, {
      title: 'Somatic mutations in UBA1', journal: 'N Engl J Med', volume: '383', number: '27', pages: '2628-2638',
      doi: '10.1056/NEJMoa2026834', pmid: '33108101', author: 'Beck, David B. and van der Berg, Anna and VEXAS Consortium',
      year: '2020', month: 'December',
    });
    assert.strictEqual(text.slice(beck.keyStart, beck.keyEnd), 'beck2020');
    assert.strictEqual(text[beck.start], '{');
    assert.strictEqual(text[beck.end - 1], '}');
    assert.strictEqual(text.slice(entries[1].keyStart, entries[1].keyEnd), '42');
    assert.strictEqual(entries[1].fields.year, '2019');
    assert.strictEqual(entries[1].type, 'incollection');
    assert.strictEqual(errors.length, 2);
    assert.match(errors[0].message, /Item 2 \('No id here'\) has no id/);
    assert.match(errors[1].message, /Duplicate id 'beck2020'/);
    assert.strictEqual(text.slice(errors[1].start, errors[1].end), 'beck2020');
  });

  it('reports bad JSON with its position', () => {
    const bad = '[\n  {"id": "a",}\n]';
    const { entries, errors } = parseCslJson(bad);
    assert.deepStrictEqual(entries, []);
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /^Invalid JSON/);
    assert.strictEqual(bad[errors[0].start], '}');
  });

  it('reports a non-array document', () => {
    assert.match(parseCslJson('{"a": 1}').errors[0].message, /array of items/);
  });
});
