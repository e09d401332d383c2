import * as assert from 'assert';
import { parseBibTeX } from '../../../../src/core/bibliography';

describe('core/bibliography/parseBibTeX', () => {
  it('returns entries with key, lowercase type, decoded fields and offsets', () => {
    const text = '@Article{smith2020,\n  TITLE = {The {\\\'E}tude},\n  Year = 2020\n}\n';
    const { entries, errors } = parseBibTeX(text);
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(entries.length, 1);
    const e = entries[0];
    assert.strictEqual(e.key, 'smith2020');
    assert.strictEqual(e.type, 'article');
    assert.deepStrictEqual({ ...e.fields }, { title: 'The Étude', year: '2020' });
    assert.strictEqual(e.start, 0);
    assert.strictEqual(e.end, text.lastIndexOf('}') + 1);
    assert.strictEqual(text.slice(e.keyStart, e.keyEnd), 'smith2020');
    assert.deepStrictEqual({ ...e.rawFields }, { title: "{The {\\'E}tude}", year: '2020' });
  });

  it('reads quoted values with nested braces and quotes inside braces', () => {
    const { entries } = parseBibTeX('@misc{q, title = "A {"quoted"} {B}ook", note = {say "hi"}}');
    assert.strictEqual(entries[0].fields.title, 'A "quoted" Book');
    assert.strictEqual(entries[0].fields.note, 'say "hi"');
  });

  it('expands @string macros, # concatenation, month macros and bare numbers', () => {
    const text = [
      '@String{jnl = "N Engl J Med"}',
      '@STRING(pre = {The })',
      '@article{a, journal = jnl, title = pre # "Title" # { Two}, month = dec, year = 2020, volume = 383}',
      '@article{b, journal = JNL # { (Suppl)}, month = "jan"}',
    ].join('\n');
    const { entries, errors, macros } = parseBibTeX(text);
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(macros.get('jnl'), 'N Engl J Med');
    assert.deepStrictEqual({ ...entries[0].fields }, { journal: 'N Engl J Med', title: 'The Title Two', month: 'December', year: '2020', volume: '383' });
    assert.strictEqual(entries[1].fields.journal, 'N Engl J Med (Suppl)');
    assert.strictEqual(entries[1].fields.month, 'jan');
    assert.strictEqual(entries[0].rawFields.title, 'pre # "Title" # { Two}');
  });

  it('reports an undefined macro where it is used', () => {
    const text = '@article{a, journal = nosuchmacro}';
    const { entries, errors } = parseBibTeX(text);
    assert.strictEqual(entries.length, 1);
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /Entry 'a': field 'journal' uses 'nosuchmacro'/);
    assert.strictEqual(text.slice(errors[0].start, errors[0].end), 'nosuchmacro');
  });

  it('accepts keys with : / . - + and entries delimited by ()', () => {
    const { entries, errors } = parseBibTeX('@book(doi:10.1/x.y-z+w, title = {T})\n@misc{a/b.c, title={U}}');
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(entries.map(e => e.key), ['doi:10.1/x.y-z+w', 'a/b.c']);
  });

  it('keeps @preamble and skips @comment (with @ inside)', () => {
    const { entries, preambles, errors } = parseBibTeX('@preamble{"\\newcommand{\\x}{y}"}\n@comment{ @article{no, title={x}} }\n@misc{yes}');
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(preambles, ['\\newcommand{\\x}{y}']);
    assert.deepStrictEqual(entries.map(e => e.key), ['yes']);
  });

  it('resolves crossref: child fields win, parent title → booktitle', () => {
    const text = [
      '@inproceedings{child, title = {Child}, crossref = {parent}, year = 2001}',
      '@proceedings{parent, title = {Parent Proc}, year = 2000, publisher = {Pub}, editor = {Ed, A.}}',
    ].join('\n');
    const { entries, errors } = parseBibTeX(text);
    assert.deepStrictEqual(errors, []);
    const child = entries[0];
    assert.strictEqual(child.fields.title, 'Child');
    assert.strictEqual(child.fields.booktitle, 'Parent Proc');
    assert.strictEqual(child.fields.year, '2001');
    assert.strictEqual(child.fields.publisher, 'Pub');
    assert.strictEqual(child.fields.editor, 'Ed, A.');
    assert.strictEqual(child.field('booktitle'), 'Parent Proc');
    assert.strictEqual(child.rawFields.booktitle, undefined, 'raw fields are own fields only');
  });

  it('detects a crossref cycle without hanging', () => {
    const { entries } = parseBibTeX('@misc{a, crossref={b}, title={A}}\n@misc{b, crossref={a}, note={B}}');
    assert.strictEqual(entries[0].fields.note, 'B');
    assert.strictEqual(entries[1].fields.title, 'A');
  });

  it('handles CRLF, a BOM and case-insensitive entry types', () => {
    const { entries, errors } = parseBibTeX('\uFEFF@ARTICLE{a,\r\n  Title = {X},\r\n}\r\n');
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(entries[0].type, 'article');
    assert.strictEqual(entries[0].fields.title, 'X');
    assert.strictEqual(entries[0].start, 1);
  });

  it('reports a missing comma with the entry and field names, and keeps the entry', () => {
    const text = '@article{smith2020,\n  author = {A}\n  title = {T}\n}';
    const { entries, errors } = parseBibTeX(text);
    assert.strictEqual(entries.length, 1);
    assert.deepStrictEqual({ ...entries[0].fields }, { author: 'A', title: 'T' });
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].message, "Entry 'smith2020': missing comma before field 'title'");
    assert.ok(text.slice(errors[0].start, errors[0].end).endsWith('title'));
  });

  it('reports duplicate keys at the duplicate and keeps the first', () => {
    const text = '@misc{k, title={One}}\n@misc{k, title={Two}}';
    const { entries, errors } = parseBibTeX(text);
    assert.strictEqual(entries.length, 1);
    assert.strictEqual(entries[0].fields.title, 'One');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].message, /^Duplicate key 'k'/);
    assert.strictEqual(errors[0].start, text.lastIndexOf('k,'));
  });

  it('reports duplicate fields and keeps the first', () => {
    const { entries, errors } = parseBibTeX('@misc{k, title={One}, title={Two}}');
    assert.strictEqual(entries[0].fields.title, 'One');
    assert.match(errors[0].message, /duplicate field 'title'/);
  });

  it('parses an entry with no fields and one with a trailing comma', () => {
    const { entries, errors } = parseBibTeX('@misc{bare}\n@misc{trailing, title = {T},}');
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(entries.map(e => e.key), ['bare', 'trailing']);
  });

  it('reports an entry without key and skips it', () => {
    const { entries, errors } = parseBibTeX('@article{title = {No key}, year = 2000}\n@misc{ok}');
    assert.deepStrictEqual(entries.map(e => e.key), ['ok']);
    assert.match(errors[0].message, /no citation key/);
  });

  it('reports end of file inside an entry', () => {
    const { entries, errors } = parseBibTeX('@misc{cut, title = {T},');
    assert.deepStrictEqual(entries.map(e => e.key), ['cut']);
    assert.match(errors[0].message, /missing '}' at the end of the entry \(the file ends first\)/);
  });

  it('names author family names through the entry', () => {
    const { entries } = parseBibTeX('@misc{n, author = {van der Berg, Anna and Jean de la Fontaine and {World Health Organization} and Smith, Jr, John and others}}');
    const names = (entries[0] as import('../../../../src/core/bibliography').BibTeXEntry).names('author');
    assert.deepStrictEqual(names, [
      { family: 'Berg', given: 'Anna', particle: 'van der' },
      { family: 'Fontaine', given: 'Jean', particle: 'de la' },
      { family: 'World Health Organization', isLiteral: true },
      { family: 'Smith', given: 'John', suffix: 'Jr' },
      { family: 'others', isOthers: true },
    ]);
  });
});
