/**
 * Words the way journals count them: the main text, per section, without citations, front matter
 * (or the LaTeX preamble), code, math, comments, URLs, headings, tables, figure captions or the
 * reference list — those shown apart — and the abstract counted on its own. A word is a run of
 * non-space characters holding a letter or digit (LaTeX control words are not words). One pass
 * over the text after one sort of the excluded ranges: linear.
 */
import type { Citation } from '../citations/types';
import type { CitationSyntax } from '../languages';
import type { NonProseRegion } from '../manuscript/nonProseTypes';
import { parseFrontMatter } from '../manuscript/frontMatter';
import { RangeCursor } from '../manuscript/textScan';

/** Offsets in code, front matter, comments or verbatim (not inline code or math), asked in increasing order. */
interface MaskCursor { readonly regions: readonly NonProseRegion[]; covers(offset: number): boolean }

function maskedLines(regions: readonly NonProseRegion[]): MaskCursor {
  const blocks = regions.filter(r => r.kind !== 'code-span' && r.kind !== 'math');
  const cursor = new RangeCursor(blocks);
  return { regions, covers: offset => cursor.rangeAt(offset) !== undefined };
}

export interface SectionCount {
  readonly title: string;
  readonly level: number;
  /** Offset of the heading (0 for text before the first heading). */
  readonly start: number;
  readonly words: number;
}

export interface WordCount {
  /** The main text: every section but the abstract and the reference list. */
  readonly total: number;
  readonly abstract: number;
  readonly sections: readonly SectionCount[];
  /** Counted apart. */
  readonly apart: { readonly captions: number; readonly tables: number; readonly headings: number };
  /** Not counted anywhere, by what they are. */
  readonly excluded: { readonly citations: number; readonly codeBlocks: number; readonly math: number; readonly referenceListWords: number };
  readonly figures: number;
  readonly tablesCount: number;
  /** Distinct cited keys. */
  readonly references: number;
}

type Part = 'body' | 'skip' | 'caption' | 'table' | 'references' | 'abstract';
interface Span { start: number; end: number; part: Part }

const REFERENCE_HEADINGS = /^(references|bibliography|literature cited|works cited|reference list)$/i;
const ABSTRACT_HEADINGS = /^(abstract|summary)$/i;

export function countWords(text: string, syntax: CitationSyntax, regions: readonly NonProseRegion[], citations: readonly Citation[]): WordCount {
  const spans: Span[] = [];
  let codeBlocks = 0;
  let math = 0;
  for (const r of regions) {
    spans.push({ start: r.start, end: r.end, part: 'skip' });
    if (r.kind === 'code-block' || r.kind === 'verbatim') codeBlocks++;
    if (r.kind === 'math') math++;
  }
  const groups = new Set<string>();
  for (const c of citations) {
    if (c.kind === 'nocite') continue;
    // An in-text citation (@beck2020) renders as the authors' names: only its key is left out.
    const range = c.kind === 'in-text' ? { start: c.start - 1, end: c.end } : c.group;
    groups.add(`${range.start}:${range.end}`);
    spans.push({ start: range.start, end: range.end, part: 'skip' });
  }
  const headings: Array<{ start: number; end: number; title: string; level: number }> = [];
  let figures = 0;
  let tablesCount = 0;
  let abstractText = 0;
  if (syntax === 'markdown') {
    const fm = parseFrontMatter(text);
    const abstract = fm?.kind === 'mapping' ? fm.entries.find(e => e.key === 'abstract')?.value : undefined;
    if (abstract) abstractText = wordsIn(text, abstract.start, abstract.end, false);
    ({ figures, tablesCount } = markdownStructure(text, spans, headings, maskedLines(regions)));
  } else {
    ({ figures, tablesCount } = latexStructure(text, spans, headings, maskedLines(regions)));
  }
  // Sections: from each heading to the next; the reference list and the abstract by their titles.
  const sectionOf: Array<{ title: string; level: number; start: number; part: Part }> = [{ title: '(before the first heading)', level: 0, start: 0, part: 'body' }];
  let inReferences = -1;
  for (const h of headings) {
    if (inReferences >= 0 && h.level > inReferences) continue;
    inReferences = REFERENCE_HEADINGS.test(h.title.trim()) ? h.level : -1;
    sectionOf.push({ title: h.title, level: h.level, start: h.start, part: inReferences >= 0 ? 'references' : ABSTRACT_HEADINGS.test(h.title.trim()) ? 'abstract' : 'body' });
    spans.push({ start: h.start, end: h.end, part: 'skip' });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);

  const counts = new Map<number, number>();
  const apart = { captions: 0, tables: 0, headings: headings.reduce((sum, h) => sum + (h.end > h.start ? wordsIn(h.title, 0, h.title.length, syntax === 'latex') : 0), 0) };
  let referenceListWords = 0;
  let abstractWords = abstractText;
  let section = 0;
  let cursor = 0;
  const countPlain = (from: number, to: number) => {
    // Split at section starts inside [from, to).
    while (from < to) {
      while (section + 1 < sectionOf.length && sectionOf[section + 1].start <= from) section++;
      const limit = section + 1 < sectionOf.length ? Math.min(to, sectionOf[section + 1].start) : to;
      const n = wordsIn(text, from, limit, syntax === 'latex');
      const part = sectionOf[section].part;
      if (part === 'references') referenceListWords += n;
      else if (part === 'abstract') abstractWords += n;
      else counts.set(section, (counts.get(section) ?? 0) + n);
      from = limit;
    }
  };
  for (const s of spans) {
    if (s.end <= cursor) continue;
    if (s.start > cursor) countPlain(cursor, s.start);
    const from = Math.max(cursor, s.start);
    if (s.part === 'caption') apart.captions += wordsIn(text, from, s.end, syntax === 'latex');
    else if (s.part === 'table') apart.tables += wordsIn(text, from, s.end, syntax === 'latex');
    cursor = s.end;
  }
  if (cursor < text.length) countPlain(cursor, text.length);
  const sections: SectionCount[] = sectionOf.map((s, i) => ({ title: s.title, level: s.level, start: s.start, words: counts.get(i) ?? 0, part: s.part }))
    .filter(s => s.part === 'body' && (s.level > 0 || s.words > 0)).map(({ part: _part, ...rest }) => rest);
  return {
    total: sections.reduce((sum, s) => sum + s.words, 0), abstract: abstractWords, sections, apart,
    excluded: { citations: groups.size, codeBlocks, math, referenceListWords }, figures, tablesCount,
    references: new Set(citations.map(c => c.key)).size,
  };
}

/** Words in text[from, to): runs of non-space characters with a letter or digit; LaTeX control words and `~` separate. */
function wordsIn(text: string, from: number, to: number, latex: boolean): number {
  let words = 0;
  let inToken = false;
  let hasWordChar = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (latex && c === 0x5c) { // a control word is not a word, and separates
      if (inToken && hasWordChar) words++;
      inToken = hasWordChar = false;
      const nameStart = ++i;
      while (i < to && isLetterOrAt(text.charCodeAt(i))) i++;
      // Commands whose argument is a name, not text (\begin{table}, \label{fig:1}): skip it too.
      if (NAME_ARGUMENT.has(text.slice(nameStart, i))) {
        while (i < to && text.charCodeAt(i) === 0x5b) { const close = text.indexOf(']', i); i = close < 0 || close >= to ? to : close + 1; }
        if (i < to && text.charCodeAt(i) === 0x7b) { const close = text.indexOf('}', i); i = close < 0 || close >= to ? to : close + 1; }
      }
      i--;
      continue;
    }
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || (latex && (c === 0x7e || c === 0x7b || c === 0x7d));
    if (space) {
      if (inToken && hasWordChar) words++;
      inToken = hasWordChar = false;
    } else {
      inToken = true;
      if (!hasWordChar && (c >= 0x30 && c <= 0x39 || (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a || c >= 0xc0)) hasWordChar = true;
    }
  }
  if (inToken && hasWordChar) words++;
  return words;
}

const NAME_ARGUMENT = new Set(['begin', 'end', 'label', 'ref', 'eqref', 'cref', 'Cref', 'autoref', 'pageref', 'url', 'includegraphics',
  'input', 'include', 'bibliographystyle', 'bibliography', 'usepackage', 'documentclass', 'newcommand', 'renewcommand']);

function isLetterOrAt(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40;
}

/** Markdown headings (ATX), pipe and grid tables with their captions, image captions, `::: {#refs}`. */
function markdownStructure(text: string, spans: Span[], headings: Array<{ start: number; end: number; title: string; level: number }>, masked: MaskCursor): { figures: number; tablesCount: number } {
  let figures = 0;
  let tablesCount = 0;
  let inTable = false;
  /** The last non-blank line was a table's. */
  let afterTable = false;
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (masked.covers(start)) { // code, front matter, comments: no headings, tables or images there
      start = end + 1;
      inTable = false;
      continue;
    }
    const line = text.slice(start, end);
    const heading = /^(#{1,6})[ \t]+/.exec(line);
    if (heading) headings.push({ start, end, title: headingTitle(line.slice(heading[0].length)), level: heading[1].length });
    const tableLine = /^\s*(\||\+[-=+])/.test(line);
    if (tableLine) {
      if (!inTable) tablesCount++;
      spans.push({ start, end, part: 'table' });
    } else if ((/^\s*:\s+\S/.test(line) && afterTable) || /^\s*Table:\s/.test(line)) {
      spans.push({ start, end, part: 'caption' }); // pandoc's table caption (`: …` or `Table: …`, before or after the table)
    } else if (/^\s*::: *\{#refs/.test(line)) {
      const close = text.indexOf('\n:::', end);
      spans.push({ start, end: close < 0 ? text.length : close + 4, part: 'skip' });
    }
    inTable = tableLine;
    if (line.trim() !== '') afterTable = tableLine;
    // Images: ![caption](target) — the caption apart, the target not a word.
    for (let at = line.indexOf('!['); at >= 0; at = line.indexOf('![', at + 2)) {
      const close = line.indexOf('](', at + 2);
      if (close < 0) break;
      const targetEnd = line.indexOf(')', close + 2);
      figures++;
      spans.push({ start: start + at, end: start + close + 1, part: 'caption' });
      spans.push({ start: start + close + 1, end: start + (targetEnd < 0 ? line.length : targetEnd + 1), part: 'skip' });
      at = close;
    }
    start = end + 1;
  }
  return { figures, tablesCount };
}

// Bounded repetitions: an unclosed `\section[` or `{` costs at most a line, not the rest of the text.
const LATEX_SECTION = /\\(part|chapter|section|subsection|subsubsection|paragraph)\*?[ \t]*(?:\[[^\]\n]{0,300}\])?[ \t]*\{([^{}\n]{0,300})\}/g;
const LATEX_LEVELS: Readonly<Record<string, number>> = { part: 1, chapter: 1, section: 2, subsection: 3, subsubsection: 4, paragraph: 5 };

/** LaTeX: the preamble, sectioning commands, figure/table environments (captions apart), the abstract and bibliography. */
function latexStructure(text: string, spans: Span[], headings: Array<{ start: number; end: number; title: string; level: number }>, masked: MaskCursor): { figures: number; tablesCount: number } {
  const begin = text.indexOf('\\begin{document}');
  if (begin >= 0) spans.push({ start: 0, end: begin + '\\begin{document}'.length, part: 'skip' });
  const endDoc = text.indexOf('\\end{document}');
  if (endDoc >= 0) spans.push({ start: endDoc, end: text.length, part: 'skip' });
  for (const m of text.matchAll(LATEX_SECTION)) {
    if (masked.covers(m.index!)) continue; // in a comment or verbatim
    headings.push({ start: m.index!, end: m.index! + m[0].length, title: m[2], level: LATEX_LEVELS[m[1]] ?? 2 });
  }
  let figures = 0;
  let tablesCount = 0;
  // Each environment ends at the first \end of its name after it; one index of those ends, and
  // environments never overlap (a \begin inside the previous one is part of it): linear.
  const ends = new Map<string, number[]>();
  for (const m of text.matchAll(/\\end\{(figure\*?|table\*?|abstract|thebibliography)\}/g)) {
    const list = ends.get(m[1]) ?? [];
    list.push(m.index!);
    ends.set(m[1], list);
  }
  const nextEnd = (name: string, from: number): number => {
    const list = ends.get(name) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < from) lo = mid + 1; else hi = mid; }
    return lo < list.length ? list[lo] : -1;
  };
  let covered = 0;
  const maskedEnvs = maskedLines(masked.regions);
  for (const m of text.matchAll(/\\begin\{(figure\*?|table\*?|abstract|thebibliography)\}/g)) {
    if (m.index! < covered || maskedEnvs.covers(m.index!)) continue;
    const name = m[1];
    const close = nextEnd(name, m.index!);
    const end = close < 0 ? text.length : close + `\\end{${name}}`.length;
    covered = end;
    if (name === 'abstract') {
      headings.push({ start: m.index!, end: m.index! + m[0].length, title: 'Abstract', level: 1 });
      headings.push({ start: end, end, title: '(after the abstract)', level: 0 });
      continue;
    }
    if (name === 'thebibliography') {
      spans.push({ start: m.index!, end, part: 'skip' });
      continue;
    }
    const isTable = name.startsWith('table');
    if (isTable) tablesCount++;
    else figures++;
    // The caption apart; the rest of a table is table text, the rest of a figure nothing.
    const part: Part = isTable ? 'table' : 'skip';
    const caption = text.indexOf('\\caption', m.index!);
    const open = caption >= 0 && caption < end ? text.indexOf('{', caption) : -1;
    let close2 = -1;
    if (open >= 0 && open < end) {
      for (let i = open, depth = 0; i < end; i++) {
        if (text.charCodeAt(i) === 0x7b) depth++;
        else if (text.charCodeAt(i) === 0x7d && --depth === 0) { close2 = i + 1; break; }
      }
    }
    if (close2 < 0) {
      spans.push({ start: m.index!, end, part });
    } else {
      spans.push({ start: m.index!, end: open, part });
      spans.push({ start: open, end: close2, part: 'caption' });
      spans.push({ start: close2, end, part });
    }
  }
  for (const m of text.matchAll(/\\(bibliography|printbibliography)\b[^\n]*/g)) spans.push({ start: m.index!, end: m.index! + m[0].length, part: 'skip' });
  headings.sort((a, b) => a.start - b.start);
  return { figures, tablesCount };
}

/** An ATX heading's text: without closing #s or a trailing {#id .class} (a backward scan, no regex). */
function headingTitle(rest: string): string {
  let end = rest.length;
  if (rest.endsWith('}')) {
    const open = rest.lastIndexOf('{');
    if (open >= 0) end = open;
  }
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t' || rest[end - 1] === '#')) end--;
  return rest.slice(0, end);
}
