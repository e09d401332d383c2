import type { Term, TermsFile } from './types';
import { foldForMatch, foldGap, foldSpelling } from './textFolding';
import { wordTokens, type WordToken } from './wordTokens';

/** How a written form relates to its term. */
export type FormKind = 'term' | 'alias' | 'abbreviation' | 'discouraged';

/** One written form of a term, prepared for matching. */
interface IndexedForm {
  readonly term: Term;
  readonly form: string;
  readonly kind: FormKind;
  /** For a discouraged form: the form to write instead. */
  readonly preferred?: string;
  readonly reason?: string;
  readonly caseSensitive: boolean;
  /** Words of the form, spelling-folded (case kept) and case-folded. */
  readonly words: readonly string[];
  readonly foldedWords: readonly string[];
  /** Folded separators between consecutive words. */
  readonly gaps: readonly string[];
}

/** A glossary form found in a text. */
export interface TermMatch {
  readonly term: Term;
  readonly form: string;
  readonly kind: FormKind;
  readonly preferred?: string;
  readonly reason?: string;
  /** UTF-16 offsets of the matched text. */
  readonly start: number;
  readonly end: number;
}

/** A completion candidate: `label` is what the author typed towards, `insert` what should be written. */
export interface TermCompletion {
  readonly term: Term;
  readonly label: string;
  readonly insert: string;
  readonly kind: FormKind;
}

const MAX_GAP = 3;

/**
 * The VEXAS glossary indexed by every written form. Case is ignored except for abbreviations and,
 * in terms marked `matchCase`, single-word forms with capitals (gene symbols, HGVS names, IL-6):
 * "Tocilizumab" at the start of a sentence is tocilizumab, but "pan" is not PAN and "uba1" is not UBA1.
 */
export class Glossary {
  readonly terms: readonly Term[];
  /** Forms by their first word, case-folded. */
  private readonly byFirstWord = new Map<string, IndexedForm[]>();
  private readonly forms: IndexedForm[] = [];
  /** The longest form in words: how far back a match containing an offset can start. */
  private maxWords = 1;

  constructor(file: TermsFile) {
    this.terms = file.terms;
    for (const term of file.terms) {
      this.add(term, term.term, 'term');
      for (const a of term.aliases) this.add(term, a, 'alias');
      for (const a of term.abbreviations) this.add(term, a, 'abbreviation');
      for (const d of term.discouraged) this.add(term, d.form, 'discouraged', d.preferred, d.reason);
    }
  }

  private add(term: Term, form: string, kind: FormKind, preferred?: string, reason?: string): void {
    const tokens = wordTokens(form);
    if (tokens.length === 0) return;
    const words = tokens.map(t => foldSpelling(form.slice(t.start, t.end)));
    const gaps = tokens.slice(1).map((t, i) => foldGap(form.slice(tokens[i].end, t.start)));
    const singleCapitalWord = tokens.length === 1 && /\p{Lu}/u.test(form);
    const caseSensitive = kind === 'abbreviation'
      || (term.matchCase && singleCapitalWord)
      || (kind === 'discouraged' && form.length <= 3);
    const indexed: IndexedForm = {
      term, form, kind, preferred, reason, caseSensitive, words, gaps,
      foldedWords: words.map(w => w.toLowerCase()),
    };
    const first = indexed.foldedWords[0];
    const list = this.byFirstWord.get(first);
    if (list) list.push(indexed); else this.byFirstWord.set(first, [indexed]);
    this.forms.push(indexed);
    this.maxWords = Math.max(this.maxWords, tokens.length);
  }

  /** A category's label: "drug-class" → "Drug class". */
  categoryName(category: string): string {
    const label = category.replace(/-/g, ' ');
    return label.charAt(0).toUpperCase() + label.slice(1);
  }

  /** The term a whole text names (e.g. "M41T" → p.Met41Thr), following the same case rules as prose. */
  lookup(text: string): TermMatch | undefined {
    const trimmed = text.trim();
    const matches = this.matchesIn(trimmed, 0, trimmed.length);
    return matches.find(m => m.start === 0 && m.end === trimmed.length);
  }

  /** The longest glossary form covering `offset` in `text`, looking only within [from, to) (e.g. one line). */
  matchAt(text: string, offset: number, from = 0, to = text.length): TermMatch | undefined {
    const tokens = wordTokens(text, from, to);
    let at = tokens.findIndex(t => t.start <= offset && offset <= t.end);
    if (at < 0) return undefined;
    // Between two words (offset at the end of one and start of the next), prefer the word that starts here.
    if (tokens[at].end === offset && tokens[at + 1]?.start === offset) at += 1;
    let best: TermMatch | undefined;
    for (let i = Math.max(0, at - this.maxWords + 1); i <= at; i++) {
      for (const m of this.formsStartingAt(text, tokens, i)) {
        if (m.end >= offset && m.start <= offset && (!best || m.end - m.start > best.end - best.start)) best = m;
      }
    }
    return best;
  }

  /** Every glossary form in text[from, to), longest match first at each position, non-overlapping. */
  matchesIn(text: string, from = 0, to = text.length): TermMatch[] {
    const tokens = wordTokens(text, from, to);
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length;) {
      let best: TermMatch | undefined;
      let bestWords = 0;
      for (const m of this.formsStartingAt(text, tokens, i)) {
        const n = wordTokens(m.form).length;
        if (!best || m.end > best.end) { best = m; bestWords = n; }
      }
      if (best) { out.push(best); i += bestWords; } else i += 1;
    }
    return out;
  }

  private *formsStartingAt(text: string, tokens: readonly WordToken[], i: number): Generator<TermMatch> {
    const first = tokens[i];
    const candidates = this.byFirstWord.get(foldForMatch(text.slice(first.start, first.end)));
    if (!candidates) return;
    for (const f of candidates) {
      const n = f.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; ok && k < n; k++) {
        const t = tokens[i + k];
        const word = foldSpelling(text.slice(t.start, t.end));
        ok = f.caseSensitive ? word === f.words[k] : word.toLowerCase() === f.foldedWords[k];
        if (ok && k > 0) {
          const gap = text.slice(tokens[i + k - 1].end, t.start);
          ok = gap.length <= MAX_GAP + 2 && foldGap(gap) === f.gaps[k - 1];
        }
      }
      if (ok) {
        yield {
          term: f.term, form: f.form, kind: f.kind, preferred: f.preferred, reason: f.reason,
          start: first.start, end: tokens[i + n - 1].end,
        };
      }
    }
  }

  /**
   * Terms whose forms start with what the author is typing (`tocil` → tocilizumab, `M41T` → p.Met41Thr).
   * Discouraged forms complete to their preferred form. One candidate per term and written form.
   */
  complete(prefix: string, limit = 50): TermCompletion[] {
    const p = foldForMatch(prefix.trim());
    if (p.length === 0) return [];
    const seen = new Set<string>();
    const ranked: Array<{ c: TermCompletion; rank: number }> = [];
    for (const f of this.forms) {
      const folded = foldForMatch(f.form);
      if (!folded.startsWith(p)) continue;
      const insert = f.kind === 'discouraged' ? (f.preferred ?? f.term.term) : f.form;
      const id = `${f.term.id}\u0000${insert}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Exact match first, then preferred terms, then shorter forms.
      const rank = (folded === p ? 0 : 1000) + (f.kind === 'term' ? 0 : 100) + folded.length;
      ranked.push({ c: { term: f.term, label: f.form, insert, kind: f.kind }, rank });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.c.label.localeCompare(b.c.label));
    return ranked.slice(0, limit).map(r => r.c);
  }
}
