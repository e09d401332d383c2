/**
 * Every public parser and scanner of the core, as a function of one input text: what the fuzz
 * suite and the complexity tests run. Each target also reads what it parsed the way the editor
 * does (fields decoded, names split, references converted), so a throw anywhere downstream counts.
 */
import { compileGlob } from '../../src/core/glob';
import * as fs from 'fs';
import * as path from 'path';
import { parseBibTeX } from '../../src/core/bibliography/parseBibTeX';
import { parseCslJson } from '../../src/core/bibliography/cslJson';
import { decodeLatex } from '../../src/core/bibliography/latexDecode';
import { familyNames, parseNameList } from '../../src/core/bibliography/names';
import { toCslItem } from '../../src/core/bibliography/cslFromEntry';
import { toSearchable } from '../../src/core/bibliography/searchable';
import { decodeSourceText } from '../../src/core/bibliography/sourceText';
import type { BibEntry, BibError } from '../../src/core/bibliography/types';
import { ReferenceSearch } from '../../src/core/search';
import { citationCommandLookup, findCitations, citationContextAt, latexCitationAliases, planCitationInsertion } from '../../src/core/citations';
import type { Citation } from '../../src/core/citations';
import { bibliographyDeclarations, findNonProseRegions, inlineReferences, parseYamlSubset, texRoot } from '../../src/core/manuscript';
import { proseRanges } from '../../src/core/knowledge/proseRanges';
import { countWords } from '../../src/core/output/wordCount';
import { citationGroups } from '../../src/core/output/renderCitations';
import type { TextRange } from '../../src/core/manuscript';
import { LineIndex } from '../../src/core/lineIndex';
import { parseIdentifier } from '../../src/core/identifiers/parseIdentifier';
import { bibtexFromCsl, titleToLatex } from '../../src/core/bibliography/bibtexFromCsl';
import { citationKeyFor } from '../../src/core/lookup/citationKey';
import { parseCrossrefSearch, parseCrossrefWork, parseCslAnswer, parsePreprintPublication, parsePubmedSummaries } from '../../src/core/lookup/registryResponses';
import { Glossary } from '../../src/core/knowledge/glossary';
import type { TermsFile } from '../../src/core/knowledge/types';

/** What a target hands back for the structural checks: ranges that must be sorted and in bounds. */
export interface TargetResult {
  /** Ranges that must be sorted by start, in [0, text.length], start <= end. */
  sorted?: readonly TextRange[];
  /** The same, and non-overlapping. */
  disjoint?: readonly TextRange[];
  /** Ranges that must only be in bounds. */
  inBounds?: readonly TextRange[];
}

export interface Target {
  name: string;
  /** The kind of text it reads (picks the generators that make sense for it). */
  grammar: Grammar;
  run(text: string): TargetResult | Promise<TargetResult>;
}

export type Grammar = 'bibtex' | 'csl-json' | 'yaml' | 'markdown' | 'latex' | 'names' | 'latex-value' | 'any';

const MAX_ENTRIES_READ = 300;

/** Reads parsed entries as the editor does; returns their ranges. */
function readEntries(entries: readonly BibEntry[], errors: readonly BibError[]): TargetResult {
  for (const e of entries.slice(0, MAX_ENTRIES_READ)) {
    void e.fields;
    if (typeof e.field('author') === 'string') parseNameList(e.field('author')!);
    toCslItem(e);
    toSearchable(e, 'fuzz');
  }
  if (entries.length > 0) {
    const search = new ReferenceSearch(entries.slice(0, MAX_ENTRIES_READ).map(e => toSearchable(e, 'fuzz')));
    search.search(entries[0].key.slice(0, 3));
  }
  return {
    sorted: errors.map(e => ({ start: e.start, end: e.end })),
    inBounds: entries.map(e => ({ start: e.keyStart, end: e.keyEnd })),
  };
}

function citationRanges(citations: readonly Citation[]): TextRange[] {
  return citations.map(c => ({ start: c.start, end: c.end }));
}

let glossary: Glossary | undefined;
function theGlossary(): Glossary {
  if (!glossary) {
    const file = path.resolve(__dirname, '../../../data/terms.json');
    glossary = new Glossary(JSON.parse(fs.readFileSync(file, 'utf8')) as TermsFile);
  }
  return glossary;
}

/** Offsets where a cursor is interesting: near the markers the scanners look for, and the ends. */
function cursorOffsets(text: string): number[] {
  const out = [0, text.length, text.length >> 1];
  for (let i = 0; i < text.length && out.length < 12; i++) {
    const c = text[i];
    if (c === '@' || c === '{' || c === '[' || c === ',' || c === '\\') out.push(i + 1);
  }
  return out;
}

export const TARGETS: readonly Target[] = [
  { name: 'BibTeX parse', grammar: 'bibtex', run: t => { const r = parseBibTeX(t); return readEntries(r.entries, r.errors); } },
  { name: 'BibTeX parse from bytes', grammar: 'bibtex', run: async t => {
    const src = await decodeSourceText(new TextEncoder().encode(t), { yieldFn: async () => undefined });
    const r = parseBibTeX(src);
    return readEntries(r.entries, r.errors);
  } },
  { name: 'CSL-JSON parse', grammar: 'csl-json', run: t => { const r = parseCslJson(t); return readEntries(r.entries, r.errors); } },
  { name: 'YAML subset', grammar: 'yaml', run: t => { parseYamlSubset(t); return {}; } },
  { name: 'inline references', grammar: 'yaml', run: t => { inlineReferences(`---\n${t}\n---\n`); return {}; } },
  { name: 'Markdown citations', grammar: 'markdown', run: t => ({ sorted: citationRanges(findCitations(t, 'markdown').filter(c => c.kind !== 'nocite')) }) },
  { name: 'Markdown non-prose', grammar: 'markdown', run: t => ({ disjoint: findNonProseRegions(t, 'markdown') }) },
  { name: 'Markdown prose', grammar: 'markdown', run: t => ({ disjoint: proseRanges(t, 'markdown') }) },
  { name: 'Markdown declarations', grammar: 'markdown', run: t => ({ inBounds: bibliographyDeclarations(t, 'markdown') }) },
  { name: 'Markdown cursor', grammar: 'markdown', run: t => {
    const ranges: TextRange[] = [];
    for (const at of cursorOffsets(t)) {
      const c = citationContextAt(t, at, 'markdown');
      if (c) ranges.push({ start: c.replaceStart, end: c.replaceEnd });
      const edit = planCitationInsertion(t, at, 'markdown', ['doe2020', 'a:b']);
      ranges.push({ start: edit.start, end: edit.end });
    }
    return { inBounds: ranges };
  } },
  { name: 'LaTeX citations', grammar: 'latex', run: t => ({ sorted: citationRanges(findCitations(t, 'latex', { latexCommands: ['mycite'] })) }) },
  { name: 'LaTeX non-prose', grammar: 'latex', run: t => ({ disjoint: findNonProseRegions(t, 'latex') }) },
  { name: 'LaTeX prose', grammar: 'latex', run: t => ({ disjoint: proseRanges(t, 'latex') }) },
  { name: 'LaTeX declarations', grammar: 'latex', run: t => { texRoot(t); return { inBounds: bibliographyDeclarations(t, 'latex') }; } },
  { name: 'LaTeX aliases', grammar: 'latex', run: t => { latexCitationAliases(t, n => citationCommandLookup()(n) !== undefined, findNonProseRegions(t, 'latex')); return {}; } },
  { name: 'LaTeX cursor', grammar: 'latex', run: t => {
    const ranges: TextRange[] = [];
    for (const at of cursorOffsets(t)) {
      const c = citationContextAt(t, at, 'latex');
      if (c) ranges.push({ start: c.replaceStart, end: c.replaceEnd });
      const edit = planCitationInsertion(t, at, 'latex', ['doe2020', 'a:b'], { latexCommand: 'parencite' });
      ranges.push({ start: edit.start, end: edit.end });
    }
    return { inBounds: ranges };
  } },
  { name: 'glossary terms', grammar: 'markdown', run: t => ({ sorted: theGlossary().matchesIn(t) }) },
  { name: 'author names', grammar: 'names', run: t => { parseNameList(t); familyNames(t); return {}; } },
  { name: 'LaTeX decoding', grammar: 'latex-value', run: t => { decodeLatex(t); return {}; } },
  { name: 'line index', grammar: 'any', run: t => { LineIndex.of(t).positionAt(t.length); return {}; } },
  { name: 'Markdown word count', grammar: 'markdown', run: t => { const r = findNonProseRegions(t, 'markdown'); countWords(t, 'markdown', r, findCitations(t, 'markdown', { regions: r })); return {}; } },
  { name: 'LaTeX word count', grammar: 'latex', run: t => { const r = findNonProseRegions(t, 'latex'); countWords(t, 'latex', r, findCitations(t, 'latex', { regions: r })); return {}; } },
  { name: 'preview citation groups', grammar: 'markdown', run: t => { const r = findNonProseRegions(t, 'markdown'); citationGroups(t, findCitations(t, 'markdown', { regions: r })); return {}; } },
  { name: 'identifier paste', grammar: 'any', run: t => { parseIdentifier(t); return {}; } },
  { name: 'title to LaTeX', grammar: 'any', run: t => { titleToLatex(t); return {}; } },
  // A repository's settings hold the patterns: the first half as the glob (with its stars), the second as a path.
  { name: 'workspace globs', grammar: 'any', run: t => {
    const half = t.length >> 1;
    const glob = t.slice(0, half).replace(/[a-m]/g, '*').replace(/[n-p]/g, '/');
    compileGlob(glob)(t.slice(half)); compileGlob(glob, { caseInsensitive: true })(glob);
    return {};
  } },
  { name: 'registry answers', grammar: 'csl-json', run: t => {
    // A registry's body is untrusted text: each parser, and an entry written from what it accepts.
    const item = parseCslAnswer(t);
    if (item) { bibtexFromCsl(item, 'k'); citationKeyFor(item, '{author}{year}{word}', () => false); }
    parseCrossrefWork(t);
    parseCrossrefSearch(t);
    parsePubmedSummaries(t);
    parsePreprintPublication(t);
    return {};
  } },
];

/** The structural checks every result must pass; a message per violation. */
export function checkResult(text: string, result: TargetResult): string[] {
  const problems: string[] = [];
  const inBounds = (r: TextRange, what: string) => {
    if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) problems.push(`${what} range [${r.start}, ${r.end}) out of bounds (length ${text.length})`);
  };
  for (const r of result.inBounds ?? []) inBounds(r, 'a');
  for (const [list, disjoint] of [[result.sorted, false], [result.disjoint, true]] as const) {
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      inBounds(list[i], disjoint ? 'a disjoint' : 'a sorted');
      if (i > 0 && list[i].start < list[i - 1].start) problems.push(`ranges not sorted at ${i}: ${list[i - 1].start} then ${list[i].start}`);
      if (disjoint && i > 0 && list[i].start < list[i - 1].end) problems.push(`ranges overlap at ${i}: [${list[i - 1].start}, ${list[i - 1].end}) and [${list[i].start}, ${list[i].end})`);
    }
  }
  return problems.slice(0, 5);
}
