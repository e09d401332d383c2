/**
 * All bibliography sources of a workspace in one place: each file's entries are added, replaced
 * or removed as a unit (a changed file is re-indexed alone), keys resolve in O(1), DOIs and PMIDs
 * too, and search runs over every source with one ranking.
 */
import { mergeHits, ReferenceSearch, searchSources, type ChunkedBuildOptions, type SearchHit, type SearchOptions, DEFAULT_LIMIT } from '../search';
import { normalizeDoi } from '../identifiers/doi';
import { indexIdentifiers, type IdentifierIndex } from './identifierIndex';
import type { BibEntry, BibError, BibParseResult } from './types';
import { toSearchable, type SearchableEntry } from './searchable';

export interface LibrarySourceInfo {
  readonly id: string;
  readonly entryCount: number;
  readonly errorCount: number;
}

interface Source {
  readonly id: string;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly BibError[];
  readonly byKey: Map<string, BibEntry>;
  /** Key → words for what the work is about, known from elsewhere (searched as keywords). */
  readonly topics?: ReadonlyMap<string, string>;
  search?: ReferenceSearch<SearchableEntry>;
}

export interface LibraryEntry {
  readonly entry: BibEntry;
  readonly sourceId: string;
}

export class BibliographyLibrary {
  /** Sources in the order they were first added: an earlier source wins a key both define. */
  private readonly sourceList: Source[] = [];
  /** Key → id of the source whose entry it resolves to. */
  private readonly keyOwner = new Map<string, string>();
  private identifiers?: IdentifierIndex<LibraryEntry>;

  /**
   * Adds a source, or replaces the one with the same id (keeping its precedence). `topics` adds
   * searchable words per key (e.g. the drugs the evidence data links a study to).
   */
  setSource(id: string, result: BibParseResult, topics?: ReadonlyMap<string, string>): void {
    const byKey = new Map<string, BibEntry>();
    for (const entry of result.entries) if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
    const source: Source = { id, entries: result.entries, errors: result.errors, byKey, topics };
    const at = this.sourceList.findIndex(s => s.id === id);
    if (at >= 0) {
      const old = this.sourceList[at];
      this.sourceList[at] = source;
      for (const key of old.byKey.keys()) if (this.keyOwner.get(key) === id && !byKey.has(key)) this.reassign(key);
    } else {
      this.sourceList.push(source);
    }
    for (const key of byKey.keys()) {
      const owner = this.keyOwner.get(key);
      if (owner === undefined || this.precedence(id) < this.precedence(owner)) this.keyOwner.set(key, id);
    }
    this.identifiers = undefined;
  }

  removeSource(id: string): boolean {
    const at = this.sourceList.findIndex(s => s.id === id);
    if (at < 0) return false;
    const [old] = this.sourceList.splice(at, 1);
    for (const key of old.byKey.keys()) if (this.keyOwner.get(key) === id) this.reassign(key);
    this.identifiers = undefined;
    return true;
  }

  sources(): LibrarySourceInfo[] {
    return this.sourceList.map(s => ({ id: s.id, entryCount: s.entries.length, errorCount: s.errors.length }));
  }

  /** Errors of one source (parse errors as its parser reported them). */
  errors(id: string): readonly BibError[] {
    return this.sourceList.find(s => s.id === id)?.errors ?? [];
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.keyOwner.size;
  }

  get(key: string): BibEntry | undefined {
    return this.lookup(key)?.entry;
  }

  lookup(key: string): LibraryEntry | undefined {
    const id = this.keyOwner.get(key);
    if (id === undefined) return undefined;
    const entry = this.sourceList.find(s => s.id === id)?.byKey.get(key);
    return entry && { entry, sourceId: id };
  }

  /** Every source defining `key` (more than one: a duplicate across files). */
  lookupAll(key: string): LibraryEntry[] {
    const found: LibraryEntry[] = [];
    for (const s of this.sourceList) {
      const entry = s.byKey.get(key);
      if (entry) found.push({ entry, sourceId: s.id });
    }
    return found;
  }

  keys(): IterableIterator<string> {
    return this.keyOwner.keys();
  }

  /** By DOI, case-insensitive, with or without a doi.org prefix. */
  byDoi(doi: string): LibraryEntry | undefined {
    return this.identifierIndex().byDoi.get(normalizeDoi(doi));
  }

  byPmid(pmid: string): LibraryEntry | undefined {
    return this.identifierIndex().byPmid.get(pmid.trim());
  }

  /**
   * Search across sources; each source's index is built on first use and kept until it changes.
   * Ranked by score, then source precedence; typo-tolerant matches only when no source has an
   * exact or prefix one.
   */
  search(query: string, options: SearchOptions = {}): SearchHit<SearchableEntry>[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const sources = this.sourceList;
    const perSource = searchSources(sources.length, (s, fuzzyOnly) => {
      const index = this.searchIndex(sources[s]);
      const hits = fuzzyOnly ? index.fuzzySearch(query, limit) : index.search(query, { limit, fuzzy: false });
      return hits.filter(hit => this.keyOwner.get(hit.item.key) === sources[s].id);
    }, options.fuzzy);
    return sources.length === 1 ? perSource[0] : mergeHits(perSource).slice(0, limit);
  }

  /** Typo-tolerant matches only (see ReferenceSearch.fuzzySearch), across sources. */
  fuzzySearch(query: string, limit = DEFAULT_LIMIT): SearchHit<SearchableEntry>[] {
    const sources = this.sourceList;
    return mergeHits(sources.map(source => this.searchIndex(source).fuzzySearch(query, limit)
      .filter(hit => this.keyOwner.get(hit.item.key) === source.id))).slice(0, limit);
  }

  /** Builds a source's search index now (e.g. in idle time after indexing), rather than on the first query. */
  prepareSearch(id: string): void {
    const source = this.sourceList.find(s => s.id === id);
    if (source) this.searchIndex(source);
  }

  /** The same in slices of at most `budgetMs`, for the editor's thread; a source replaced meanwhile is left alone. */
  async prepareSearchChunked(id: string, options: ChunkedBuildOptions = {}): Promise<void> {
    const source = this.sourceList.find(s => s.id === id);
    if (!source || source.search) return;
    const search = await ReferenceSearch.createChunked(searchables(source), options);
    if (this.sourceList.includes(source)) source.search ??= search;
  }

  private searchIndex(source: Source): ReferenceSearch<SearchableEntry> {
    source.search ??= new ReferenceSearch(searchables(source));
    return source.search;
  }

  private precedence(id: string): number {
    return this.sourceList.findIndex(s => s.id === id);
  }

  private reassign(key: string): void {
    const next = this.sourceList.find(s => s.byKey.has(key));
    if (next) this.keyOwner.set(key, next.id);
    else this.keyOwner.delete(key);
  }

  /** Built at the first identifier question after a change, over the entries keys resolve to. */
  private identifierIndex(): IdentifierIndex<LibraryEntry> {
    return this.identifiers ??= indexIdentifiers(
      [...this.keyOwner.keys()].map(key => this.lookup(key)).filter((f): f is LibraryEntry => f !== undefined), f => f.entry);
  }
}

function searchables(source: Source): SearchableEntry[] {
  return [...source.byKey.values()].map(e => toSearchable(e, source.id, source.topics?.get(e.key)));
}
