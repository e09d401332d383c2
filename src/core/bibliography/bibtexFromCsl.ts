/**
 * A registry's CSL item written as a BibTeX entry an author would have typed: LaTeX specials
 * escaped, Unicode kept (biber, pandoc and BibTeX under inputenc read UTF-8), words with capitals
 * after their first letter (VEXAS, UBA1, IL-6, p.Met41Thr) protected from a style's lowercasing,
 * and Crossref's title markup (<i>, <sub>…) turned into LaTeX. Linear in the item's size.
 */
import { ownTable } from '../ownTable';
import type { CslItem } from './types';
import { escapeBibtexValue } from '../latexEscape';

const TYPE_TO_BIBTEX: Readonly<Record<string, string>> = ownTable({
  'article-journal': 'article', 'article-magazine': 'article', 'article-newspaper': 'article', article: 'article',
  review: 'article', 'review-book': 'article', book: 'book', chapter: 'incollection', 'paper-conference': 'inproceedings',
  thesis: 'phdthesis', report: 'techreport', webpage: 'online', dataset: 'misc', manuscript: 'unpublished', 'posted-content': 'misc',
});
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface CslName { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string; suffix?: string }

/** The entry's BibTeX text (ends with a newline). `key` must already be a valid key. */
export function bibtexFromCsl(item: CslItem, key: string): string {
  const fields: Array<[string, string]> = [];
  const text = (name: string, value: unknown, write: (s: string) => string = escapeBibtexValue) => {
    if (typeof value === 'number') value = String(value);
    if (typeof value === 'string' && value.trim() !== '') fields.push([name, `{${write(value.trim())}}`]);
  };
  const names = (name: string, value: unknown) => {
    if (!Array.isArray(value)) return;
    const list = value.filter((n): n is CslName => typeof n === 'object' && n !== null).map(nameToBibtex).filter(Boolean);
    if (list.length) fields.push([name, `{${list.join(' and ')}}`]);
  };
  names('author', item.author);
  names('editor', item.editor);
  text('title', item.title, titleToLatex);
  const type = typeof item.type === 'string' ? item.type : '';
  const bibType = TYPE_TO_BIBTEX[type] ?? 'misc';
  text(bibType === 'incollection' || bibType === 'inproceedings' ? 'booktitle' : 'journal', item['container-title'], titleToLatex);
  const date = dateParts(item.issued);
  if (date?.[0] !== undefined) fields.push(['year', `{${date[0]}}`]);
  if (date?.[1] !== undefined && date[1] >= 1 && date[1] <= 12) fields.push(['month', MONTHS[date[1] - 1]]);
  text('volume', item.volume);
  text('number', item.issue ?? item.number);
  text('pages', item.page ?? item['article-number'], s => escapeBibtexValue(s.replace(/\s*[-\u2013]\s*/g, '--')));
  text('publisher', item.publisher);
  // Identifiers as they are: biblatex reads doi/url verbatim, and an escaped _ would break the link.
  // Braces, backslashes and spaces, which no real DOI or URL needs, could break out of the field: dropped.
  text('doi', item.DOI, s => s.replace(/[{}\\\s]/g, ''));
  text('pmid', item.PMID, s => s.replace(/\D/g, ''));
  text('pmcid', item.PMCID, s => s.replace(/[^A-Za-z0-9]/g, ''));
  if (!item.DOI) text('url', item.URL, s => s.replace(/[{}\\\s]/g, ''));
  const width = Math.max(0, ...fields.map(([name]) => name.length));
  return `@${bibType}{${key},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(',\n')}\n}\n`;
}

const MARKUP: Readonly<Record<string, string>> = ownTable({ i: '\\textit', em: '\\emph', b: '\\textbf', strong: '\\textbf', sub: '\\textsubscript', sup: '\\textsuperscript', sc: '\\textsc' });

/** A title: markup to LaTeX commands, specials escaped, capitals after a word's first letter protected. */
export function titleToLatex(title: string): string {
  let out = '';
  const open: string[] = [];
  let last = 0;
  const tags = /<(\/?)([a-z]+)\b[^<>]*>/gi;
  for (let m = tags.exec(title); m; m = tags.exec(title)) {
    out += protectWords(decodeEntities(title.slice(last, m.index)));
    last = m.index + m[0].length;
    const command = MARKUP[m[2].toLowerCase()];
    if (!command) continue; // other tags (<scp>, <span>…) dropped, their text kept
    if (m[1] === '') {
      out += `${command}{`;
      open.push(m[2].toLowerCase());
    } else if (open.length && open[open.length - 1] === m[2].toLowerCase()) {
      out += '}';
      open.pop();
    }
  }
  out += protectWords(decodeEntities(title.slice(last)));
  return out + '}'.repeat(open.length);
}

/** Words with a capital letter after their first character, braced (punctuation around them left outside). */
function protectWords(s: string): string {
  return s.split(/(\s+)/).map(word => {
    // The word's core: from its first to its last letter or digit (two scans, no backtracking).
    let from = 0;
    while (from < word.length && !WORD_CHAR.test(word[from])) from++;
    let to = word.length;
    while (to > from && !WORD_CHAR.test(word[to - 1])) to--;
    const core = word.slice(from, to);
    return /.\p{Lu}/u.test(core) ? `${escapeBibtexValue(word.slice(0, from))}{${escapeBibtexValue(core)}}${escapeBibtexValue(word.slice(to))}` : escapeBibtexValue(word);
  }).join('');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d{1,6})|#x([0-9a-f]{1,6}));/gi, (whole, name: string, dec?: string, hex?: string) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });
}

function nameToBibtex(n: CslName): string {
  if (n.literal) return `{${escapeBibtexValue(n.literal)}}`;
  const family = [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  if (!family) return n.given ? `{${escapeBibtexValue(n.given)}}` : '';
  // A part with " and " or a comma would split the name list or the name: braced.
  const part = (s: string) => (/\sand\s|,/i.test(s) ? `{${escapeBibtexValue(s)}}` : escapeBibtexValue(s));
  const given = [n.given, n['dropping-particle']].filter(Boolean).join(' ');
  return [part(family), n.suffix ? part(n.suffix) : undefined, given ? part(given) : undefined].filter(Boolean).join(', ');
}

function dateParts(issued: unknown): number[] | undefined {
  const parts = (issued as { 'date-parts'?: unknown })?.['date-parts'];
  const first = Array.isArray(parts) ? parts[0] : undefined;
  if (!Array.isArray(first)) return undefined;
  return first.map(Number).filter(Number.isFinite);
}
