/** Splitting text (plain or LaTeX source) into the words the index and queries compare. */
import { ASCII_CLASS, Cls, FNV_PRIME, FNV_SEED, isAsciiLetter, LATIN_CLASS, LATIN_END, LATIN_FIRST, LATIN_FOLD, normalizedClass } from './charClasses';
import { accentArgument, Cmd, skipLatexSpaces, type LatexWords } from './latexWords';

/**
 * Splits text into words, each handed to `word(buffer, length, hash)` without creating a string.
 * Subclasses decide what a word is used for (the index builder, a query's word list).
 */
export abstract class WordScanner {
  protected buf = new Uint16Array(64);
  private len = 0;
  private hash = FNV_SEED;
  private cls = Cls.Sep;
  private keyMode = false;

  protected abstract word(buf: Uint16Array, len: number, hash: number): void;

  /** Whether plain `text[start, end)` can be scanned raw: no character that needs normalising the whole text (other scripts). */
  static canScan(text: string, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < LATIN_END) {
        if (LATIN_CLASS[c - LATIN_FIRST] === Cls.Bail) return false;
      } else if (c < 0x300 || c > 0x36f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Scans LaTeX `text[start, end)` raw, or (`emit` false) only checks that it can be: false at
   * anything the decoder must read (see LatexWords), math, an unmatched `}` or other scripts;
   * words emitted before that are the caller's to drop.
   */
  protected scanLatex(text: string, start: number, end: number, commands: LatexWords | undefined, emit: boolean): boolean {
    this.keyMode = false;
    let depth = 0;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha) { if (emit) this.push(c | 0x20, Cls.Alpha); } else if (cls === Cls.Digit) { if (emit) this.push(c, Cls.Digit); } else if (c === 0x7b) {
          depth++;
        } else if (c === 0x7d) {
          if (--depth < 0) return false;
        } else if (c === 0x5c) {
          if (!commands) return false;
          const next = this.command(text, i, end, commands, emit);
          if (next < 0) return false;
          i = next;
          continue;
        } else if (c === 0x24) {
          return false;
        } else if (emit) {
          this.end();
        }
      } else if (c < LATIN_END) {
        const cls = LATIN_CLASS[c - LATIN_FIRST];
        if (cls === Cls.Bail) return false;
        if (emit) this.latin(c, cls);
      } else if (c < 0x300 || c > 0x36f) {
        return false;
      }
      i++;
    }
    if (emit) this.end();
    return true;
  }

  /** At a backslash: where scanning resumes after the control sequence, or -1 if it needs the decoder. */
  private command(text: string, at: number, end: number, commands: LatexWords, emit: boolean): number {
    const first = at + 1;
    if (first >= end) return -1;
    const c = text.charCodeAt(first);
    if (isAsciiLetter(c)) {
      let nameEnd = first + 1;
      while (nameEnd < end && isAsciiLetter(text.charCodeAt(nameEnd))) nameEnd++;
      const name = text.slice(first, nameEnd);
      const kind = commands.words.get(name);
      if (kind === Cmd.Accent) return accentArgument(text, nameEnd, end, commands);
      if (kind === Cmd.Symbol) {
        if (emit) this.normalized(commands.symbolText.get(name) ?? '');
        return skipLatexSpaces(text, nameEnd, end);
      }
      if (kind === Cmd.Transparent) {
        const p = skipLatexSpaces(text, nameEnd, end);
        return p < end && text.charCodeAt(p) === 0x7b ? p : -1;
      }
      return -1;
    }
    const kind = c < 0x80 ? commands.symbols[c] : 0;
    if (kind === Cmd.Accent) return accentArgument(text, first + 1, end, commands);
    if (kind === Cmd.Silent) return first + 1;
    if (kind === Cmd.Sep) {
      if (emit) this.end();
      return first + 1;
    }
    return -1;
  }

  /** Normalised text into the current word (a symbol's printed text). */
  private normalized(s: string): void {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha || cls === Cls.Digit) this.push(c, cls);
        else this.end();
      } else if (c < LATIN_END) {
        this.latin(c, LATIN_CLASS[c - LATIN_FIRST]);
      } else if (normalizedClass(c) === Cls.Other) {
        this.push(c, Cls.Other);
      } else {
        this.end();
      }
    }
  }

  private latin(c: number, cls: Cls): void {
    if (cls === Cls.Fold) {
      const f = LATIN_FOLD[c - LATIN_FIRST];
      for (let k = 0; k < f.length; k++) {
        const fc = f.charCodeAt(k);
        this.push(fc, fc <= 0x39 ? Cls.Digit : Cls.Alpha);
      }
    } else if (cls === Cls.Other) {
      this.push(LATIN_FOLD[c - LATIN_FIRST].charCodeAt(0), Cls.Other);
    } else if (cls === Cls.Sep) {
      this.end();
    } else if (cls === Cls.Bail) { // only in normalised text (raw text with one is normalised first)
      if (normalizedClass(c) === Cls.Other) this.push(c, Cls.Other);
      else this.end();
    }
  }

  /**
   * Scans plain `text[start, end)`: raw (checked with canScan) or already normalised.
   * `keyMode` splits letters from digits.
   */
  protected scan(text: string, start: number, end: number, raw: boolean, keyMode: boolean): void {
    this.keyMode = keyMode;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const cls = ASCII_CLASS[c];
        if (cls === Cls.Alpha) this.push(c | 0x20, Cls.Alpha);
        else if (cls === Cls.Digit) this.push(c, Cls.Digit);
        else this.end();
      } else if (c < LATIN_END) {
        this.latin(c, LATIN_CLASS[c - LATIN_FIRST]);
      } else if (c >= 0x300 && c <= 0x36f) {
        if (!raw) this.push(c, Cls.Other); // (normalised text has none; raw text drops them)
      } else if (normalizedClass(c) === Cls.Other) {
        this.push(c, Cls.Other);
      } else {
        this.end();
      }
    }
    this.end();
  }

  private push(c: number, cls: Cls): void {
    if (this.len > 0 && cls !== this.cls && (this.keyMode || cls === Cls.Other || this.cls === Cls.Other)) this.end();
    // A word is indexed by its first MAX_WORD_LENGTH characters (queries are cut the same way): a
    // 500,000-letter "word" costs no more than a long one.
    if (this.len >= MAX_WORD_LENGTH) {
      this.cls = cls;
      return;
    }
    if (this.len === this.buf.length) {
      const bigger = new Uint16Array(this.len * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
    this.hash = Math.imul(this.hash ^ c, FNV_PRIME);
    this.cls = cls;
  }

  private end(): void {
    if (this.len === 0) return;
    this.word(this.buf, this.len, this.hash);
    this.len = 0;
    this.hash = FNV_SEED;
  }

  /** Drops a word half scanned (after scanLatex gave up). */
  protected dropWord(): void {
    this.len = 0;
    this.hash = FNV_SEED;
  }
}

/** Collects the words of a (normalised) query term. */
export class WordList extends WordScanner {
  readonly words: string[] = [];

  static of(normalized: string, keyMode = false): string[] {
    const list = new WordList();
    list.scan(normalized, 0, normalized.length, false, keyMode);
    return list.words;
  }

  protected word(buf: Uint16Array, len: number): void {
    this.words.push(charsToString(buf, len));
  }
}

/** Longest word indexed or searched, in UTF-16 units (longer ones are cut). */
export const MAX_WORD_LENGTH = 128;

export function charsToString(buf: Uint16Array, len: number): string {
  return String.fromCharCode.apply(null, buf.subarray(0, Math.min(len, MAX_WORD_LENGTH)) as unknown as number[]);
}

/** Words of normalised text: title words, surnames ("al-hakim" → al, hakim). */
export function textWords(normalized: string): string[] {
  return WordList.of(normalized);
}

