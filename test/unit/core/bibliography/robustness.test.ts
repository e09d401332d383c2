import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseBibTeX, type BibTeXParseResult } from '../../../../src/core/bibliography';

const FIXTURES = join(__dirname, '../../../../../test/fixtures/bib');

/** Reads a fixture as the VS Code adapter does: bytes → TextDecoder (invalid UTF-8 → U+FFFD). */
function fixture(name: string): { text: string; result: BibTeXParseResult } {
  const text = new TextDecoder('utf-8').decode(readFileSync(join(FIXTURES, name)));
  return { text, result: parseBibTeX(text) };
}

const keysOf = (r: BibTeXParseResult): string[] => r.entries.map(e => e.key);
const at = (text: string, e: { start: number; end: number }): string => text.slice(e.start, e.end);

describe('core/bibliography robustness (fixtures)', () => {
  it('missing commas: entries kept, each error names the entry and field', () => {
    const { text, result } = fixture('missing-commas.bib');
    assert.deepStrictEqual(keysOf(result), ['smith2020', 'nokeycomma', 'good1']);
    assert.strictEqual(result.entries[0].fields.title, 'First title');
    assert.strictEqual(result.entries[1].fields.title, 'Key without comma');
    assert.deepStrictEqual(result.errors.map(e => e.message), [
      "Entry 'smith2020': missing comma before field 'title'",
      "Entry 'nokeycomma': missing comma after the key",
    ]);
    assert.ok(at(text, result.errors[0]).endsWith('title'));
    assert.strictEqual(text.slice(0, result.errors[1].start).split('\n').length, 8, 'reported on the key line');
  });

  it('unbalanced braces: resync at the next entry, every good entry kept', () => {
    const { text, result } = fixture('unbalanced-braces.bib');
    assert.deepStrictEqual(keysOf(result), ['before', 'broken', 'after', 'tooManyClosers', 'last']);
    assert.strictEqual(result.entries[2].fields.title, 'After the broken one');
    assert.strictEqual(result.entries[4].fields.title, 'Still found');
    assert.strictEqual(result.errors.length, 2);
    assert.match(result.errors[0].message, /^Entry 'broken': field 'title' has unbalanced braces/);
    assert.strictEqual(at(text, result.errors[0]), 'title = {');
    assert.match(result.errors[1].message, /^Entry 'tooManyClosers' was closed early .* field 'journal'/);
    assert.strictEqual(at(text, result.errors[1]), 'journal');
  });

  it('% comment lines: a commented-out entry is not an entry; % in URLs is kept', () => {
    const { result } = fixture('percent-comments.bib');
    assert.deepStrictEqual(keysOf(result), ['kept']);
    assert.deepStrictEqual(result.errors, []);
    assert.strictEqual(result.entries[0].fields.url, 'https://example.org/a_b%20c?x=1&y=2_z');
    assert.strictEqual(result.entries[0].fields.note, undefined);
  });

  it('@comment blocks with @ inside, JabRef meta and free text are skipped', () => {
    const { result } = fixture('comment-blocks.bib');
    assert.deepStrictEqual(keysOf(result), ['realOne']);
    assert.deepStrictEqual(result.errors, []);
  });

  it('duplicate keys: the first is kept, the error is at the duplicate key', () => {
    const { text, result } = fixture('duplicates.bib');
    assert.deepStrictEqual(keysOf(result), ['dup', 'other']);
    assert.strictEqual(result.entries[0].fields.title, 'First definition');
    assert.strictEqual(result.errors.length, 1);
    assert.strictEqual(result.errors[0].start, text.lastIndexOf('dup,'));
    assert.strictEqual(at(text, result.errors[0]), 'dup');
  });

  it('Mendeley / JabRef / Zotero exports', () => {
    const { result } = fixture('exports.bib');
    assert.deepStrictEqual(result.errors, []);
    assert.deepStrictEqual(keysOf(result), ['Beck2020', 'Georgin2022', 'koster2021']);
    const [beck, georgin, koster] = result.entries;
    assert.strictEqual(beck.fields.file, ':Users/me/Documents/Mendeley Desktop/Beck et al. - 2020 - Somatic.pdf:pdf');
    assert.strictEqual(beck.fields['mendeley-tags'], 'UBA1,VEXAS');
    assert.strictEqual(beck.fields.title, 'Somatic Mutations in UBA1 and Severe Adult-Onset Autoinflammatory Disease');
    assert.strictEqual(beck.fields.abstract, 'Inflammatory syndromes … UBA1 & more');
    assert.strictEqual(beck.fields.pages, '2628–2638');
    assert.strictEqual(georgin.type, 'article');
    assert.strictEqual(georgin.fields.file, ':Georgin2022.pdf:PDF');
    assert.strictEqual(koster.fields.month, 'December');
    assert.strictEqual(koster.fields.file, 'Full Text:files/12/Koster.pdf:application/pdf');
  });

  it('biblatex traps: \\enquote*, langid, related, xdata, crossref to mvbook/book, missing crossref target', () => {
    const { text, result } = fixture('biblatex-traps.bib');
    assert.deepStrictEqual(keysOf(result), ['collected', 'proc', 'talk', 'sharedpub', 'withxdata', 'orphan', 'aksin']);
    const byKey = new Map(result.entries.map(e => [e.key, e]));
    const talk = byKey.get('talk')!;
    assert.strictEqual(talk.fields.booktitle, 'Proceedings of Things');
    assert.strictEqual(talk.fields.booksubtitle, 'With a Subtitle');
    assert.strictEqual(talk.fields.publisher, 'Springer Verlag');
    assert.strictEqual(talk.fields.shorthand, undefined, 'shorthand is never inherited');
    const withXdata = byKey.get('withxdata')!;
    assert.strictEqual(withXdata.fields.title, 'Book with ‘quoted’ and “double” words');
    assert.strictEqual(withXdata.fields.publisher, 'Oxford University Press');
    assert.strictEqual(withXdata.fields.location, 'Oxford');
    assert.strictEqual(withXdata.fields.langid, 'english');
    assert.strictEqual(withXdata.fields.related, 'talk');
    const aksin = byKey.get('aksin')!;
    assert.strictEqual(aksin.fields.author, 'Aksın, Özge and Türkmen, Hayati and Artok, Levent and Çetinkaya, Bekir and Ni, Chaoying and Büyükgüngör, Orhan and Özkal, Erhan');
    assert.strictEqual(aksin.fields.journaltitle, 'J. Organomet. Chem.');
    assert.strictEqual(result.errors.length, 1);
    assert.strictEqual(result.errors[0].message, "Entry 'orphan': crossref target 'doesnotexist' not found");
    assert.strictEqual(at(text, result.errors[0]), '{doesnotexist}');
  });

  it('CRLF line endings and a byte-order mark', () => {
    const crlf = fixture('crlf.bib');
    assert.deepStrictEqual(keysOf(crlf.result), ['crlf', 'crlf2']);
    assert.deepStrictEqual(crlf.result.errors, []);
    assert.strictEqual(crlf.result.entries[0].fields.title, 'Windows line endings');
    const bom = fixture('bom.bib');
    assert.deepStrictEqual(keysOf(bom.result), ['bom']);
    assert.strictEqual(bom.text.slice(bom.result.entries[0].keyStart, bom.result.entries[0].keyEnd), 'bom');
  });

  it('non-UTF-8 bytes (decoded to U+FFFD) still parse', () => {
    const { result } = fixture('latin1.bib');
    assert.deepStrictEqual(keysOf(result), ['latin1', 'next']);
    assert.deepStrictEqual(result.errors, []);
    assert.strictEqual(result.entries[0].fields.author, 'M\uFFFDller, J\uFFFDrgen');
  });

  it('an empty file and a file of only comments give nothing and no error', () => {
    for (const name of ['empty.bib', 'only-comments.bib']) {
      const { result } = fixture(name);
      assert.deepStrictEqual(result.entries, [], name);
      assert.deepStrictEqual(result.errors, [], name);
    }
  });

  it('every error span lies inside the text', () => {
    for (const name of ['missing-commas.bib', 'unbalanced-braces.bib', 'duplicates.bib', 'biblatex-traps.bib']) {
      const { text, result } = fixture(name);
      for (const e of result.errors) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${name}: ${e.message}`);
    }
  });
});

describe('core/bibliography scaling', function () {
  this.timeout(120_000);

  /** A realistic entry: long abstract, several authors, accents, a URL with % and _. */
  function corpus(entries: number): string {
    const parts: string[] = ['@string{nejm = {N Engl J Med}}\n'];
    for (let i = 0; i < entries; i++) {
      parts.push(`@article{key${i},\n  author = {M{\\"u}ller, J. and Smith, A. B. and Garc{\\'i}a, C.},\n  title = {Somatic {UBA1} mutations, study ${i}},\n` +
        `  journal = nejm,\n  year = ${1990 + (i % 35)},\n  url = {https://x.org/a_${i}%20b},\n  abstract = {${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12)}}\n}\n\n`);
    }
    return parts.join('');
  }

  /** Best of several runs: the machine may be shared, and the first run also pays for JIT warm-up. */
  function time(text: string): number {
    const runs: number[] = [];
    for (let r = 0; r < 4; r++) {
      const t = Date.now();
      parseBibTeX(text);
      runs.push(Date.now() - t);
    }
    return Math.min(...runs);
  }

  it('parses a 30 MB file in linear time with every entry found', () => {
    const small = corpus(3800);
    const large = corpus(38000);
    assert.ok(large.length > 30_000_000, `large corpus is ${large.length} chars`);
    const tSmall = Math.max(1, time(small));
    const tLarge = time(large);
    const result = parseBibTeX(large);
    assert.strictEqual(result.entries.length, 38000);
    assert.deepStrictEqual(result.errors, []);
    assert.strictEqual(result.entries[37999].fields.journal, 'N Engl J Med');
    // Linear: ~10 (ten times the text), plus GC noise on a shared machine; a quadratic scan would be ~100.
    assert.ok(tLarge / tSmall < 30, `30 MB took ${tLarge} ms, 3 MB took ${tSmall} ms (ratio ${(tLarge / tSmall).toFixed(1)})`);
  });

  it('a broken entry early in a large file costs only itself', () => {
    const text = '@article{bad, title = {never closed,\n' + corpus(2000);
    const result = parseBibTeX(text);
    assert.strictEqual(result.entries.length, 2001);
    assert.strictEqual(result.errors.length, 1);
  });
});
