import * as assert from 'assert';
import { inlineReferences } from '../../../../src/core/manuscript';

describe('core/manuscript: inline references', () => {
  it('reads a full entry', () => {
    const text = [
      '---',
      'title: Paper',
      'references:',
      '- id: beck2020',
      '  type: article-journal',
      '  title: "Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease"',
      '  author:',
      '    - family: Beck',
      '      given: David B.',
      '    - family: Ferrada',
      '      given: Marcela A.',
      '  container-title: New England Journal of Medicine',
      '  issued:',
      '    year: 2020',
      '    month: 12',
      '  DOI: 10.1056/NEJMoa2026834',
      '  volume: 383',
      '---',
      'Body [@beck2020].',
    ].join('\n');
    assert.deepStrictEqual(inlineReferences(text), [{
      id: 'beck2020',
      type: 'article-journal',
      title: 'Somatic mutations in UBA1 and severe adult-onset autoinflammatory disease',
      author: [{ family: 'Beck', given: 'David B.' }, { family: 'Ferrada', given: 'Marcela A.' }],
      'container-title': 'New England Journal of Medicine',
      issued: { 'date-parts': [[2020, 12]] },
      DOI: '10.1056/NEJMoa2026834',
      volume: '383',
    }]);
  });

  it('reads flow-style names, date-parts and string dates', () => {
    const text = [
      '---',
      'references:',
      '  - id: a',
      '    author: [{family: Doe, given: Jane}, "Roe, Richard", World Health Organization]',
      '    issued: {date-parts: [[2021, 3, 4]]}',
      '  - id: b',
      '    issued: 2019-05-01',
      '  - id: c',
      '    issued:',
      '      - year: 2018',
      '---',
    ].join('\n');
    assert.deepStrictEqual(inlineReferences(text), [
      {
        id: 'a',
        author: [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'Richard' }, { literal: 'World Health Organization' }],
        issued: { 'date-parts': [[2021, 3, 4]] },
      },
      { id: 'b', issued: { 'date-parts': [[2019, 5, 1]] } },
      { id: 'c', issued: { 'date-parts': [[2018]] } },
    ]);
  });

  it('keeps a multi-line title and a literal date', () => {
    const text = '---\nreferences:\n- id: x\n  title: >\n    A folded\n    title\n  issued:\n    literal: circa 1900\n---\n';
    assert.deepStrictEqual(inlineReferences(text), [{ id: 'x', title: 'A folded title', issued: { literal: 'circa 1900' } }]);
  });

  it('skips entries without an id', () => {
    const text = '---\nreferences:\n- title: orphan\n- id: kept\n---\n';
    assert.deepStrictEqual(inlineReferences(text).map(r => r.id), ['kept']);
  });

  it('returns nothing without references or front matter', () => {
    assert.deepStrictEqual(inlineReferences('---\ntitle: x\n---\n'), []);
    assert.deepStrictEqual(inlineReferences('no front matter'), []);
    assert.deepStrictEqual(inlineReferences('---\nreferences: none\n---\n'), []);
  });

  it('never throws on malformed YAML', () => {
    const inputs = [
      '---\nreferences:\n- id: [unclosed\n---\n',
      '---\nreferences:\n  - id: "unclosed\n---\n',
      '---\nreferences: {id: x, title: [a, {b: }\n---\n',
      '---\n: : :\n- - -\n  [ { ] }\n---\n',
      '---\nreferences:\n- id: a\n\tauthor: tab\n---\n',
      '---\n---\n',
    ];
    for (const text of inputs) assert.doesNotThrow(() => inlineReferences(text), text);
  });
});
