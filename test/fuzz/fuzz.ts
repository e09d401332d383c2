/**
 * The fuzz suite: seeded random and mutated inputs for every target (see targets.ts). Each input
 * must return without throwing, within a time limit, with sorted, in-bounds ranges; bibliographies
 * with broken entries between good ones must keep every good entry. Deterministic for a seed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseBibTeX } from '../../src/core/bibliography/parseBibTeX';
import { parseCslJson } from '../../src/core/bibliography/cslJson';
import { checkResult, TARGETS, type Grammar, type Target } from './targets';

/** Mulberry32: small, fast, good enough to pick tokens; the same seed gives the same inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = [' ', ' ', '\n', '\n', '\r\n', '\r', '\t', 'a', 'Z', '0', '9', 'é', 'ß', '𝔸', '\u00a0', '\u2028', '\u0000', '\ufeff', 'x y', ',', ';', '.', ':'];

const TOKENS: Record<Exclude<Grammar, 'any'>, string[]> = {
  bibtex: ['@article{', '@book(', '@string{', '@STRING(', '@comment{', '@preamble{', '@', '{', '}', '(', ')', '"', '=', '#', '%', ',', 'title', ' = ',
    'author = {', ' and ', 'others', 'k1', 'k2', 'crossref = {k1}', 'xdata = {k2}', '\\\'', '\\"{o}', '\\', '{\\v c}', 'jan', 'month = may',
    '% Encoding: windows-1252\n', 'doi = {10.1/x}', 'year = 2020', '}\n', '\n@misc{', '~', '$x^2$', '--'],
  'csl-json': ['[', ']', '{', '}', '"', ':', ',', '"id"', '"type"', '"author"', '"family"', '"given"', '"literal"', '"issued"', '"date-parts"',
    '[[2020, 5]]', '"k1"', '"k2"', '"title"', '"a\\"b"', '"\\u00e9"', '\\', 'null', 'true', '12', '-1e3', '{"id": "k"}', '  {', '\n  {', '"constructor"', '"__proto__"'],
  yaml: ['- ', ': ', 'id: k', 'title: ', 'author:', '  - family: Doe', '    given: J', 'references:', 'bibliography: ', 'nocite: ', '"', "'", '[', ']',
    '{', '}', '#', '|', '>', '  ', '    ', '? ', '&a', '*a', '!!str', 'date-parts: [[2020]]', 'issued: 2020-01-02', '@k1', '\\"'],
  markdown: ['@', '[', ']', '@k1', '@{k 2}', '-@', '[@', '; ', '[see @a, p. 3]', '`', '```', '~~~', '$', '$$', '\\(', '\\)', '<!--', '-->', '<a href="x">',
    '<http://x.y>', '](', ')', '[^1]', '^[', '\\', '\n\n', '    ', '---\n', '...\n', 'nocite: "@a"\n', 'bibliography: [a.bib]\n', 'IL-6', 'p.Met41Thr', 'M41T', 'UBA-1', 'tocilizumab'],
  latex: ['\\cite', '\\cite{', '\\citep[', '\\textcite', '\\cites', '\\mycite', '{', '}', '[', ']', '(', ')', ',', '%', '\\\\', '\\', '$', '$$', '\\(', '\\)',
    '\\[', '\\]', '\\begin{equation}', '\\end{equation}', '\\begin{verbatim}', '\\end{verbatim}', '\\verb|', '|', '\\url{', '\\href{', '\\bibliography{refs}',
    '\\addbibresource[opt]{a.bib}', '% !TEX root = main.tex\n', '\\label{', '\\nocite{*}', '\n\n', 'k1', 'k2,k3', '\\lstinline'],
  names: [' and ', ' AND ', 'and', ',', ', Jr', '{', '}', 'von ', 'de la ', 'Doe', 'John', 'J.', '{\\\'E}', '\\', 'others', '  ', '~', '-'],
  'latex-value': ['\\', '{', '}', '\\\'', '\\"', '\\`', '\\^', '\\~', '\\c', '\\v', '\\textbf', '\\emph{', '\\href{', '\\enquote*{', '[', ']', '$', '^', '_',
    '--', '---', '``', "''", '\\&', '\\%', '\\i', '\\ss', '\\alpha', '\\constructor', '\\toString', '~', 'e'],
};

/** Random token soup of about `size` characters for a grammar. */
export function randomInput(random: () => number, grammar: Exclude<Grammar, 'any'>, size: number): string {
  const tokens = TOKENS[grammar];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const pool = random() < 0.75 ? tokens : COMMON;
    const t = pool[Math.floor(random() * pool.length)];
    parts.push(t);
    length += t.length;
  }
  return parts.join('');
}

/** A few random edits of a real file: cut, repeat, insert tokens, truncate. */
export function mutate(random: () => number, text: string, grammar: Exclude<Grammar, 'any'>): string {
  let s = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits && s.length > 0; e++) {
    const at = Math.floor(random() * s.length);
    const len = Math.floor(random() * Math.min(64, s.length - at));
    switch (Math.floor(random() * 5)) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break;
      case 1: s = s.slice(0, at) + s.slice(at, at + len).repeat(2 + Math.floor(random() * 4)) + s.slice(at + len); break;
      case 2: s = s.slice(0, at) + randomInput(random, grammar, 1 + Math.floor(random() * 8)) + s.slice(at); break;
      case 3: s = s.slice(0, at); break;
      default: s = s.slice(0, at) + s.slice(at + len, at + 2 * len) + s.slice(at, at + len) + s.slice(at + 2 * len);
    }
  }
  return s;
}

const FIXTURE_DIRS = ['test/fixtures/bib', 'test/fixtures/workspace'];
const GRAMMAR_OF_EXTENSION: Record<string, Exclude<Grammar, 'any'>> = { '.bib': 'bibtex', '.json': 'csl-json', '.md': 'markdown', '.tex': 'latex' };

/** Real files to mutate, by grammar (read from the repository). */
export function fixtures(root: string): Map<Exclude<Grammar, 'any'>, string[]> {
  const out = new Map<Exclude<Grammar, 'any'>, string[]>();
  for (const dir of FIXTURE_DIRS) {
    for (const name of fs.readdirSync(path.join(root, dir))) {
      const grammar = GRAMMAR_OF_EXTENSION[path.extname(name)];
      if (!grammar) continue;
      const list = out.get(grammar) ?? [];
      list.push(fs.readFileSync(path.join(root, dir, name), 'latin1'));
      out.set(grammar, list);
    }
  }
  const md = out.get('markdown') ?? [];
  out.set('yaml', md.map(t => t.split('\n---\n')[0].replace(/^---\n/, '')));
  return out;
}

// ── "Every good entry kept" ───────────────────────────────────────────────────────────────────

const GOOD_BIBTEX = (i: number) => `@article{good${i},\n  author = {Doe, Jane and Roe, R.},\n  title = {Good title ${i}},\n  year = {2020}\n}\n`;
const GOOD_CSL = (i: number) => `  {"id": "good${i}", "type": "article-journal", "title": "Good title ${i}", "issued": {"date-parts": [[2020]]}}`;

/** A broken entry: a good one with random edits, on its own lines; never an `@comment` (it may legally wrap entries). */
function brokenBibtex(random: () => number, i: number): string {
  const broken = mutate(random, `@article{bad${i},\n  title = {Bad {title} ${i}},\n  note = "x",\n  year = 2021\n}`, 'bibtex').replace(/@\s*comment/gi, '@misc');
  return broken + '\n';
}

function brokenCsl(random: () => number, i: number): string {
  return mutate(random, `  {"id": "bad${i}", "title": "Bad title ${i}", "author": [{"family": "X"}]}`, 'csl-json');
}

/** Good entries interleaved with broken ones; returns the problems (a good entry lost or changed). */
export function checkGoodEntriesKept(random: () => number, format: 'bibtex' | 'csl-json', count: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.6) parts.push(format === 'bibtex' ? brokenBibtex(random, i) : brokenCsl(random, i));
    parts.push(format === 'bibtex' ? GOOD_BIBTEX(i) : GOOD_CSL(i));
  }
  const text = format === 'bibtex' ? parts.join('') : `[\n${parts.join(',\n')}\n]\n`;
  const result = format === 'bibtex' ? parseBibTeX(text) : parseCslJson(text);
  const byKey = new Map(result.entries.map(e => [e.key, e]));
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const e = byKey.get(`good${i}`);
    if (!e) problems.push(`good${i} was lost`);
    else if (e.field('title') !== `Good title ${i}`) problems.push(`good${i} has title ${JSON.stringify(e.field('title'))}`);
  }
  return problems.length ? [`${problems.slice(0, 3).join('; ')} in:\n${text.slice(0, 2000)}`] : [];
}

// ── The loop ─────────────────────────────────────────────────────────────────────────────────

export interface FuzzFailure {
  target: string;
  seed: number;
  input: string;
  problem: string;
}

export interface FuzzOptions {
  seed: number;
  /** Stop after this long (ms). */
  durationMs: number;
  /** Largest generated input, in characters. */
  maxSize: number;
  /** Longest a single run may take (ms). */
  timeLimitMs: number;
  root: string;
  /** Called before each input with its seed (a watchdog can report a hang with it). */
  onInput?: (target: string, seed: number, input: string) => void;
}

export interface FuzzReport {
  inputs: number;
  byTarget: Map<string, number>;
  failures: FuzzFailure[];
  elapsedMs: number;
}

/** The input for (seed, target): regenerated from the seed alone, to reproduce a failure. */
export function inputFor(seed: number, grammar: Exclude<Grammar, 'any'>, files: Map<Exclude<Grammar, 'any'>, string[]>, maxSize: number): string {
  const random = rng(seed);
  const sources = files.get(grammar) ?? [];
  if (sources.length > 0 && random() < 0.4) return mutate(random, sources[Math.floor(random() * sources.length)], grammar);
  return randomInput(random, grammar, 1 + Math.floor(random() * maxSize));
}

const GRAMMARS: Exclude<Grammar, 'any'>[] = ['bibtex', 'csl-json', 'yaml', 'markdown', 'latex', 'names', 'latex-value'];

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const files = fixtures(options.root);
  const byTarget = new Map<string, number>();
  const failures: FuzzFailure[] = [];
  const start = performance.now();
  let inputs = 0;
  for (let n = 0; performance.now() - start < options.durationMs; n++) {
    const seed = (options.seed * 1_000_003 + n) >>> 0;
    const grammar = GRAMMARS[n % GRAMMARS.length];
    const input = inputFor(seed, grammar, files, options.maxSize);
    inputs++;
    for (const target of TARGETS.filter(t => t.grammar === grammar || (t.grammar === 'any' && n % 11 === 0))) {
      options.onInput?.(target.name, seed, input);
      const problem = await runOne(target, input, options.timeLimitMs);
      byTarget.set(target.name, (byTarget.get(target.name) ?? 0) + 1);
      if (problem) failures.push({ target: target.name, seed, input, problem });
    }
    if (grammar === 'bibtex' || grammar === 'csl-json') {
      const name = `${grammar === 'bibtex' ? 'BibTeX' : 'CSL-JSON'}: good entries kept`;
      options.onInput?.(name, seed, '');
      for (const problem of checkGoodEntriesKept(rng(seed ^ 0x5bd1e995), grammar, 12)) failures.push({ target: name, seed, input: '', problem });
      byTarget.set(name, (byTarget.get(name) ?? 0) + 1);
    }
    if (failures.length >= 20) break;
  }
  return { inputs, byTarget, failures, elapsedMs: performance.now() - start };
}

async function runOne(target: Target, input: string, timeLimitMs: number): Promise<string | undefined> {
  const t0 = performance.now();
  try {
    const result = await target.run(input);
    const elapsed = performance.now() - t0;
    if (elapsed > timeLimitMs) return `took ${elapsed.toFixed(0)} ms on ${input.length} characters`;
    const problems = checkResult(input, result);
    return problems.length ? problems.join('; ') : undefined;
  } catch (e) {
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}
