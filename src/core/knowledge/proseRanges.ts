/**
 * Where ordinary prose is: the text between the non-prose regions, minus citation keys and
 * cross-references (Markdown) or command names and their non-textual arguments such as labels,
 * references and package names (LaTeX). Glossary terms are hovered, completed and linted only there.
 */
import { citationCommandLookup, parseLatexCitationCommand } from '../citations/latexCitationCommands';
import { scanPandocReferences } from '../citations/markdownCitations';
import type { CitationSyntax } from '../languages';
import { controlWordEnd, LatexArgumentMatcher, nextCommandStart, skipLatexSpace } from '../manuscript/latexArguments';
import { findNonProseRegions, NonProseRegion } from '../manuscript/nonProseRegions';
import { rangeContaining, RangeCursor, TextRange } from '../manuscript/textScan';

/** Sorted, non-overlapping, non-empty ranges of prose (`regions`: the text's findNonProseRegions, if already computed). */
export function proseRanges(text: string, language: CitationSyntax,
  regions: readonly NonProseRegion[] = findNonProseRegions(text, language)): TextRange[] {
  const extra = language === 'latex' ? latexMarkup(text, regions) : markdownReferences(text, regions);
  return complement(mergeSorted(regions, extra), text.length);
}

/** True if the character at `offset` is prose. */
export function isProseAt(text: string, offset: number, language: CitationSyntax): boolean {
  return rangeContaining(proseRanges(text, language), offset) !== undefined;
}

function markdownReferences(text: string, regions: readonly NonProseRegion[]): TextRange[] {
  return scanPandocReferences(text, regions).references.map(r => ({ start: r.markerStart, end: r.markerEnd }));
}

/** Commands whose first N mandatory arguments are names, not text. */
const NAME_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  ['label', 1], ['ref', 1], ['eqref', 1], ['pageref', 1], ['autoref', 1], ['cref', 1], ['Cref', 1], ['crefrange', 2],
  ['nameref', 1], ['vref', 1], ['begin', 1], ['end', 1], ['usepackage', 1], ['RequirePackage', 1], ['documentclass', 1],
  ['input', 1], ['include', 1], ['includeonly', 1], ['includegraphics', 1], ['bibliography', 1],
  ['bibliographystyle', 1], ['addbibresource', 1], ['graphicspath', 1], ['setlength', 2], ['addtolength', 2],
  ['setcounter', 2], ['addtocounter', 2], ['newcounter', 1], ['pagestyle', 1], ['thispagestyle', 1],
  ['newcommand', 1], ['renewcommand', 1], ['providecommand', 1], ['newenvironment', 1], ['renewenvironment', 1],
  ['hypersetup', 1], ['geometry', 1], ['color', 1], ['textcolor', 1], ['definecolor', 3], ['vspace', 1],
  ['hspace', 1], ['linespread', 1], ['fontsize', 2], ['selectlanguage', 1], ['setmainfont', 1], ['hyperref', 0],
  ['citestyle', 1], ['nocite', 1],
]);
/** Commands whose optional arguments are settings, not text. */
const OPTION_COMMANDS = new Set(['usepackage', 'RequirePackage', 'documentclass', 'includegraphics', 'addbibresource', 'geometry', 'hyperref']);

function latexMarkup(text: string, regions: readonly NonProseRegion[]): TextRange[] {
  const out: TextRange[] = [];
  const masked = new RangeCursor(regions);
  const lookup = citationCommandLookup();
  const matcher = new LatexArgumentMatcher(text);
  for (let start = nextCommandStart(text, 0, masked); start >= 0; ) {
    const nameEnd = controlWordEnd(text, start);
    if (nameEnd === start + 1) {
      out.push({ start, end: Math.min(start + 2, text.length) }); // a control symbol: `\%`, `\\`, …
      start = nextCommandStart(text, start + 2, masked);
      continue;
    }
    const name = text.slice(start + 1, nameEnd);
    const tokenEnd = text.charCodeAt(nameEnd) === 0x2a ? nameEnd + 1 : nameEnd;
    out.push({ start, end: tokenEnd });
    const shape = lookup(name);
    if (shape) {
      const command = parseLatexCitationCommand(text, start, name, nameEnd, shape, false, matcher);
      for (const arg of command?.keyArguments ?? []) out.push({ start: arg.open, end: arg.close + 1 });
      start = nextCommandStart(text, command ? command.end : tokenEnd, masked);
      continue;
    }
    const names = NAME_ARGUMENTS.get(name);
    let pos = tokenEnd;
    let taken = 0;
    while (names !== undefined && (taken < names || OPTION_COMMANDS.has(name))) {
      const p = skipLatexSpace(text, pos);
      const c = text.charCodeAt(p);
      if (c !== 0x7b && c !== 0x5b) break;
      if (c === 0x7b && taken >= names) break;
      const close = matcher.end(p);
      if (close < 0) break;
      if (c === 0x7b || OPTION_COMMANDS.has(name)) out.push({ start: p, end: close + 1 });
      if (c === 0x7b) taken++;
      pos = close + 1;
    }
    start = nextCommandStart(text, pos, masked);
  }
  return out;
}

/** Merges two lists each sorted by start into one, sorted by start. */
function mergeSorted(a: readonly TextRange[], b: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/** The non-empty gaps between (possibly overlapping) ranges sorted by start. */
function complement(excluded: readonly TextRange[], length: number): TextRange[] {
  const gaps: TextRange[] = [];
  let pos = 0;
  for (const r of excluded) {
    if (r.start > pos) gaps.push({ start: pos, end: r.start });
    if (r.end > pos) pos = r.end;
  }
  if (pos < length) gaps.push({ start: pos, end: length });
  return gaps;
}

