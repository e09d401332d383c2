/**
 * What the search index needs from an entry: family names, title, year, DOI, PMID — decoded
 * individually, so indexing never decodes abstracts or other fields nobody searches.
 */
import type { SearchableReference } from '../search';
import type { BibEntry } from './types';
import { familyNames, parseNameList } from './names';

export interface SearchableEntry extends SearchableReference {
  readonly entry: BibEntry;
  readonly sourceId: string;
}

interface HasLatex { latex(name: string): string | undefined }

function hasLatex(entry: BibEntry): entry is BibEntry & HasLatex {
  return typeof (entry as Partial<HasLatex>).latex === 'function';
}

/**
 * Reads fields on demand: the search index reads each once while it is built, and keeps only
 * its own compact tables, so 50,000 entries do not also hold 50,000 copies of titles and names.
 */
class EntrySearchable implements SearchableEntry {
  constructor(readonly entry: BibEntry, readonly sourceId: string) {}

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

export function toSearchable(entry: BibEntry, sourceId: string): SearchableEntry {
  return new EntrySearchable(entry, sourceId);
}
