/**
 * Folding rules for matching glossary forms in prose: what counts as "the same spelling".
 * Safe folds only: letter case (unless the form is case-sensitive), diacritics, dash variants and
 * Greek letters spelled out (IFN-γ = IFN-gamma). Hyphens are never dropped: UBA-1 must stay distinct
 * from UBA1, and c.118-1G>C from c.1181G>C.
 */

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', κ: 'kappa', λ: 'lambda', μ: 'mu', ω: 'omega',
  Α: 'alpha', Β: 'beta', Γ: 'gamma', Δ: 'delta', Κ: 'kappa',
};
const GREEK_RE = /[αβγδεκλμωΑΒΓΔΚ]/g;
const DASHES_RE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const COMBINING_RE = /[\u0300-\u036f]/g;

/** Folds spelling variants but keeps letter case. */
export function foldSpelling(text: string): string {
  let s = text;
  if (/[^\x20-\x7e]/.test(s)) {
    s = s.replace(GREEK_RE, c => GREEK[c] ?? c).normalize('NFKD').replace(COMBINING_RE, '').replace(DASHES_RE, '-');
  }
  return s;
}

/** Folds spelling variants and letter case. */
export function foldForMatch(text: string): string {
  return foldSpelling(text).toLowerCase();
}

/** Separator text between two words of a form, folded: runs of white space become one space. */
export function foldGap(gap: string): string {
  return foldSpelling(gap).replace(/\s+/g, ' ');
}
