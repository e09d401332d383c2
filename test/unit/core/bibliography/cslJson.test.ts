import * as assert from 'assert';
import { parseCslJson, parseCslJsonChunked } from '../../../../src/core/bibliography';

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

  it('a malformed item is reported at its place and the items around it are kept', () => {
    const bad = '[\n  {"id": "a", "title": "A"},\n  {"id": "b",}\n  ,{"id": "c", "title": "C"}\n]';
    const { entries, errors } = parseCslJson(bad);
    assert.deepStrictEqual(entries.map(e => e.key), ['a', 'c']);
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /^Item 2: invalid JSON/);
    assert.strictEqual(bad[errors[0].start], '}');
  });

  it('recovers from a missing comma, an unterminated string and an unclosed array (Zotero-style layout)', () => {
    const items = [
      '  {\n    "id": "first",\n    "title": "First",\n    "author": [\n      {"family": "Beck"}\n    ]\n  }',
      '  {\n    "id": "second",\n    "title": "Second"\n  }', // no comma after it
      '  {\n    "id": "broken",\n    "title": "No closing quote,\n    "issued": {"date-parts": [[2020]]}\n  },',
      '  {\n    "id": "last",\n    "title": "Last"\n  }',
    ];
    const text = `[\n${items[0]},\n${items[1]}\n${items[2]}\n${items[3]}\n`; // and no closing ]
    const { entries, errors } = parseCslJson(text);
    assert.deepStrictEqual(entries.map(e => e.key), ['first', 'second', 'last']);
    assert.deepStrictEqual(errors.map(e => e.message), [
      "Missing ',' after item 2",
      'Item 3: a string runs past the end of its line (missing closing quote?)',
      "The array of items is never closed (missing ']')",
    ]);
    assert.strictEqual(text.slice(errors[1].start, errors[1].start + 1), '{');
    assert.strictEqual(text.split('\n')[text.slice(0, errors[1].start).split('\n').length - 1], '  {', 'the broken item is reported where it starts');
    assert.strictEqual(text.slice(entries[2].keyStart, entries[2].keyEnd), 'last');
  });

  it('the chunked reader yields and reads the same as the whole-text one', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ id: `k${i}`, type: 'article-journal', title: `Title ${i} “quoted”`, author: [{ family: 'Łukasik', given: 'A.' }], issued: { 'date-parts': [[2000 + (i % 25)]] } }));
    const big = JSON.stringify(items, null, 2).replace('"id": "k1500",', '"id": "k1500",,');
    let clock = 0;
    let yields = 0;
    const chunked = await parseCslJsonChunked(big, { budgetMs: 5, now: () => clock++, yieldFn: async () => { yields++; } });
    const whole = parseCslJson(big);
    assert.ok(yields > 10, `yielded ${yields} times`);
    assert.deepStrictEqual(chunked.entries.map(e => [e.key, e.start, e.end, e.keyStart, e.keyEnd, e.fields]), whole.entries.map(e => [e.key, e.start, e.end, e.keyStart, e.keyEnd, e.fields]));
    assert.deepStrictEqual(chunked.errors, whole.errors);
    assert.strictEqual(whole.entries.length, 2999, 'only the malformed item is lost');
    assert.match(whole.errors[0].message, /^Item 1501: invalid JSON/);
  });

  it('an empty file is no error; scalars in the array are reported one by one', () => {
    assert.deepStrictEqual(parseCslJson('').errors, []);
    assert.deepStrictEqual(parseCslJson('  \n').entries, []);
    const { entries, errors } = parseCslJson('[1, {"id": "x"}, "text", null]');
    assert.deepStrictEqual(entries.map(e => e.key), ['x']);
    assert.deepStrictEqual(errors.map(e => e.message), ['Item 1 is not an object', 'Item 3 is not an object', 'Item 4 is not an object']);
  });

  it('reports a non-array document; reads an {"items": [...]} wrapper', () => {
    assert.match(parseCslJson('{"a": 1}').errors[0].message, /array of items/);
    assert.match(parseCslJson('{"a": ').errors[0].message, /^Invalid JSON/);
    assert.deepStrictEqual(parseCslJson('{"items": [{"id": "w", "title": "Wrapped"}]}').entries.map(e => e.fields.title), ['Wrapped']);
  });
});
