/** How the index and queries compare text: lowercase, accent-free. */
import { stripDoiPrefix } from '../identifiers/doi';

/** Letters NFD does not split into base + mark. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ȷ: 'j', ŋ: 'n', ħ: 'h',
};

/** Lowercase, accent-free (é → e, ß → ss): how both the index and queries are compared. */
export function normalizeForSearch(s: string): string {
  const lower = s.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[ßøæœłđðþıȷŋħ]/g, c => FOLDED_LETTERS[c]);
}

export function normalizeDoi(doi: string): string {
  return stripDoiPrefix(normalizeForSearch(doi));
}

export function yearNumber(year: string | undefined): number {
  const m = year ? /\d{4}/.exec(year) : null;
  return m ? Number(m[0]) : -1;
}

