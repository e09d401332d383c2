/**
 * Citation commands a LaTeX document defines for itself: `\newcommand{\mycite}{\citet}`,
 * `\newcommand\mycite[1]{\citep{#1}}`, `\let\mycite\citet`, `\def\mycite{\cite}`,
 * `\NewDocumentCommand{\mycite}{m}{\textcite{#1}}` and biblatex's `\DeclareCiteCommand{\mycite}`.
 * A definition counts when its body starts with a citation command (built-in or defined earlier);
 * the alias is then read like `\cite` (`\mycite[p. 3]{key}`). Comments are skipped. One pass per form.
 */
import type { NonProseRegion } from '../manuscript/nonProseRegions';
import { RangeCursor } from '../manuscript/textScan';

/** `\newcommand`-like: name, then optional `[n][default]`, then the body's first control word. */
const NEWCOMMAND = /\\(?:re)?(?:newcommand|providecommand)\*?[ \t]*(?:\{[ \t]*\\([A-Za-z]+)[ \t]*\}|\\([A-Za-z]+))[ \t]*(?:\[[^\]\n]{0,40}\][ \t]*){0,2}\{[ \t\n]*\\([A-Za-z]+)/g;
/** `\let\alias\cite` or `\let\alias=\cite`. */
const LET = /\\let[ \t]*\\([A-Za-z]+)[ \t]*=?[ \t]*\\([A-Za-z]+)/g;
/** `\def\alias#1{\cite{#1}}`. */
const DEF = /\\[egx]?def[ \t]*\\([A-Za-z]+)[ \t]*(?:#\d[ \t]*){0,9}\{[ \t\n]*\\([A-Za-z]+)/g;
/** xparse: `\NewDocumentCommand{\alias}{O{} m}{\cite[#1]{#2}}`. */
const DOCUMENT_COMMAND = /\\(?:New|Renew|Provide|Declare)DocumentCommand[ \t]*(?:\{[ \t]*\\([A-Za-z]+)[ \t]*\}|\\([A-Za-z]+))[ \t]*\{(?:[^{}\n]|\{[^{}\n]{0,20}\}){0,80}\}[ \t]*\{[ \t\n]*\\([A-Za-z]+)/g;
/** biblatex: `\DeclareCiteCommand{\alias}` defines a citation command outright. */
const DECLARE_CITE = /\\DeclareCiteCommand\*?[ \t]*(?:\{[ \t]*\\([A-Za-z]+)[ \t]*\}|\\([A-Za-z]+))/g;

interface Definition {
  at: number;
  alias: string;
  /** The command the body starts with (undefined: a citation command by declaration). */
  target?: string;
}

/** Names (without backslash) of the citation commands `text` defines, in order of definition. */
export function latexCitationAliases(text: string, isCitationCommand: (name: string) => boolean, regions: readonly NonProseRegion[] = []): string[] {
  const comments = regions.filter(r => r.kind === 'comment' || r.kind === 'verbatim');
  const definitions: Definition[] = [];
  const collect = (re: RegExp, read: (m: RegExpExecArray) => Definition | undefined) => {
    const masked = new RangeCursor(comments);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (masked.rangeAt(m.index)) continue;
      const d = read(m);
      if (d) definitions.push(d);
    }
  };
  collect(NEWCOMMAND, m => ({ at: m.index, alias: m[1] ?? m[2], target: m[3] }));
  collect(LET, m => ({ at: m.index, alias: m[1], target: m[2] }));
  collect(DEF, m => ({ at: m.index, alias: m[1], target: m[2] }));
  collect(DOCUMENT_COMMAND, m => ({ at: m.index, alias: m[1] ?? m[2], target: m[3] }));
  collect(DECLARE_CITE, m => ({ at: m.index, alias: m[1] ?? m[2] }));
  definitions.sort((a, b) => a.at - b.at);
  const aliases: string[] = [];
  const known = new Set<string>();
  for (const d of definitions) {
    if (known.has(d.alias)) continue;
    if (d.target === undefined || isCitationCommand(d.target) || known.has(d.target)) {
      known.add(d.alias);
      aliases.push(d.alias);
    }
  }
  return aliases;
}
