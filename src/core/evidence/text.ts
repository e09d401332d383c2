/**
 * Evidence sentences and tables for a manuscript, in pandoc Markdown or LaTeX, generated from the
 * data alone: the design, the number treated, each outcome's result as the source states it (with its
 * counts and time point) and the citation. No wording that adds a claim ("effective", "safe") is ever
 * produced; a missing field is said to be missing.
 */
import type { EvidenceClass, EvidenceRecord } from '../knowledge/types';
import type { CitationSyntax } from '../languages';
import { escapeLatex, escapeMarkdownTableCell, escapeMarkdownText } from './escape';
import { compareRecords, designLabel, drugInText, isListedOnly, outcomeText, type FullEvidenceRecord } from './model';
import { ownTable } from '../ownTable';

export interface CitationFormat {
  readonly syntax: CitationSyntax;
  /** LaTeX command without backslash (`cite`, `parencite`…); default `cite`. */
  readonly latexCommand?: string;
}

/** Text to insert and the citation keys it cites (whose entries the manuscript's .bib needs). */
export interface GeneratedText {
  readonly text: string;
  readonly keys: readonly string[];
}

/** `[@a; @b]` or `\cite{a,b}`. */
export function formatCitation(keys: readonly string[], format: CitationFormat): string {
  if (format.syntax === 'latex') return `\\${(format.latexCommand ?? 'cite').replace(/^\\/, '') || 'cite'}{${keys.join(',')}}`;
  return `[${keys.map(k => (PLAIN_PANDOC_KEY.test(k) ? `@${k}` : `@{${k}}`)).join('; ')}]`;
}

/** Keys pandoc reads without braces: start and end with a letter, digit or `_`, internal punctuation allowed. */
const PLAIN_PANDOC_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u;

const escaper = (syntax: CitationSyntax) => (syntax === 'latex' ? escapeLatex : escapeMarkdownText);

const DESIGN_PHRASES: Readonly<Record<string, string>> = ownTable({
  'randomised-trial': 'randomised trial',
  'prospective-cohort': 'prospective cohort',
  'retrospective-cohort': 'retrospective cohort',
  'case-series': 'case series',
  'case-report': 'case report',
  'systematic-review': 'systematic review of published cases',
  registry: 'registry study',
});

/** "a multicentre retrospective cohort", "a systematic review of published cases". */
export function designPhrase(r: EvidenceRecord): string {
  const base = DESIGN_PHRASES[r.design] ?? designLabel(r.design).toLowerCase();
  const phrase = r.multicentre && r.design !== 'systematic-review' ? `multicentre ${base}` : base;
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** "15 patients were treated with tocilizumab", "patients were treated with decitabine (number treated not reported)". */
function treatedClause(r: EvidenceRecord): string {
  const drug = drugInText(r.drugLabel);
  const courses = (r as FullEvidenceRecord).treatmentCourses;
  const coursesText = typeof courses === 'number' ? `${courses} treatment course${courses === 1 ? '' : 's'}` : '';
  if (typeof r.patients === 'number') {
    const who = r.patients === 1 ? '1 patient was' : `${r.patients} patients were`;
    return `${who} treated with ${drug}${coursesText ? ` (${coursesText})` : ''}`;
  }
  if (coursesText) return `${coursesText} of ${drug} were given`;
  return `patients were treated with ${drug} (number treated not reported)`;
}

/**
 * One sentence for one record, e.g. "In a systematic review of published cases, 15 patients were
 * treated with tocilizumab; reported results: CR 3/15 (20%); PR 6/15 (40%) [@boyadzhieva2023how]."
 */
export function studySentence(r: EvidenceRecord, format: CitationFormat): GeneratedText {
  const esc = escaper(format.syntax);
  const drug = drugInText(r.drugLabel);
  const outcomes = (r.outcomes ?? []).map(o => resultInSentence(outcomeText(o), drug)).filter(t => t.length > 0);
  const results = isListedOnly(r)
    ? '; its results are not abstracted in the VEXAS evidence dataset (see the paper)'
    : outcomes.length === 0
      ? '; no outcome figures recorded'
      : `; reported result${outcomes.length === 1 ? '' : 's'}: ${outcomes.join('; ')}`;
  const text = `In ${designPhrase(r)}, ${treatedClause(r)}${results}`;
  return { text: `${esc(text)} ${formatCitation([r.study], format)}.`, keys: [r.study] };
}

/**
 * A result as the source words it, made to read inside our sentence: a capital that only started the
 * source's sentence goes ("Clinical response" → "clinical response"; CR, IL-6, FRENVEX stay), and
 * the drug the sentence has just named is not named again ("in all cases treated with ruxolitinib" →
 * "in all cases"). Numbers and the rest of the wording are untouched.
 */
export function resultInSentence(result: string, drug: string): string {
  let text = result;
  if (drug) {
    const name = drug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`\\s+(?:treated with|on|with|receiving)\\s+${name}(?=[\\s,;.)]|$)`, 'iu'), '');
  }
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Sentences for several records (a drug's studies), in the given order, one after the other. */
export function recordsSentences(records: readonly EvidenceRecord[], format: CitationFormat): GeneratedText {
  const parts = records.map(r => studySentence(r, format));
  return { text: parts.map(p => p.text).join(' '), keys: uniqueKeys(parts.flatMap(p => p.keys)) };
}

function uniqueKeys(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

function patientsCell(r: EvidenceRecord): string {
  const courses = (r as FullEvidenceRecord).treatmentCourses;
  if (typeof r.patients === 'number') return typeof courses === 'number' ? `${r.patients} (${courses} courses)` : String(r.patients);
  if (typeof courses === 'number') return `${courses} courses`;
  return 'n.r.';
}

function resultsCell(r: EvidenceRecord): string {
  if (isListedOnly(r)) return 'not abstracted (see the paper)';
  const outcomes = (r.outcomes ?? []).map(outcomeText).filter(t => t.length > 0);
  return outcomes.length ? outcomes.join('; ') : 'no outcome figures recorded';
}

export interface TableOptions extends CitationFormat {
  /** The class the table is about (caption and label). */
  readonly classInfo?: EvidenceClass;
}

const TABLE_HEADER = ['Therapy', 'Study', 'Design', 'Patients', 'Reported results', 'Level'] as const;

/**
 * A table of the records (one row per therapy and study, sorted by evidence level), with a caption,
 * as a pandoc pipe table or a LaTeX `table` with `tabular` (no package needed).
 */
export function evidenceTable(records: readonly EvidenceRecord[], options: TableOptions): GeneratedText {
  const sorted = [...records].sort(compareRecords('level'));
  const keys = uniqueKeys(sorted.map(r => r.study));
  const subject = options.classInfo?.name ?? 'therapies';
  const listed = sorted.filter(isListedOnly).length;
  const caption = `Published treatment evidence for ${subject} in VEXAS syndrome. Patients: number given the therapy in the study; ` +
    'n.r., not reported. Level: evidence level A–D of the VEXAS evidence dataset.' +
    (listed > 0 ? ` Studies whose results are marked "not abstracted" are listed without figures: see the papers.` : '');
  const rows = sorted.map(r => ({
    therapy: r.drugLabel, cite: formatCitation([r.study], options), design: designLabel(r.design),
    patients: patientsCell(r), results: resultsCell(r), level: r.evidenceLevel,
  }));
  if (options.syntax === 'latex') {
    const id = (options.classInfo?.id ?? 'therapies').replace(/[^A-Za-z0-9-]/g, '');
    const lines = [
      '\\begin{table}[htbp]',
      '\\centering',
      `\\caption{${escapeLatex(caption)}}`,
      `\\label{tab:vexas-evidence-${id}}`,
      '\\begin{tabular}{p{2.6cm}p{2.2cm}p{2.2cm}p{1.4cm}p{5cm}l}',
      '\\hline',
      `${TABLE_HEADER.join(' & ')} \\\\`,
      '\\hline',
      ...rows.map(row => `${[escapeLatex(row.therapy), row.cite, escapeLatex(row.design), escapeLatex(row.patients),
        escapeLatex(row.results), escapeLatex(row.level)].join(' & ')} \\\\`),
      '\\hline',
      '\\end{tabular}',
      '\\end{table}',
    ];
    return { text: `${lines.join('\n')}\n`, keys };
  }
  const cell = escapeMarkdownTableCell;
  const lines = [
    `| ${TABLE_HEADER.join(' | ')} |`,
    '| --- | --- | --- | ---: | --- | --- |',
    ...rows.map(row => `| ${[cell(row.therapy), row.cite, cell(row.design), cell(row.patients), cell(row.results), cell(row.level)].join(' | ')} |`),
    '',
    `Table: ${escapeMarkdownText(caption)}`,
  ];
  return { text: `${lines.join('\n')}\n`, keys };
}

/** Blank lines to put around a block (a table) inserted between `before` and `after` so it stands alone. */
export function blockPadding(before: string, after: string): { prefix: string; suffix: string } {
  const prefix = before.length === 0 || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const suffix = after.length === 0 || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n';
  return { prefix, suffix };
}

/** A space before inline text inserted right after a word or punctuation. */
export function inlinePadding(before: string, after: string): { prefix: string; suffix: string } {
  const prefix = /[^\s([{]$/u.test(before) ? ' ' : '';
  const suffix = /^[^\s.,;:)\]}]/u.test(after) ? ' ' : '';
  return { prefix, suffix };
}
