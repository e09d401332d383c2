/**
 * Turns a BibTeX field value (LaTeX markup, delimiters already stripped) into display text:
 * accents and escapes become Unicode, protective braces go, whitespace collapses.
 * Display only: the source text is never rewritten from this.
 */
import { ownTable } from '../ownTable';
import { NeedleFinder } from '../manuscript/needleFinder';

/** Combining marks for TeX accent commands; NFC then composes them with the base letter. */
const ACCENT_MARKS: Readonly<Record<string, string>> = ownTable({
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331', t: '\u0361',
});

/** What an accent with an empty argument (`\'{}`) prints. */
const SPACING_ACCENTS: Readonly<Record<string, string>> = ownTable({
  "'": '\u00B4', '`': '`', '^': '^', '"': '\u00A8', '~': '~', '=': '\u00AF', '.': '\u02D9',
  u: '\u02D8', v: '\u02C7', H: '\u02DD', c: '\u00B8', k: '\u02DB', r: '\u02DA', d: '', b: '', t: '',
});

/** Argument-less control words and what they print. */
const SYMBOL_WORDS: Readonly<Record<string, string>> = ownTable({
  aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', ss: 'ß', SS: 'SS', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“',
  textquotedblright: '”', textquotesingle: "'", textquotedbl: '"', textellipsis: '…', ldots: '…', dots: '…',
  textregistered: '®', texttrademark: '™', textcopyright: '©', copyright: '©', textdegree: '°', degree: '°',
  textbullet: '•', S: '§', P: '¶', dag: '†', ddag: '‡', textdagger: '†', textdaggerdbl: '‡', textsection: '§',
  textparagraph: '¶', textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textunderscore: '_',
  textbar: '|', textless: '<', textgreater: '>', textbraceleft: '{', textbraceright: '}', textdollar: '$',
  textpercent: '%', textperiodcentered: '·', textmu: 'µ', textpm: '±', pm: '±', mp: '∓', times: '×', div: '÷',
  guillemotleft: '«', guillemotright: '»', guillemetleft: '«', guillemetright: '»', euro: '€', texteuro: '€',
  pounds: '£', textsterling: '£', textyen: '¥', textcent: '¢', textexclamdown: '¡', textquestiondown: '¿',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', LaTeXe: 'LaTeX2ε', slash: '/', textslash: '/', textminus: '−',
  leq: '≤', geq: '≥', le: '≤', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', infty: '∞', to: '→',
  rightarrow: '→', leftarrow: '←', uparrow: '↑', downarrow: '↓', cdot: '·', prime: '′', circ: '∘', ell: 'ℓ',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ',
  Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  // Spacing and layout: a space, or nothing.
  quad: ' ', qquad: ' ', enspace: ' ', thinspace: ' ', space: ' ', newline: ' ', par: ' ', break: ' ',
  linebreak: ' ', allowbreak: '', relax: '', protect: '', noopsort: '', nobreak: '', hfill: ' ',
  // Font switches (`{\em x}`): the text stays, the switch goes.
  em: '', it: '', bf: '', sc: '', rm: '', tt: '', sl: '', sf: '', up: '', itshape: '', bfseries: '',
  scshape: '', rmfamily: '', ttfamily: '', sffamily: '', upshape: '', slshape: '', mdseries: '', normalfont: '',
  small: '', footnotesize: '', scriptsize: '', tiny: '', large: '', Large: '', normalsize: '',
});

/** Commands whose single argument prints as is (formatting we cannot show in plain text). */
const TRANSPARENT_COMMANDS = new Set([
  'textbf', 'textit', 'emph', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textmd', 'textnormal', 'textsl',
  'mbox', 'hbox', 'url', 'nolinkurl', 'mkbibemph', 'mkbibitalic', 'mkbibbold', 'textsuperscript', 'textsubscript',
  'ensuremath', 'NoCaseChange', 'nocap', 'MakeUppercase', 'MakeLowercase', 'uppercase', 'lowercase', 'mathrm',
  'mathit', 'mathbf', 'mathsf', 'mathtt', 'text', 'textmu', 'mkbibsuperscript', 'mkbibsubscript', 'bibstring',
  'foreignlanguage', 'hyphenation', 'gls', 'Gls', 'acrshort', 'acrlong', 'ac', 'acs', 'acl',
]);

/** Commands whose argument is wrapped in characters (quotes, brackets). */
const WRAPPING_COMMANDS: Readonly<Record<string, readonly [string, string]>> = ownTable({
  enquote: ['“', '”'], mkbibquote: ['“', '”'], 'enquote*': ['‘', '’'], mkbibparens: ['(', ')'],
  mkbibbrackets: ['[', ']'], textquote: ['“', '”'],
});

/** Commands with two arguments where only the second prints (`\href{url}{text}`), or the first is dropped. */
const SECOND_ARGUMENT_COMMANDS = new Set(['href', 'foreignlanguage', 'hyphenation', 'texorpdfstring']);

const ESCAPED_CHARS = new Set(['&', '%', '$', '#', '_', '{', '}', '\\']);
const SPACE_COMMANDS = new Set([',', ';', ':', ' ', '!', '>', '\n', '\r', '\t']);
const SILENT_COMMANDS = new Set(['-', '/', '@']);

/** Anything that needs the slow path; most values (years, plain titles) skip it. */
const NEEDS_DECODING = /[\\{}~$`\t\n\r]|--|''| {2}|^ | $/;
/** Verbatim fields (biblatex's url/doi/eprint/file/verb*): only escapes are undone, `~` and `--` are kept. */
const NEEDS_VERBATIM_DECODING = /\\[&%$#_{}~]|^\s|\s$|^\{.*\}$/s;

export const VERBATIM_FIELDS: ReadonlySet<string> = new Set([
  'url', 'doi', 'eprint', 'file', 'pdf', 'urlraw', 'verba', 'verbb', 'verbc', 'ids', 'crossref', 'xdata', 'xref',
  'related', 'entryset',
]);

/**
 * The decoder's rules, for scanners that read words straight from LaTeX (the search index):
 * accent commands, argument-less control words and what they print, commands whose only
 * argument prints as is, and control symbols that print nothing. Anything else is decoded.
 */
export function latexWordRules(): { accents: string[]; symbols: [string, string][]; transparent: string[]; silent: string[] } {
  return {
    accents: Object.keys(ACCENT_MARKS),
    symbols: Object.entries(SYMBOL_WORDS),
    transparent: [...TRANSPARENT_COMMANDS].filter(c => !SECOND_ARGUMENT_COMMANDS.has(c) && !(c in WRAPPING_COMMANDS) && !(`${c}*` in WRAPPING_COMMANDS)),
    silent: [...SILENT_COMMANDS],
  };
}

/** Decodes a field value for display; `fieldName` picks verbatim handling for url/doi/file & co. */
export function decodeFieldValue(fieldName: string, latex: string): string {
  return VERBATIM_FIELDS.has(fieldName) ? decodeVerbatim(latex) : decodeLatex(latex);
}

/** URLs and DOIs: `\_`, `\%` ... unescaped, outer braces and surrounding whitespace removed, nothing else. */
export function decodeVerbatim(latex: string): string {
  if (!NEEDS_VERBATIM_DECODING.test(latex)) return latex;
  let s = latex.trim();
  while (s.startsWith('{') && s.endsWith('}') && isOneGroup(s)) s = s.slice(1, -1).trim();
  return s.replace(/\\([&%$#_{}~])/g, '$1');
}

function isOneGroup(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0 && i !== s.length - 1) return false;
  }
  return depth === 0;
}

/** LaTeX → display text. */
export function decodeLatex(latex: string): string {
  if (!NEEDS_DECODING.test(latex)) return latex;
  const decoder = new LatexDecoder(latex);
  return collapseWhitespace(decoder.decodeUntil(latex.length));
}

function collapseWhitespace(s: string): string {
  return s.replace(/[ \t\r\n\u00A0]+/g, ' ').trim();
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Deepest nesting of groups and accent arguments decoded as such. Real titles nest a few levels;
 * deeper input (thousands of `{` or `\'\'\'…`) is read flat beyond this, so decoding never
 * recurses more than this many times.
 */
const MAX_NESTING = 64;

class LatexDecoder {
  private pos = 0;
  private inMath = false;
  private depth = 0;
  /** Braces opened beyond MAX_NESTING, read as plain text: their `}` closes nothing. */
  private flat = 0;
  /** The next `]` (optional arguments), remembered: `\textbf[` repeated must not search each time. */
  private readonly closingBracket: NeedleFinder;

  constructor(private readonly src: string) {
    this.closingBracket = new NeedleFinder(src, ']');
  }

  /** Decodes from the current position up to `end` (exclusive) or an unmatched `}`. */
  decodeUntil(end: number): string {
    const src = this.src;
    let out = '';
    while (this.pos < end) {
      const c = src.charCodeAt(this.pos);
      switch (c) {
        case 0x5c: // backslash
          out += this.command(end);
          break;
        case 0x7b: { // { ... } — protective braces vanish, the content stays
          this.pos++;
          if (this.depth >= MAX_NESTING) {
            this.flat++;
            break;
          }
          this.depth++;
          out += this.decodeUntil(end);
          this.depth--;
          if (this.pos < end) this.pos++; // the closing brace
          break;
        }
        case 0x7d: // unmatched `}` ends the group the caller opened
          if (this.flat > 0) {
            this.flat--;
            this.pos++;
            break;
          }
          return out;
        case 0x7e: // ~ non-breaking space
          out += ' ';
          this.pos++;
          break;
        case 0x24: // $ math shift: dropped, but math-only syntax (^ _) is skipped inside
          this.inMath = !this.inMath;
          this.pos++;
          break;
        case 0x5e: case 0x5f: // ^ _
          if (!this.inMath) out += src[this.pos];
          this.pos++;
          break;
        case 0x2d: // - -- ---
          if (src.charCodeAt(this.pos + 1) === 0x2d) {
            if (src.charCodeAt(this.pos + 2) === 0x2d) { out += '—'; this.pos += 3; } else { out += '–'; this.pos += 2; }
          } else { out += '-'; this.pos++; }
          break;
        case 0x60: // ` `` → ‘ “
          if (src.charCodeAt(this.pos + 1) === 0x60) { out += '“'; this.pos += 2; } else { out += '‘'; this.pos++; }
          break;
        case 0x27: // '' → ”, a lone ' stays an apostrophe
          if (src.charCodeAt(this.pos + 1) === 0x27) { out += '”'; this.pos += 2; } else { out += "'"; this.pos++; }
          break;
        default: {
          // Copy a run of ordinary characters at once.
          const start = this.pos;
          let i = this.pos + 1;
          while (i < end && !isSpecial(src.charCodeAt(i))) i++;
          out += src.slice(start, i);
          this.pos = i;
        }
      }
    }
    return out;
  }

  /** At a backslash: one control sequence and its arguments. */
  private command(end: number): string {
    const src = this.src;
    this.pos++; // backslash
    if (this.pos >= end) return '';
    const first = src[this.pos];
    if (!isLetter(src.charCodeAt(this.pos))) {
      this.pos++;
      if (first in ACCENT_MARKS) return this.accent(first, end);
      if (ESCAPED_CHARS.has(first)) return first === '\\' ? ' ' : first;
      if (SPACE_COMMANDS.has(first)) return ' ';
      if (SILENT_COMMANDS.has(first)) return '';
      return first;
    }
    let nameEnd = this.pos + 1;
    while (nameEnd < end && isLetter(src.charCodeAt(nameEnd))) nameEnd++;
    let name = src.slice(this.pos, nameEnd);
    this.pos = nameEnd;
    if (src[this.pos] === '*' && (name + '*') in WRAPPING_COMMANDS) { name += '*'; this.pos++; }
    // Single-letter accent commands (\c, \v ...) take an argument; \c alone would otherwise read as a symbol.
    if (name.length === 1 && name in ACCENT_MARKS) { this.skipSpaces(end); return this.accent(name, end); }
    if (name in SYMBOL_WORDS) { this.skipSpaces(end); return SYMBOL_WORDS[name]; }
    if (TRANSPARENT_COMMANDS.has(name) || SECOND_ARGUMENT_COMMANDS.has(name) || name in WRAPPING_COMMANDS) {
      this.skipSpaces(end);
      this.skipOptionalArgument(end);
      let arg = this.argument(end);
      if (SECOND_ARGUMENT_COMMANDS.has(name) && this.peekGroup(end)) arg = this.argument(end);
      const wrap = WRAPPING_COMMANDS[name];
      return wrap ? wrap[0] + arg + wrap[1] : arg;
    }
    // Unknown command: shown as written so nothing is silently lost; a following group still decodes.
    return '\\' + name;
  }

  private accent(accent: string, end: number): string {
    const base = this.argument(end);
    if (base === '') return SPACING_ACCENTS[accent];
    // Dotless ı/ȷ exist only to carry accents: the accented letter is the ordinary i/j.
    const letter = base[0] === 'ı' ? 'i' : base[0] === 'ȷ' ? 'j' : base[0];
    return (letter + ACCENT_MARKS[accent] + base.slice(1)).normalize('NFC');
  }

  /** A `{group}`, a control sequence, or one character (taken as it is beyond MAX_NESTING). */
  private argument(end: number): string {
    this.skipSpaces(end);
    if (this.pos >= end) return '';
    const c = this.src.charCodeAt(this.pos);
    if (this.depth >= MAX_NESTING && (c === 0x7b || c === 0x5c)) return '';
    if (c === 0x7b) {
      this.pos++;
      this.depth++;
      const arg = this.decodeUntil(end);
      this.depth--;
      if (this.pos < end) this.pos++;
      return arg;
    }
    if (c === 0x5c) {
      this.depth++;
      const arg = this.command(end);
      this.depth--;
      return arg;
    }
    if (c === 0x7d) return '';
    const ch = String.fromCodePoint(this.src.codePointAt(this.pos) ?? c);
    this.pos += ch.length;
    return ch;
  }

  private peekGroup(end: number): boolean {
    this.skipSpaces(end);
    return this.src.charCodeAt(this.pos) === 0x7b;
  }

  private skipOptionalArgument(end: number): void {
    if (this.src.charCodeAt(this.pos) !== 0x5b) return; // [
    const close = this.closingBracket.find(this.pos);
    if (close >= 0 && close < end) this.pos = close + 1;
  }

  private skipSpaces(end: number): void {
    while (this.pos < end) {
      const c = this.src.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }
}

function isSpecial(c: number): boolean {
  return c === 0x5c || c === 0x7b || c === 0x7d || c === 0x7e || c === 0x24 || c === 0x5e || c === 0x5f
    || c === 0x2d || c === 0x60 || c === 0x27;
}
