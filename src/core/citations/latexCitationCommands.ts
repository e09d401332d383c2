/**
 * LaTeX citation commands (natbib, biblatex, and the author's own) and the parser for their
 * arguments: `\cmd*[pre][post]{k1, k2}`, and biblatex multi-cites
 * `\cites(pre)(post)[pre][post]{k1}[pre][post]{k2}`. Spaces, line breaks and `%` comments may
 * sit between the command and its arguments, as TeX allows.
 */
import { LatexArgumentMatcher, skipLatexSpace } from '../manuscript/latexArguments';
import { lineEndAt, TextRange } from '../manuscript/textScan';

/** Commands read as `\cmd*[opt][opt]{keys}`. `\citetext` and `\citestyle` are deliberately absent. */
export const LATEX_CITATION_COMMANDS: readonly string[] = [
  // natbib
  'citet', 'citep', 'citealt', 'citealp', 'citeauthor', 'citeyear', 'citeyearpar', 'citenum',
  'citefullauthor', 'Citet', 'Citep', 'Citealt', 'Citealp', 'Citeauthor', 'Citefullauthor',
  'citetalias', 'citepalias',
  // biblatex
  'cite', 'Cite', 'parencite', 'Parencite', 'footcite', 'Footcite', 'footcitetext', 'textcite', 'Textcite',
  'smartcite', 'Smartcite', 'supercite', 'autocite', 'Autocite', 'citetitle', 'Citetitle', 'citedate',
  'citeurl', 'fullcite', 'footfullcite', 'nocite', 'notecite', 'Notecite', 'pnotecite', 'Pnotecite',
  'fnotecite',
  // ACL styles and apacite
  'newcite', 'shortcite', 'citeA', 'citeN', 'citeNP', 'citeyearNP', 'shortciteA', 'shortciteN', 'shortciteNP',
];

/** biblatex multi-cite commands. */
export const LATEX_MULTICITE_COMMANDS: readonly string[] = [
  'cites', 'Cites', 'parencites', 'Parencites', 'footcites', 'footcitetexts', 'textcites', 'Textcites',
  'smartcites', 'Smartcites', 'supercites', 'autocites', 'Autocites',
];

export type CitationCommandShape = 'single' | 'multi';

const BUILT_IN_SHAPES: ReadonlyMap<string, CitationCommandShape> = new Map<string, CitationCommandShape>([
  ...LATEX_CITATION_COMMANDS.map(n => [n, 'single'] as [string, CitationCommandShape]),
  ...LATEX_MULTICITE_COMMANDS.map(n => [n, 'multi'] as [string, CitationCommandShape]),
]);

/** A configured command name without backslash or star: `\\mycite*` -> `mycite`. */
function normalizeCommandName(raw: string): string {
  return raw.trim().replace(/^\\/, '').replace(/\*$/, '');
}

/** Lookup of the citation commands in force: the built-ins plus `extra` (names with or without `\`). */
export function citationCommandLookup(extra: readonly string[] = []): (name: string) => CitationCommandShape | undefined {
  if (extra.length === 0) return name => BUILT_IN_SHAPES.get(name);
  const shapes = new Map(BUILT_IN_SHAPES);
  for (const name of extra.map(normalizeCommandName)) {
    if (name && !shapes.has(name)) shapes.set(name, 'single');
  }
  return name => shapes.get(name);
}

/**
 * Cheap pre-check on the control word in `[start, end)` before slicing it for a lookup: every
 * built-in name contains `cite` or `Cite`; extra names are few and compared in place.
 */
export function citationCommandFilter(extra: readonly string[] = []): (text: string, start: number, end: number) => boolean {
  const names = extra.map(normalizeCommandName).filter(n => n !== '');
  return (text, start, end) => {
    for (let i = start; i + 4 <= end; i++) {
      if ((text.charCodeAt(i) | 0x20) === 0x63 && text.startsWith('ite', i + 1)) return true;
    }
    for (const name of names) if (end - start === name.length && text.startsWith(name, start)) return true;
    return false;
  };
}

export interface LatexKey {
  key: string;
  start: number;
  end: number;
}

export interface LatexKeyArgument {
  /** Index of `{`. */
  open: number;
  /** Index of the matching `}`, or -1 when unclosed (only when the parser is asked to allow it). */
  close: number;
  keys: LatexKey[];
}

export interface LatexCitationCommand {
  name: string;
  starred: boolean;
  /** From the backslash to after the last `}`. */
  start: number;
  end: number;
  keyArguments: LatexKeyArgument[];
}

/**
 * Parses the citation command whose name ends at `nameEnd`. With `allowUnclosed`, a final `{`
 * without its `}` still yields an argument running to the end of its line (text being typed).
 */
export function parseLatexCitationCommand(
  text: string, start: number, name: string, nameEnd: number, shape: CitationCommandShape, allowUnclosed = false,
  matcher = new LatexArgumentMatcher(text), withKeys = true,
): LatexCitationCommand | undefined {
  let pos = nameEnd;
  const starred = text.charCodeAt(pos) === 0x2a;
  if (starred) pos++;
  if (shape === 'multi') {
    // Global (pre)(post) notes.
    for (let n = 0; n < 2; n++) {
      const p = skipLatexSpace(text, pos);
      if (text.charCodeAt(p) !== 0x28) break;
      const close = matcher.end(p);
      if (close < 0) return undefined;
      pos = close + 1;
    }
  }
  const keyArguments: LatexKeyArgument[] = [];
  for (;;) {
    let p = skipLatexSpace(text, pos);
    for (let n = 0; n < 2 && text.charCodeAt(p) === 0x5b; n++) {
      const close = matcher.end(p);
      if (close < 0) break;
      p = skipLatexSpace(text, close + 1);
    }
    if (text.charCodeAt(p) !== 0x7b) break;
    const close = matcher.end(p);
    if (close < 0) {
      if (allowUnclosed) {
        const lineEnd = lineEndAt(text, p);
        keyArguments.push({ open: p, close: -1, keys: withKeys ? splitLatexKeys(text, p + 1, lineEnd) : [] });
        pos = lineEnd;
      }
      break;
    }
    keyArguments.push({ open: p, close, keys: withKeys ? splitLatexKeys(text, p + 1, close) : [] });
    pos = close + 1;
    if (shape !== 'multi') break;
  }
  if (keyArguments.length === 0) return undefined;
  return { name, starred, start, end: pos, keyArguments };
}

/**
 * The keys of a `{k1, k2}` argument: split at commas and `%` comments, trimmed, empty ones and
 * `*` (`\nocite{*}`, "cite everything") dropped.
 */
export function splitLatexKeys(text: string, from: number, to: number): LatexKey[] {
  const keys: LatexKey[] = [];
  forEachLatexKey(text, from, to, (s, e) => keys.push({ key: text.slice(s, e), start: s, end: e }));
  return keys;
}

/** The same, calling `visit(start, end)` per key: no key objects for a scan that makes its own. */
export function forEachLatexKey(text: string, from: number, to: number, visit: (start: number, end: number) => void): void {
  let pieceStart = from;
  const flush = (end: number): void => {
    let s = pieceStart;
    let e = end;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s && !(e - s === 1 && text.charCodeAt(s) === 0x2a)) visit(s, e);
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      flush(i);
      pieceStart = i + 1;
    } else if (c === 0x25) {
      flush(i);
      i = Math.min(lineEndAt(text, i), to);
      pieceStart = i + 1;
    } else if (c === 0x5c) {
      i++;
    }
  }
  flush(to);
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The range inside an argument's braces (to the end of its line when unclosed). */
export function keyArgumentInner(text: string, arg: LatexKeyArgument): TextRange {
  return { start: arg.open + 1, end: arg.close >= 0 ? arg.close : lineEndAt(text, arg.open) };
}
