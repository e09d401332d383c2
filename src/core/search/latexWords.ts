/** The LaTeX commands the word scanner reads in place (the rest go through the decoder). */
import { ASCII_CLASS, Cls, isAsciiLetter } from './charClasses';
import { normalizeForSearch } from './normalize';

export const enum Cmd { Accent = 1, Symbol = 2, Transparent = 3, Silent = 4, Sep = 5 }

/**
 * LaTeX control sequences as the word scanner reads them, compiled from a decoder's rules, so
 * that it finds the same words the decoder's output has: an accent vanishes (é → e, as search
 * folds it anyway), a symbol word prints its (normalised) text and eats the spaces after it, a
 * formatting command leaves its braced argument. Anything else sends the text to the decoder.
 */
export class LatexWords {
  /** Control word → kind; symbols → their normalised text. */
  readonly words = new Map<string, Cmd>();
  readonly symbolText = new Map<string, string>();
  /** Control symbol (`\'`, `\-`, `\&`) by ASCII code → kind (0: decode). */
  readonly symbols = new Uint8Array(128);

  constructor(rules: { accents: Iterable<string>; symbols: Iterable<readonly [string, string]>; transparent: Iterable<string>; silent: Iterable<string> }) {
    // A control symbol prints itself (\& → &) unless it is an accent or silent: punctuation separates words.
    for (let c = 0x21; c < 0x7f; c++) if (ASCII_CLASS[c] === Cls.Sep) this.symbols[c] = Cmd.Sep;
    for (const c of [0x20, 0x09, 0x0a, 0x0d]) this.symbols[c] = Cmd.Sep;
    for (const s of rules.silent) if (s.length === 1 && s.charCodeAt(0) < 0x80) this.symbols[s.charCodeAt(0)] = Cmd.Silent;
    for (const a of rules.accents) {
      if (/^[A-Za-z]$/.test(a)) this.words.set(a, Cmd.Accent);
      else if (a.length === 1 && a.charCodeAt(0) < 0x80) this.symbols[a.charCodeAt(0)] = Cmd.Accent;
    }
    for (const [name, printed] of rules.symbols) {
      // Lowercasing Σ depends on what follows it: left to the decoder.
      if (!/^[A-Za-z]+$/.test(name) || this.words.has(name) || printed.includes('Σ')) continue;
      this.words.set(name, Cmd.Symbol);
      this.symbolText.set(name, normalizeForSearch(printed));
    }
    for (const name of rules.transparent) if (/^[A-Za-z]+$/.test(name) && !this.words.has(name)) this.words.set(name, Cmd.Transparent);
  }
}


/** Past spaces as the decoder skips them (after a control word, before an argument). */
export function skipLatexSpaces(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    p++;
  }
  return p;
}

/**
 * After an accent command: where its argument starts (the accent itself vanishes), or -1 unless
 * the argument surely prints something (a character, or a symbol word like `\i`, bare or braced):
 * an empty one makes the decoder print a spacing accent instead.
 */
export function accentArgument(text: string, p: number, end: number, commands: LatexWords): number {
  p = skipLatexSpaces(text, p, end);
  const q = p < end && text.charCodeAt(p) === 0x7b ? p + 1 : p;
  if (q >= end) return -1;
  const c = text.charCodeAt(q);
  if (c === 0x7b || c === 0x7d) return -1;
  if (c === 0x5c) {
    let nameEnd = q + 1;
    while (nameEnd < end && isAsciiLetter(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(q + 1, nameEnd);
    if (commands.words.get(name) !== Cmd.Symbol || !commands.symbolText.get(name)) return -1;
  }
  return p;
}

