/**
 * A bibliography file's text, stored at one byte per character.
 *
 * V8 stores a string at two bytes per character as soon as one character is above U+00FF, so a
 * 35 MB .bib with a few thousand “smart quotes”, Greek letters or CJK names costs 70 MB. A
 * SourceText keeps its text ASCII: every other character is set aside (offset → UTF-16 code unit)
 * with a placeholder in its place. Offsets, line breaks and every BibTeX delimiter stay where they
 * are, so the scanner runs on `text` unchanged, and `slice` gives back the real characters. (ASCII,
 * not Latin-1, because the decoder turns pure ASCII bytes into a string several times faster.)
 */
import { releaseMemory } from '../memory';
import { ownTable } from '../ownTable';

/**
 * The WHATWG Encoding API, a global in browsers and Node alike; typed here because the core compiles
 * with the ES library alone (no DOM, no @types/node).
 */
interface Utf8Decoder { decode(input?: Uint8Array, options?: { stream?: boolean }): string }
interface Utf8Encoder { encodeInto(source: string, destination: Uint8Array): { read: number; written: number } }
const encoding = globalThis as unknown as { TextDecoder: new (label: string, options?: { ignoreBOM?: boolean }) => Utf8Decoder; TextEncoder: new () => Utf8Encoder };

/**
 * Stands in for a character outside ASCII: DEL is above space and is no BibTeX syntax, so the
 * scanner treats it as it treats any non-ASCII character (part of a name or key).
 */
export const PLACEHOLDER = '\x7f';
const PLACEHOLDER_CODE = 0x7f;

/** A UTF-16 code unit outside ASCII (a surrogate counts on its own). */
const NON_ASCII = /[\u0080-\uffff]/g;
const EMPTY_OFFSETS = new Int32Array(0);
const EMPTY_UNITS = new Uint16Array(0);

/** What decoding a file's bytes found. */
export interface SourceDecoding {
  /** UTF-16 offset of the first character that was not valid UTF-8 (decoded as U+FFFD, as TextDecoder does). */
  readonly invalidUtf8At?: number;
  /** The encoding a JabRef `% Encoding:` first line named, when the file was decoded with it instead of UTF-8. */
  readonly encoding?: string;
  /** Text handed over already decoded (an open editor's): UTF-16 offset of its first U+FFFD, the mark of bytes that did not decode. */
  readonly replacementAt?: number;
}

export class SourceText {
  constructor(
    /** ASCII, with the same length, offsets and line breaks as the file's text; other characters are PLACEHOLDER. */
    readonly text: string,
    /** Offsets of the replaced code units, ascending. */
    private readonly asideOffsets: Int32Array = EMPTY_OFFSETS,
    /** The replaced code units (a character outside the BMP is two: its surrogates). */
    private readonly asideUnits: Uint16Array = EMPTY_UNITS,
    /** How the bytes were decoded, when they were (see decodeSourceText). */
    readonly decoding: SourceDecoding = {},
  ) {}

  /** A text already in memory: nothing set aside (its characters are used as they are). */
  static of(text: string): SourceText {
    return new SourceText(text);
  }

  get length(): number {
    return this.text.length;
  }

  /** How many code units were set aside (none for `SourceText.of`). */
  get asideCount(): number {
    return this.asideOffsets.length;
  }

  /** The file's real text in [start, end). */
  slice(start: number, end: number): string {
    const plain = this.text.slice(start, end);
    if (this.asideOffsets.length === 0) return plain;
    const from = Math.max(0, start);
    const to = Math.min(this.text.length, end);
    let i = this.firstAsideAtOrAfter(from);
    if (i >= this.asideOffsets.length || this.asideOffsets[i] >= to) return plain;
    let out = '';
    let last = from;
    for (; i < this.asideOffsets.length && this.asideOffsets[i] < to; i++) {
      const at = this.asideOffsets[i];
      out += this.text.slice(last, at) + String.fromCharCode(this.asideUnits[i]);
      last = at + 1;
    }
    return out + this.text.slice(last, to);
  }

  /** Whether [start, end) holds a character that was set aside (so `text` there is not the real text). */
  hasAside(start: number, end: number): boolean {
    if (this.asideOffsets.length === 0) return false;
    const i = this.firstAsideAtOrAfter(start);
    return i < this.asideOffsets.length && this.asideOffsets[i] < end;
  }

  /** The real UTF-16 code unit at `offset` (NaN past the end, as charCodeAt). */
  codeUnitAt(offset: number): number {
    const c = this.text.charCodeAt(offset);
    if (c !== PLACEHOLDER_CODE || this.asideOffsets.length === 0) return c;
    const i = this.firstAsideAtOrAfter(offset);
    return i < this.asideOffsets.length && this.asideOffsets[i] === offset ? this.asideUnits[i] : c;
  }

  private firstAsideAtOrAfter(offset: number): number {
    const offsets = this.asideOffsets;
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Bytes per step when decoding bytes that are not valid UTF-8. */
const STEP_BYTES = 1 << 20;
/** Characters per step when the input is already a string. */
const STEP_CHARS = 1 << 20;
/** Bytes checked per step of the in-place pass (a few ms each). */
const STEP_SCAN_BYTES = 2 << 20;

/**
 * The characters set aside, collected in typed arrays that grow by doubling (the old ones released
 * at once): 160,000 of them at 50,000 entries, which as JS number arrays copied twice left ~8 MB
 * of garbage to collect.
 */
class AsideList {
  offsets = new Int32Array(1024);
  units = new Uint16Array(1024);
  length = 0;

  push(offset: number, unit: number): void {
    if (this.length === this.offsets.length) {
      const offsets = new Int32Array(this.length * 2);
      const units = new Uint16Array(this.length * 2);
      offsets.set(this.offsets);
      units.set(this.units);
      releaseMemory(this.offsets);
      releaseMemory(this.units);
      this.offsets = offsets;
      this.units = units;
    }
    this.offsets[this.length] = offset;
    this.units[this.length++] = unit;
  }

  /** Exact-size copies; this list is emptied. */
  take(): { offsets: Int32Array; units: Uint16Array } {
    const out = { offsets: this.offsets.slice(0, this.length), units: this.units.slice(0, this.length) };
    releaseMemory(this.offsets);
    releaseMemory(this.units);
    this.offsets = new Int32Array(0);
    this.units = new Uint16Array(0);
    this.length = 0;
    return out;
  }
}

/**
 * Builds a SourceText piece by piece, never holding a two-byte copy of the whole text. Bytes
 * decode as `new TextDecoder('utf-8')` does (invalid bytes become U+FFFD), except that a
 * byte-order mark is kept: decodeSourceText drops the file's leading one itself.
 */
class SourceTextBuilder {
  private readonly decoder = new encoding.TextDecoder('utf-8', { ignoreBOM: true });
  private readonly ascii = new encoding.TextDecoder('utf-8');
  private readonly encoder = new encoding.TextEncoder();
  private buffer = new Uint8Array(0);
  private readonly pieces: string[] = [];
  private readonly aside: AsideList;
  private length = 0;

  /** `aside`: characters already set aside from the start of the text (by the in-place pass). */
  constructor(aside = new AsideList()) {
    this.aside = aside;
  }

  /** Decodes the next bytes of the file (`last` for the final ones). */
  writeBytes(bytes: Uint8Array, last: boolean): void {
    this.add(this.decoder.decode(bytes, { stream: !last }));
  }

  /** The in-place pass's ASCII bytes: the start of the text, whose set-aside characters the constructor got. */
  writeAscii(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const text = this.ascii.decode(bytes);
    this.length += text.length;
    this.pieces.push(text);
  }

  /** Adds text that is already decoded. */
  writeString(text: string): void {
    this.add(text, true);
  }

  /** Characters so far. */
  get size(): number {
    return this.length;
  }

  finish(decoding: SourceDecoding = {}): SourceText {
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces.length = 0;
    const { offsets, units } = this.aside.take();
    return new SourceText(text, offsets, units, decoding);
  }

  private add(piece: string, mayBeTwoByte = false): void {
    const base = this.length;
    this.length += piece.length;
    NON_ASCII.lastIndex = 0;
    let m = NON_ASCII.exec(piece);
    if (m === null && !mayBeTwoByte) {
      this.pieces.push(piece); // ASCII from the decoder: already one byte per character
      return;
    }
    for (; m !== null; m = NON_ASCII.exec(piece)) this.aside.push(base + m.index, piece.charCodeAt(m.index));
    this.pieces.push(this.toAscii(piece.replace(NON_ASCII, PLACEHOLDER)));
  }

  /** A one-byte copy of ASCII text (a slice of a two-byte string would stay two-byte). */
  private toAscii(text: string): string {
    if (this.buffer.length < text.length) this.buffer = new Uint8Array(text.length);
    const { written } = this.encoder.encodeInto(text, this.buffer);
    return this.ascii.decode(this.buffer.subarray(0, written));
  }
}

export interface SourceTextOptions {
  /** Awaited between steps (default: none, all at once). */
  yieldFn?: () => Promise<void>;
  /** Size of a step, in bytes or characters (default: a few MB; tests use tiny steps to cross every boundary). */
  step?: number;
}

/**
 * UTF-8 bytes → SourceText, decoded as `new TextDecoder('utf-8')` would (or, when they are not
 * UTF-8, in the encoding a JabRef `% Encoding:` first line names). Consumes the bytes: they
 * are rewritten in place (each non-ASCII character becomes one placeholder byte per UTF-16 unit),
 * a single decode of pure ASCII (fast) makes the text with no other copy of it in between, and
 * then their memory is released at once (see core/memory.ts). From the first invalid byte on (a
 * Latin-1 file, say), the rest is decoded piece by piece instead.
 */
export async function decodeSourceText(bytes: Uint8Array, options: SourceTextOptions = {}): Promise<SourceText> {
  // A header can outlive a conversion to UTF-8: bytes that are valid UTF-8 are read as UTF-8 (text in
  // windows-1252 with accents is practically never valid UTF-8; pure ASCII reads the same either way).
  const declared = declaredEncoding(bytes);
  if (declared && !isUtf8(bytes)) return decodeDeclared(bytes, declared, options);
  const ascii = await asciiInPlace(bytes, options);
  // The decode is a step of its own (~40 ms for 50 MB), between yields.
  await options.yieldFn?.();
  const builder = new SourceTextBuilder(ascii.aside);
  builder.writeAscii(bytes.subarray(0, ascii.written));
  const invalidUtf8At = ascii.read < bytes.length ? builder.size : undefined;
  const step = options.step ?? STEP_BYTES;
  for (let at = ascii.read; at < bytes.length; at += step) {
    await options.yieldFn?.();
    const end = Math.min(bytes.length, at + step);
    builder.writeBytes(bytes.subarray(at, end), end === bytes.length);
  }
  const text = builder.finish(invalidUtf8At === undefined ? {} : { invalidUtf8At });
  // Otherwise a file read long enough ago stays in memory until a full collection (+34 MB at 50,000 entries).
  releaseMemory(bytes);
  await options.yieldFn?.();
  return text;
}

/** Java charset names JabRef writes that are not WHATWG labels as they stand. */
const JAVA_CHARSETS: Readonly<Record<string, string>> = ownTable({ 'x-macroman': 'macintosh', macroman: 'macintosh', 'cp1250': 'windows-1250', 'cp1251': 'windows-1251' });

/**
 * The encoding named by a JabRef `% Encoding: …` line at the top of the file, normalised to a
 * label TextDecoder knows, when it is not UTF-8 and this runtime can decode it.
 */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 512); i++) head += String.fromCharCode(bytes[i]);
  const m = /^(?:\ufeff|\xef\xbb\xbf)?(?:[ \t]*\r?\n)*%[ \t]*Encoding:[ \t]*([A-Za-z0-9._:-]+)/.exec(head);
  if (!m) return undefined;
  const name = m[1].toLowerCase().replace(/_/g, '-');
  const label = JAVA_CHARSETS[name] ?? name;
  try {
    const decoder = new encoding.TextDecoder(label) as Utf8Decoder & { encoding?: string };
    return decoder.encoding === 'utf-8' ? undefined : label;
  } catch {
    return undefined; // a name this runtime does not know: read as UTF-8, and say so where it breaks
  }
}

/** windows-1252 bytes 0x80-0x9F (the WHATWG index): curly quotes, dashes, €, ™, Š, Ÿ… */
const WINDOWS_1252_C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The whole file in the encoding its JabRef header names, ~1 MB at a time, then compacted like any text. */
async function decodeDeclared(bytes: Uint8Array, label: string, options: SourceTextOptions): Promise<SourceText> {
  const decoder = new encoding.TextDecoder(label) as Utf8Decoder & { encoding?: string };
  // Some runtimes (Node 20) decode windows-1252 as ISO-8859-1, giving C1 controls for 0x80-0x9F.
  const fixC1 = decoder.encoding === 'windows-1252' && new encoding.TextDecoder(label).decode(Uint8Array.of(0x80)) !== '\u20AC';
  const builder = new SourceTextBuilder();
  const step = options.step ?? STEP_BYTES;
  for (let at = 0; at < bytes.length; at += step) {
    if (at > 0) await options.yieldFn?.();
    const end = Math.min(bytes.length, at + step);
    const piece = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    builder.writeString(fixC1 ? piece.replace(/[\u0080-\u009f]/g, c => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]) : piece);
  }
  releaseMemory(bytes);
  return builder.finish({ encoding: label });
}

interface InPlace {
  /** Bytes consumed: all of them, or up to the first invalid sequence. */
  read: number;
  /** ASCII bytes now at the start of the buffer. */
  written: number;
  /** UTF-16 offsets and code units of the characters replaced by the placeholder. */
  aside: AsideList;
}

/**
 * Rewrites valid UTF-8, front to back, as ASCII plus the characters set aside (see
 * decodeSourceText), and drops a leading byte-order mark as TextDecoder does. Stops at the first
 * invalid sequence: what was rewritten so far is whole characters, the rest is untouched.
 */
async function asciiInPlace(bytes: Uint8Array, options: SourceTextOptions): Promise<InPlace> {
  const n = bytes.length;
  const aside = new AsideList();
  let r = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let w = 0;
  const step = options.step ?? STEP_SCAN_BYTES;
  let stepEnd = Math.min(n, r + step);
  for (;;) {
    // A run of ASCII, moved down once a multi-byte character has shortened the text.
    const runStart = r;
    while (r < stepEnd && bytes[r] < 0x80) r++;
    if (w !== runStart) bytes.copyWithin(w, runStart, r);
    w += r - runStart;
    if (r >= n) break;
    if (r >= stepEnd) {
      stepEnd = Math.min(n, r + step);
      await options.yieldFn?.();
      continue;
    }
    // A multi-byte character, or an invalid sequence.
    const len = utf8SequenceLength(bytes, r);
    if (len === 0) break;
    const b = bytes[r];
    let cp = len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[r + k] & 0x3f);
    r += len;
    if (cp > 0xffff) { // two UTF-16 units: the surrogates
      aside.push(w, 0xd800 + ((cp - 0x10000) >> 10));
      aside.push(w + 1, 0xdc00 + ((cp - 0x10000) & 0x3ff));
      bytes[w++] = PLACEHOLDER_CODE;
    } else {
      aside.push(w, cp);
    }
    bytes[w++] = PLACEHOLDER_CODE;
  }
  return { read: r, written: w, aside };
}

/**
 * Length of the valid multi-byte UTF-8 sequence starting at `r` (2 to 4), or 0 if the bytes there
 * are not one, by the decoder's own rules: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
function utf8SequenceLength(bytes: Uint8Array, r: number): number {
  const b = bytes[r];
  const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || r + len > bytes.length) return 0;
  const c1 = bytes[r + 1];
  if (c1 < (b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80) || c1 > (b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf)) return 0;
  for (let k = 2; k < len; k++) {
    const c = bytes[r + k];
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return len;
}

/** Whether all the bytes are valid UTF-8 (read only). */
function isUtf8(bytes: Uint8Array): boolean {
  for (let r = 0; r < bytes.length;) {
    if (bytes[r] < 0x80) {
      r++;
      continue;
    }
    const len = utf8SequenceLength(bytes, r);
    if (len === 0) return false;
    r += len;
  }
  return true;
}

/** A decoded string → SourceText; an ASCII string is kept as it is. */
export async function compactSourceText(text: string, options: SourceTextOptions = {}): Promise<SourceText> {
  NON_ASCII.lastIndex = 0;
  if (!NON_ASCII.test(text)) return SourceText.of(text);
  const replacement = text.indexOf('\uFFFD');
  const builder = new SourceTextBuilder();
  const step = options.step ?? STEP_CHARS;
  for (let at = 0; at < text.length; at += step) {
    builder.writeString(text.slice(at, at + step));
    if (at + step < text.length) await options.yieldFn?.();
  }
  return builder.finish(replacement < 0 ? {} : { replacementAt: replacement });
}
