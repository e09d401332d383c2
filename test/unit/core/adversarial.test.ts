import * as assert from 'assert';
import { parseBibTeX } from '../../../src/core/bibliography/parseBibTeX';
import { parseCslJson } from '../../../src/core/bibliography/cslJson';
import { decodeLatex } from '../../../src/core/bibliography/latexDecode';
import { toCslItem } from '../../../src/core/bibliography/cslFromEntry';
import { toSearchable } from '../../../src/core/bibliography/searchable';
import { formatReference } from '../../../src/core/bibliography/format';
import { parseNameList } from '../../../src/core/bibliography/names';
import { ReferenceSearch } from '../../../src/core/search';
import { inlineReferences } from '../../../src/core/manuscript';
import { findCitations } from '../../../src/core/citations';

/**
 * The review's classes of hostile input, one row each: what a user or an attacker can type that
 * used to hang the parser, lose entries silently, or throw into other features. Each row was seen
 * to fail (hang, lose, throw) before the fix it names.
 */
function keys(text: string): string[] {
  return parseBibTeX(text).entries.map(e => e.key);
}

function timed<T>(fn: () => T, limitMs: number, what: string): T {
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${what} took ${ms.toFixed(0)} ms`);
  return result;
}

describe('hostile input: returns, keeps the good, reports the bad', () => {
  describe('endless loops', () => {
    for (const text of ['@string{', '@comment{', '@preamble{', '@string{x = "a', '@STRING(', '  @string{\n']) {
      it(`BibTeX ${JSON.stringify(text)} returns with an error`, () => {
        const r = timed(() => parseBibTeX(text), 200, text);
        assert.strictEqual(r.entries.length, 0);
        assert.ok(r.errors.length >= 1);
      });
    }
    it("BibTeX '@string{' first, then good entries: the entries are read", () => {
      assert.deepStrictEqual(keys('@string{\n@article{a, title = {A}}\n@article{b, title = {B}}\n'), ['a', 'b']);
    });
    for (const text of ['[}', '[{"id":"a"}}},', '[:', '[{"id":"a"}}}},{"id":"b"}]']) {
      it(`CSL-JSON ${JSON.stringify(text)} returns with an error`, () => {
        const r = timed(() => parseCslJson(text), 200, text);
        assert.ok(r.errors.length >= 1);
      });
    }
  });

  describe('silent loss', () => {
    it("a '%' inside a value does not hide later entries on its line", () => {
      assert.deepStrictEqual(keys('@article{a, title = {50% of patients}} @article{b, title = {B}}\n'), ['a', 'b']);
    });
    it('a commented-out entry stays out; the next line is read', () => {
      assert.deepStrictEqual(keys('% @article{x, title = {X}}\n@article{b, title = {B}}\n'), ['b']);
    });
    it('CR-only line ends with a JabRef header: every entry is read', () => {
      const text = '% This file was created with JabRef 2.10.\r% Encoding: UTF-8\r\r@article{a,\r  title = {A}\r}\r\r@article{b,\r  title = {B}\r}\r';
      assert.deepStrictEqual(keys(text), ['a', 'b']);
    });
    it("an entry with nothing after '@article{' does not swallow the next one", () => {
      assert.deepStrictEqual(keys('@article{\n@article{good, title = {G}}\n'), ['good']);
    });
    it("CSL-JSON: a stray ']' mid-array does not end it", () => {
      const r = parseCslJson('[\n  {"id": "a", "x": [1]}]},\n  {"id": "b"}\n]\n');
      assert.deepStrictEqual(r.entries.map(e => e.key), ['a', 'b']);
      assert.ok(r.errors.length >= 1);
    });
    it('CSL-JSON: an item that never closes costs only itself', () => {
      const r = parseCslJson('[\n  {"id": "a", "author": [\n  {"id": "b", "title": "B"},\n  {"id": "c"}\n]\n');
      assert.deepStrictEqual(r.entries.map(e => e.key), ['b', 'c']);
      assert.match(r.errors[0].message, /Item 1: not closed/);
    });
  });

  describe('exceptions that escaped', () => {
    it('a crossref chain of 5,000 entries: no stack overflow, fields inherited, the chain reported', () => {
      const parts: string[] = [];
      for (let i = 0; i < 5000; i++) parts.push(`@inbook{c${i}, crossref = {c${i + 1}}, pages = {${i}}}\n`);
      parts.push('@book{c5000, title = {Root}, year = {2001}}\n');
      const r = parseBibTeX(parts.join(''));
      assert.strictEqual(r.entries.length, 5001);
      assert.strictEqual(r.entries[4990].field('booktitle'), 'Root');
      assert.strictEqual(r.entries[0].field('booktitle'), undefined); // beyond 16 levels
      for (const e of r.entries.slice(0, 50)) toSearchable(e, 'x');
      assert.ok(r.errors.some(e => /more than 16 crossref\/xdata ancestors/.test(e.message)));
    });
    it('a crossref cycle is reported and every entry still reads', () => {
      const r = parseBibTeX('@inbook{a, crossref = {b}, title = {A}}\n@inbook{b, crossref = {a}, year = {2020}}\n');
      assert.strictEqual(r.entries[0].field('year'), '2020');
      assert.ok(r.errors.some(e => /cycle/.test(e.message)));
    });
    it('thousands of nested accents: decoding, search and formatting still work', () => {
      const title = "\\'{".repeat(5000) + 'e' + '}'.repeat(5000);
      assert.strictEqual(typeof decodeLatex("\\'".repeat(20000) + 'e'), 'string');
      const r = parseBibTeX(`@article{deep, title = {${title}}, author = {Doe, J.}, year = {2020}}\n@article{ok, title = {Fine}, year = {2020}}\n`);
      const search = new ReferenceSearch(r.entries.map(e => toSearchable(e, 'x')));
      assert.deepStrictEqual(search.search('fine').map(h => h.item.key), ['ok']);
      assert.match(formatReference(r.entries[0], 'vancouver'), /Doe J/);
    });
    it('object-valued CSL-JSON id, type and name literal: reported, never thrown', () => {
      const r = parseCslJson(JSON.stringify([
        { id: { a: 1 }, title: 'X' },
        { id: 'b', type: { t: 1 }, author: [{ literal: { x: 1 } }, { family: 'Doe', given: ['J'] }], title: ['T'] },
      ]));
      assert.deepStrictEqual(r.entries.map(e => e.key), ['b']);
      assert.strictEqual(r.entries[0].type, 'misc');
      assert.strictEqual(typeof formatReference(r.entries[0], 'apa'), 'string');
      assert.ok(r.errors.some(e => /id must be a string/.test(e.message)));
      assert.ok(r.errors.some(e => /wrong type/.test(e.message)));
    });
    it("inline references with objects where text belongs: the manuscript's citations still read", () => {
      const md = '---\nreferences:\n- id: a\n  type: {x: 1}\n  title: [T]\n  author:\n  - literal: {x: 1}\n---\n[@a]\n';
      const refs = inlineReferences(md);
      const r = parseCslJson(JSON.stringify(refs));
      assert.deepStrictEqual(r.entries.map(e => e.key), ['a']);
      toCslItem(r.entries[0]);
      assert.deepStrictEqual(findCitations(md, 'markdown').map(c => c.key), ['a']);
    });
    it('a 500,000-letter word: the search index builds (it overflowed the stack) and finds the entry by its other words', () => {
      const r = parseBibTeX(`@article{long, title = {Short ${'m'.repeat(500_000)} words}, year = {2020}}\n`);
      const search = new ReferenceSearch(r.entries.map(e => toSearchable(e, 'x')));
      assert.deepStrictEqual(search.search('short').map(h => h.item.key), ['long']);
    });
    it('a file of a million problems lists the first thousand and counts the rest', () => {
      const bib = parseBibTeX('@article{k, title = ' + 'm # '.repeat(100_000) + 'x}\n');
      assert.strictEqual(bib.errors.length, 1001);
      assert.match(bib.errors[1000].message, /…and 99001 more problems/);
      const csl = parseCslJson('[' + '}'.repeat(100_000) + ', 1'.repeat(2000) + ']');
      assert.ok(csl.errors.length <= 1001, `${csl.errors.length} problems`);
      assert.match(csl.errors[0].message, /Unexpected '\}'/);
      assert.strictEqual(csl.errors[0].end - csl.errors[0].start, 100_000, 'a run of stray braces is one problem');
    });
    it('names of prototype members are text, not functions', () => {
      assert.strictEqual(decodeLatex('\\constructor \\toString{x}'), '\\constructor \\toStringx');
      const r = parseBibTeX('@constructor{x, title = {T}}\n@article{y, title = {T}, month = constructor}\n');
      assert.strictEqual(typeof toCslItem(r.entries[0]).type, 'string');
      assert.strictEqual(r.entries[1].field('month'), 'constructor');
    });
  });

  describe('superlinear time (the review\'s sizes)', () => {
    it('YAML: an unclosed quote before 2,000 inline references', () => {
      const refs = Array.from({ length: 2000 }, (_, i) => `- id: k${i}\n  title: T\n  author:\n    - family: Doe\n`).join('');
      timed(() => inlineReferences(`---\ntitle: "abc\nreferences:\n${refs}---\n`), 500, '2,000 references');
    });
    it("LaTeX: '\\url{' over 200 KB", () => {
      timed(() => findCitations('\\url{'.repeat(40_000), 'latex'), 500, '\\url{ x 40,000');
    });
    it('BibTeX: 8,000 entries on one line', () => {
      const line = Array.from({ length: 8000 }, (_, i) => `@article{k${i}, title={T}}`).join(' ');
      assert.strictEqual(timed(() => parseBibTeX(line), 1000, 'one-line .bib').entries.length, 8000);
    });
    it('author names with a run of 200,000 spaces', () => {
      assert.strictEqual(timed(() => parseNameList(`Doe,${' '.repeat(200_000)}J. and Roe, R.`), 200, 'spaces').length, 2);
    });
  });
});
