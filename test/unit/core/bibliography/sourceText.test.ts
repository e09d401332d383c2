import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { compactSourceText, decodeSourceText, indexBibliography, parseBibTeX, SourceText, type BibTeXParseResult } from '../../../../src/core/bibliography';

const FIXTURES = join(__dirname, '../../../../../test/fixtures/bib');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const decoded = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);
const whole = (src: SourceText): string => src.slice(0, src.length);
const asciiOnly = (text: string): boolean => !/[\u0080-\uffff]/.test(text);

/** A deterministic pseudo-random source (tests must not depend on the run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Byte snippets: ASCII and BibTeX syntax, Latin-1, wide BMP, astral, and each kind of invalid UTF-8. */
const SNIPPETS: number[][] = [
  [0x61], [0x7b], [0x7d], [0x0a], [0x40], [0x2c], [0x3d], [0x22], [0x25],
  [0xc3, 0xa9], [0xc2, 0x80], [0xc2, 0xa0], // é, U+0080 itself (the placeholder's own value), NBSP
  [0xc4, 0x81], [0xce, 0xb1], [0xe2, 0x80, 0x9c], [0xe6, 0x9d, 0xb1], [0xef, 0xbb, 0xbf], [0xef, 0xbf, 0xbd], // ā α “ 東 BOM U+FFFD
  [0xf0, 0x9f, 0xa7, 0xac], // 🧬
  [0x80], [0xff], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0xaf], // invalid
];

function randomBytes(next: () => number, length: number, invalid: boolean): Uint8Array {
  const out: number[] = [];
  const usable = invalid ? SNIPPETS.length : SNIPPETS.length - 8;
  while (out.length < length) out.push(...SNIPPETS[Math.floor(next() * usable)]);
  return Uint8Array.from(out);
}

function sameParse(a: BibTeXParseResult, b: BibTeXParseResult, label: string): void {
  const entries = (r: BibTeXParseResult) => r.entries.map(e => ({ ...e.toJSON(), raw: e.rawFields }));
  assert.deepStrictEqual(entries(b), entries(a), `${label}: entries`);
  assert.deepStrictEqual(b.errors, a.errors, `${label}: errors`);
  assert.deepStrictEqual([...b.macros], [...a.macros], `${label}: @string macros`);
  assert.deepStrictEqual(b.preambles, a.preambles, `${label}: @preamble`);
}

describe('core/bibliography SourceText (one byte per character)', () => {
  it('decodes exactly as TextDecoder does, and keeps only ASCII in its text', async () => {
    const next = random(7);
    for (let run = 0; run < 400; run++) {
      const bytes = randomBytes(next, Math.floor(next() * 300), run % 2 === 1);
      const expected = decoded(bytes);
      const step = 1 + Math.floor(next() * 16); // tiny steps: sequences straddle every boundary
      const src = await decodeSourceText(bytes.slice(), { step });
      assert.strictEqual(whole(src), expected, `run ${run}: ${Array.from(bytes).map(b => b.toString(16)).join(' ')}`);
      assert.strictEqual(src.text.length, expected.length, 'same length: offsets are UTF-16 offsets of the file');
      assert.ok(asciiOnly(src.text), `run ${run}: a non-ASCII character is left in the text`);
      for (let i = 0; i < expected.length; i++) assert.strictEqual(src.codeUnitAt(i), expected.charCodeAt(i));
    }
  });

  it('slices any range back to the real text, surrogate halves included', async () => {
    const text = 'Müller “UBA1” 🧬 VEXAS — 東京 \u2028 end\uFEFF. Ā';
    const src = await decodeSourceText(utf8(text));
    assert.ok(src.asideCount > 0);
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) assert.strictEqual(src.slice(start, end), text.slice(start, end));
      assert.strictEqual(src.hasAside(start, text.length), /[\u0080-\uffff]/.test(text.slice(start)));
    }
  });

  it('drops a leading byte-order mark like TextDecoder, but keeps one later in the file', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0xef, 0xbb, 0xbf, 0x62, 0xef, 0xbb, 0xbf]);
    assert.strictEqual(whole(await decodeSourceText(bytes.slice())), decoded(bytes));
    assert.strictEqual(whole(await decodeSourceText(utf8('\uFEFF@article{k, title={Ω}}'))), '@article{k, title={Ω}}');
  });

  it('a decoded string: lone surrogates and all, nothing but ASCII left in the text', async () => {
    const text = 'a\uD83E\uDDECb\uD800c“d”é\uDC00' + 'x'.repeat(50) + '東';
    for (const step of [1, 2, 3, 7, 1000]) {
      const src = await compactSourceText(text, { step });
      assert.strictEqual(whole(src), text);
      assert.ok(asciiOnly(src.text));
    }
    const latin = 'Müller, Zoë — no, that dash is wide; this one is not: -';
    assert.strictEqual(whole(await compactSourceText(latin)), latin);
    assert.strictEqual((await compactSourceText('plain ascii')).asideCount, 0);
    assert.strictEqual((await compactSourceText('plain é')).asideCount, 1);
  });

  it('releases a large buffer it consumed at once, and never one it shares', async () => {
    const own = utf8('@misc{k, title = {Ωmega}}\n'.repeat(50_000));
    assert.ok(own.byteLength > 1 << 20);
    const src = await decodeSourceText(own);
    assert.strictEqual(own.byteLength, 0, 'its memory was released (the buffer is detached)');
    assert.strictEqual(src.slice(18, 23), 'Ωmega');
    const pool = new Uint8Array(3 << 20);
    pool.set(utf8('@misc{k, title = {Ωmega}}'), 1 << 20);
    const view = pool.subarray(1 << 20);
    assert.strictEqual((await decodeSourceText(view)).slice(18, 23), 'Ωmega');
    assert.strictEqual(pool.byteLength, 3 << 20, 'a view into a larger buffer leaves it alone');
  });

  it('a JabRef "% Encoding:" first line names the encoding the file is read in', async () => {
    const src = await decodeSourceText(readFileSync(join(FIXTURES, 'jabref-windows-1252.bib')));
    assert.strictEqual(src.decoding.encoding, 'windows-1252');
    assert.strictEqual(src.decoding.invalidUtf8At, undefined);
    assert.ok(asciiOnly(src.text));
    const [entry] = parseBibTeX(src).entries;
    assert.strictEqual(entry.fields.author, 'Müller, Jürgen and François, Anaïs');
    assert.strictEqual(entry.fields.title, 'Café – “quoted” and 5 €');
    // Java's names for the same encodings, and UTF-8 itself (read as usual).
    for (const header of ['% Encoding: ISO8859_1', '% Encoding: Cp1252', '\uFEFF% Encoding: windows-1252']) {
      const bytes = Uint8Array.from([...Array.from(header, c => c.charCodeAt(0) === 0xfeff ? [0xef, 0xbb, 0xbf] : [c.charCodeAt(0)]).flat(), 0x0a, 0x7b, 0xe9, 0x7d]);
      assert.strictEqual(whole(await decodeSourceText(bytes)).slice(-3), '{é}', header);
    }
    const utf8Header = await decodeSourceText(utf8('% Encoding: UTF-8\n{é}'));
    assert.deepStrictEqual([utf8Header.decoding, whole(utf8Header).slice(-3)], [{}, '{é}']);
    const unknown = await decodeSourceText(utf8('% Encoding: x-no-such-charset\n{é}'));
    assert.deepStrictEqual([unknown.decoding, whole(unknown).slice(-3)], [{}, '{é}']);
    // A header left behind when the file was converted to UTF-8: the bytes decide.
    const converted = await decodeSourceText(utf8('% Encoding: windows-1252\n@misc{k, author = {Müller}, title = {“Ωmega”}}'));
    assert.deepStrictEqual(converted.decoding, {});
    assert.strictEqual(parseBibTeX(converted).entries[0].fields.author, 'Müller');
  });

  it('bytes that are not UTF-8 (no header) are reported once, where they start', async () => {
    const bytes = readFileSync(join(FIXTURES, 'latin1.bib'));
    const src = await decodeSourceText(Uint8Array.from(bytes));
    const at = src.decoding.invalidUtf8At;
    assert.ok(at !== undefined);
    assert.strictEqual(src.slice(at - 2, at + 1), '{M\uFFFD');
    const indexed = await indexBibliography(await decodeSourceText(Uint8Array.from(bytes)), 'bibtex', 'latin1.bib');
    assert.deepStrictEqual(indexed.entries.map(e => e.key), ['latin1', 'next'], 'every entry is still read');
    assert.strictEqual(indexed.errors.length, 1);
    assert.match(indexed.errors[0].message, /^The file is not valid UTF-8 from here on/);
    assert.strictEqual(indexed.errors[0].start, at);
    assert.deepStrictEqual((await decodeSourceText(utf8('@misc{k, title={Ωmega}}'))).decoding, {}, 'valid UTF-8: nothing to say');
    // An editor's text, already decoded: the U+FFFD it shows is the place to point at.
    const open = await indexBibliography(await compactSourceText(decoded(bytes)), 'bibtex', 'latin1.bib');
    assert.strictEqual(open.errors.length, 1);
    assert.match(open.errors[0].message, /^A character here did not decode/);
    assert.strictEqual(open.errors[0].start, at);
  });

  it('yields between steps of a large file', async () => {
    const bytes = utf8('@misc{k, title = {α}}\n'.repeat(20000));
    let yields = 0;
    const src = await decodeSourceText(bytes, { step: 1 << 16, yieldFn: async () => { yields++; } });
    assert.ok(yields >= 6, `yielded ${yields} times`);
    assert.strictEqual(src.asideCount, 20000);
  });

  it('parses every fixture, and a file of non-ASCII characters everywhere, exactly as from a string', async () => {
    const files = readdirSync(FIXTURES).filter(f => f.endsWith('.bib'));
    assert.ok(files.includes('wide-characters.bib') && files.length >= 13);
    for (const name of files) {
      const bytes = readFileSync(join(FIXTURES, name));
      const src = await decodeSourceText(Uint8Array.from(bytes));
      const text = whole(src);
      // UTF-8 unless a JabRef header names another encoding.
      if (!src.decoding.encoding) assert.strictEqual(text, decoded(bytes), `${name}: decoded as TextDecoder does`);
      const fromString = parseBibTeX(text);
      sameParse(fromString, parseBibTeX(src), name);
      sameParse(fromString, parseBibTeX(await compactSourceText(text, { step: 97 })), `${name} (from a string)`);
    }
  });

  it('non-ASCII characters in keys, names, values, macros and messages read back as written', async () => {
    const src = await decodeSourceText(readFileSync(join(FIXTURES, 'wide-characters.bib')));
    assert.ok(src.asideCount > 50 && asciiOnly(src.text));
    const result = parseBibTeX(src);
    const byKey = new Map(result.entries.map(e => [e.key, e]));
    const muller = byKey.get('Müller2020αβ');
    assert.ok(muller, `keys: ${[...byKey.keys()].join(', ')}`);
    assert.strictEqual(muller.fields.title, 'Somatic “UBA1” variants — a 🧬 study of VEXAS in 東京');
    assert.strictEqual(muller.fields.journal, 'Journal of Ωmega “Studies” 🧬');
    assert.deepStrictEqual(muller.names('author').map(n => n.family), ['Müller', '王', 'Łukasiewicz', 'Ødegård']);
    assert.strictEqual(byKey.get('ключ2021')?.fields.title, 'Книга');
    assert.strictEqual(byKey.get('ключ2021')?.fields['titleω'], 'Field name with a wide character');
    assert.strictEqual(byKey.get('after')?.fields.journal, 'Journal of Ωmega “Studies” 🧬', 'inherited through crossref');
    assert.ok(result.errors.some(e => e.message.includes("'ωmacro'")), result.errors.map(e => e.message).join('\n'));
    assert.ok(result.errors.some(e => e.message.startsWith("Entry 'emoji😀': field 'title' has unbalanced braces")));
  });

  it('the search index finds non-ASCII names and titles the same either way', async () => {
    const bytes = readFileSync(join(FIXTURES, 'wide-characters.bib'));
    const fromString = await indexBibliography(decoded(bytes), 'bibtex', 'a.bib');
    const fromBytes = await indexBibliography(await decodeSourceText(Uint8Array.from(bytes)), 'bibtex', 'a.bib');
    await Promise.all([fromString.searchReady, fromBytes.searchReady]);
    for (const query of ['王', 'łukasiewicz', 'uba1', 'книга', 'ελληνικά', 'müller', 'ключ', '2021']) {
      const keys = (i: typeof fromString) => i.search.search(query, { limit: 20 }).map(h => h.item.key);
      assert.ok(keys(fromString).length > 0, `'${query}' finds something`);
      assert.deepStrictEqual(keys(fromBytes), keys(fromString), query);
    }
  });
});
