/**
 * An entry as a CSL-JSON item for citeproc, built from its decoded fields (citation-js's own
 * whole-file BibTeX parser is never run). CSL-JSON entries pass their original item through.
 */
import type { BibEntry } from './types';
import type { CslItem } from './cslJson';
import { parseNameList, type PersonName } from './names';
import { ownTable } from '../ownTable';

const BIBTEX_TO_CSL_TYPE: Readonly<Record<string, string>> = ownTable({
  article: 'article-journal', book: 'book', mvbook: 'book', inbook: 'chapter', incollection: 'chapter',
  bookinbook: 'chapter', inproceedings: 'paper-conference', conference: 'paper-conference', proceedings: 'book',
  collection: 'book', phdthesis: 'thesis', mastersthesis: 'thesis', thesis: 'thesis', techreport: 'report',
  report: 'report', manual: 'report', online: 'webpage', electronic: 'webpage', www: 'webpage',
  unpublished: 'manuscript', patent: 'patent', dataset: 'dataset', software: 'software', misc: 'document',
  inreference: 'entry-encyclopedia', periodical: 'periodical', booklet: 'pamphlet',
});

/** CSL variable ← first present BibTeX/BibLaTeX field. */
const TEXT_FIELDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['title', ['title']],
  ['container-title', ['journaltitle', 'journal', 'booktitle', 'maintitle']],
  ['container-title-short', ['shortjournal']],
  ['collection-title', ['series']],
  ['volume', ['volume']],
  ['issue', ['issue', 'number']],
  ['page', ['pages']],
  ['DOI', ['doi']],
  ['PMID', ['pmid']],
  ['PMCID', ['pmcid']],
  ['URL', ['url']],
  ['ISBN', ['isbn']],
  ['ISSN', ['issn']],
  ['publisher', ['publisher', 'institution', 'school', 'organization']],
  ['publisher-place', ['location', 'address']],
  ['edition', ['edition']],
  ['event-title', ['eventtitle']],
  ['genre', ['type']],
  ['note', ['note']],
  ['language', ['langid', 'language']],
];

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

interface HasNames { names(field: string): PersonName[] }

export function toCslItem(entry: BibEntry): CslItem {
  const original = (entry as { csl?: CslItem }).csl;
  if (original) return { ...original, id: entry.key };
  const fields = entry.fields;
  const type = BIBTEX_TO_CSL_TYPE[entry.type] ?? 'document';
  const item: CslItem = { id: entry.key, type };
  for (const [variable, candidates] of TEXT_FIELDS) {
    for (const field of candidates) {
      const value = fields[field];
      if (value) {
        item[variable] = value;
        break;
      }
    }
  }
  // Report/thesis numbers are not journal issues.
  if ((type === 'report' || type === 'patent') && fields.number && !fields.issue) {
    delete item.issue;
    item.number = fields.number;
  }
  if (type === 'thesis' && !item.genre) item.genre = entry.type === 'mastersthesis' ? "Master's thesis" : 'PhD thesis';
  if (typeof item.page === 'string') item.page = item.page.replace(/\s*[–—]\s*/g, '-');
  if (typeof item.DOI === 'string') item.DOI = item.DOI.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '');
  for (const role of ['author', 'editor', 'translator'] as const) {
    const names = nameList(entry, role);
    if (names.length) item[role] = names;
  }
  const issued = dateParts(fields);
  if (issued) item.issued = { 'date-parts': [issued] };
  return item;
}

function nameList(entry: BibEntry, field: string): object[] {
  const names = typeof (entry as Partial<HasNames>).names === 'function'
    ? (entry as unknown as HasNames).names(field)
    : entry.fields[field] ? parseNameList(entry.fields[field]) : [];
  // `and others` has no CSL-JSON form. A truncated list must not read as complete, so it ends in a
  // literal "et al." name (format.ts removes the "&"/"and" some styles put before the last name).
  const truncated = names.some(n => n.isOthers);
  const list: object[] = names.filter(n => !n.isOthers).map(n => {
    if (n.isLiteral) return { literal: n.family };
    const name: Record<string, string> = { family: n.family };
    if (n.given) name.given = n.given;
    if (n.particle) name['non-dropping-particle'] = n.particle;
    if (n.suffix) name.suffix = n.suffix;
    return name;
  });
  if (truncated && list.length > 0) list.push({ literal: ET_AL });
  return list;
}

/** The name that stands for `and others` in formatted references. */
export const ET_AL = 'et al.';

/** [year, month?, day?] from biblatex `date` (ISO 8601) or BibTeX `year` + `month`. */
function dateParts(fields: Readonly<Record<string, string>>): number[] | undefined {
  const iso = fields.date && /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(fields.date);
  if (iso) return [iso[1], iso[2], iso[3]].filter(p => p !== undefined).map(Number);
  const year = fields.year && /\d{4}/.exec(fields.year);
  if (!year) return undefined;
  const parts = [Number(year[0])];
  const month = fields.month && (MONTHS[fields.month.slice(0, 3).toLowerCase()] ?? Number(fields.month));
  if (month && month >= 1 && month <= 12) parts.push(month);
  return parts;
}
