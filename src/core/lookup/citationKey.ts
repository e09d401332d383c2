/**
 * Citation keys for fetched references, by a pattern (setting `vexas.lookup.keyPattern`). The
 * default, `{author}{year}{word}`, is the bundled library's convention: first author's family name
 * (accents folded, letters only), year, first title word that is not an article — beck2020somatic.
 * A key already taken gets a letter: beck2020somatica, …b.
 */
import { normalizeForSearch } from '../search';
import type { CslItem } from '../bibliography/types';

export const DEFAULT_KEY_PATTERN = '{author}{year}{word}';
const ARTICLES = new Set(['a', 'an', 'the', 'le', 'la', 'les', 'l', 'el', 'los', 'las', 'der', 'die', 'das', 'de', 'het', 'een', 'il', 'lo', 'gli']);
/** Characters a pattern may add literally (safe in \cite{} and [@…]). */
const LITERAL = /^[A-Za-z0-9_:.-]$/;

export function citationKeyFor(item: CslItem, pattern: string, taken: (key: string) => boolean): string {
  const authors = Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? item.editor : [];
  const first = authors.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null);
  const familyText = first ? String(first.family ?? first.literal ?? '') : '';
  const family = letters(familyText) || 'anon';
  const issued = (item.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.[0];
  const year = typeof issued === 'number' || (typeof issued === 'string' && /^\d{4}$/.test(issued)) ? String(issued) : 'nd';
  const titleWords = (typeof item.title === 'string' ? item.title.replace(/<[^<>]*>/g, ' ') : '').split(/[\s\-–—:;,.!?()[\]{}"'/]+/)
    .map(letters).filter(w => w !== '');
  const significant = titleWords.filter(w => !ARTICLES.has(w));
  const word = significant[0] ?? '';
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const tokens: Record<string, string> = {
    author: family, Author: capital(family), year, shortyear: year.slice(-2), word, Word: capital(word),
    title3: significant.slice(0, 3).join(''), Title3: significant.slice(0, 3).map(capital).join(''),
  };
  let base = '';
  const source = pattern.trim() || DEFAULT_KEY_PATTERN;
  for (let i = 0; i < source.length && base.length < 100;) {
    if (source[i] === '{') {
      const close = source.indexOf('}', i);
      const name = close > i ? source.slice(i + 1, close) : '';
      if (close > i) {
        // A token; an unknown one adds nothing.
        if (Object.prototype.hasOwnProperty.call(tokens, name)) base += tokens[name];
        i = close + 1;
        continue;
      }
    }
    if (LITERAL.test(source[i])) base += source[i];
    i++;
  }
  if (!/^[A-Za-z]/.test(base)) base = `ref${base}`;
  if (!taken(base)) return base;
  for (let n = 0; ; n++) {
    const suffix = n < 26 ? String.fromCharCode(97 + n) : `${n + 1}`;
    if (!taken(base + suffix)) return base + suffix;
  }
}

/** Lowercase ASCII letters and digits only, accents folded (Müller → muller, García-Escudero → garciaescudero). */
function letters(s: string): string {
  return normalizeForSearch(s).replace(/[^a-z0-9]/g, '');
}
