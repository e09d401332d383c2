/**
 * What the search index needs from an entry: family names, title, keywords, abstract, year, DOI,
 * PMID — read in place from the file's text where they hold no LaTeX to decode, so indexing
 * copies neither abstracts nor titles, and never decodes fields nobody searches.
 */
import { IndexField, LatexWords, type SearchableReference, type WordSink } from '../search';
import type { BibEntry } from './types';
import { familyNames, familyNameSpans, parseNameList } from './names';
import { decodeLatex, latexWordRules } from './latexDecode';

/** How the index reads LaTeX in place: the decoder's own rules. */
const LATEX_WORDS = new LatexWords(latexWordRules());

export interface SearchableEntry extends SearchableReference {
  readonly entry: BibEntry;
  readonly sourceId: string;
}

interface HasLatex {
  latex(name: string): string | undefined;
  withLatex<R>(name: string, read: (text: string, start: number, end: number) => R): R | undefined;
}

function hasLatex(entry: BibEntry): entry is BibEntry & HasLatex {
  return typeof (entry as Partial<HasLatex>).latex === 'function' && typeof (entry as Partial<HasLatex>).withLatex === 'function';
}

/**
 * Reads fields on demand: the search index reads each once while it is built, and keeps only
 * its own compact tables, so 50,000 entries do not also hold 50,000 copies of titles and names.
 */
class EntrySearchable implements SearchableEntry {
  /** `topics`: words about the work known from elsewhere, searched as keywords. */
  constructor(readonly entry: BibEntry, readonly sourceId: string, private readonly topics?: string) {}

  get key(): string {
    return this.entry.key;
  }

  get authors(): string[] {
    const entry = this.entry;
    if (hasLatex(entry)) {
      // Names split on the LaTeX value: braces protect "{Barnes and Noble}" from splitting.
      const latex = entry.latex('author') ?? entry.latex('editor');
      return latex === undefined ? [] : familyNames(latex);
    }
    const plain = entry.field('author') ?? entry.field('editor');
    return plain === undefined ? [] : parseNameList(plain).filter(n => !n.isOthers).map(n => n.family);
  }

  /**
   * Authors' family names and title words straight from the file's text (no decoded copies),
   * decoding only the names and titles that hold LaTeX commands or math.
   */
  indexWords(sink: WordSink): void {
    const entry = this.entry;
    if (!hasLatex(entry)) {
      const authors = this.authors;
      for (let i = 0; i < authors.length; i++) sink.text(authors[i], i === 0 ? IndexField.FirstAuthor : IndexField.Author);
      const title = this.title;
      if (title) sink.text(title, IndexField.Title);
      const keywords = this.entry.field('keywords');
      if (keywords) sink.text(keywords, IndexField.Keyword);
      if (this.topics) sink.text(this.topics, IndexField.Keyword);
      return;
    }
    let names = 0;
    const readNames = (text: string, start: number, end: number): true => {
      familyNameSpans(text, start, end, (from, to) => {
        const field = names++ === 0 ? IndexField.FirstAuthor : IndexField.Author;
        if (!sink.latex(text, from, to, field, LATEX_WORDS)) sink.text(decodeLatex(text.slice(from, to)), field);
      });
      return true;
    };
    if (entry.withLatex('author', readNames) === undefined) entry.withLatex('editor', readNames);
    readLatexField(entry, 'title', IndexField.Title, sink);
    readLatexField(entry, 'keywords', IndexField.Keyword, sink);
    if (this.topics) sink.text(this.topics, IndexField.Keyword);
  }

  indexAbstract(sink: WordSink): void {
    const entry = this.entry;
    if (hasLatex(entry)) {
      readLatexField(entry, 'abstract', IndexField.Abstract, sink);
    } else {
      const abstract = this.abstract;
      if (abstract) sink.text(abstract, IndexField.Abstract);
    }
  }

  get keywords(): string | undefined {
    const keywords = this.entry.field('keywords');
    return this.topics ? [keywords, this.topics].filter(Boolean).join('; ') : keywords;
  }

  get abstract(): string | undefined {
    return this.entry.field('abstract');
  }

  get title(): string | undefined {
    return this.entry.field('title');
  }

  get year(): string | undefined {
    return this.entry.field('year') ?? this.entry.field('date')?.slice(0, 4);
  }

  get doi(): string | undefined {
    return this.entry.field('doi');
  }

  get pmid(): string | undefined {
    return this.entry.field('pmid');
  }
}

/** A LaTeX field's words in place, or decoded when it holds what the scanner cannot read. */
function readLatexField(entry: BibEntry & HasLatex, name: string, field: IndexField, sink: WordSink): void {
  entry.withLatex(name, (text, start, end) => {
    if (!sink.latex(text, start, end, field, LATEX_WORDS)) sink.text(decodeLatex(text.slice(start, end)), field);
  });
}

export function toSearchable(entry: BibEntry, sourceId: string, topics?: string): SearchableEntry {
  return new EntrySearchable(entry, sourceId, topics);
}
