import * as vscode from 'vscode';
import { resolvePath } from './paths';
import { parseCslJson } from '../core/bibliography/cslJson';
import { toSearchable, type SearchableEntry } from '../core/bibliography/searchable';
import type { BibliographyLibrary } from '../core/bibliography/library';
import { indexBibliography, type IndexedBibliography } from '../core/bibliography/indexBibliography';
import type { BibEntry, BibError } from '../core/bibliography/types';
import type { KnowledgeBase } from '../core/knowledge';
import type { CitationSyntax } from '../core/languages';
import { bibliographyDeclarations, inlineReferences, texRoot } from '../core/manuscript';
import { LineIndex } from '../core/lineIndex';
import { defaultYield } from '../core/slices';
import { mergeHits, ReferenceSearch, searchSources, type SearchHit } from '../core/search';
import { indexIdentifiers, type IdentifierIndex } from '../core/bibliography/identifierIndex';
import { normalizeDoi } from '../core/identifiers/doi';
import { inertText } from '../core/messageText';
import { bibliographyGlobs, useBundledLibrary } from './settings';
import { isInsideWorkspace, mayRead as workspaceMayRead } from './access';
import { exists, readSourceText, readText, RefusedFileError } from './textFiles';


/** One bibliography file, read and indexed. */
export interface LoadedBibliography {
  readonly uri: vscode.Uri;
  /** Which version was read: `doc:<version>` for an open document, `disk:<mtime>:<size>` otherwise. */
  readonly version: string;
  /** `inline`: the `references:` list of the manuscript's own YAML front matter (uri = the manuscript). */
  readonly format: 'bibtex' | 'csl-json' | 'inline';
  /** Lines of the text that was read, to turn entry and error offsets into positions (a .bib's on first use). */
  lines(): LineIndex;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly BibError[];
  readonly byKey: ReadonlyMap<string, BibEntry>;
  /**
   * Kept with this version of the file. Built in slices after the parse: key prefixes are
   * searchable when the file is loaded, author/title/year/DOI matches a moment later (~0.5 s at 50,000 entries).
   */
  search(): ReferenceSearch<SearchableEntry>;
}

/** Where a reference was found: a bibliography file of the document, or the bundled VEXAS library. */
export interface FoundReference {
  readonly entry: BibEntry;
  readonly source: vscode.Uri | 'bundled';
}

/** Files over this size are indexed with a progress notification. */
const PROGRESS_THRESHOLD_BYTES = 2_000_000;
/** A file not open in an editor is checked against the disk at most this often when used. */
const REVALIDATE_MS = 2_000;

/** Where a manuscript names one of its bibliography files. */
export interface BibliographyDeclarationSite {
  readonly uri: vscode.Uri;
  /** Offsets of the path as written in the manuscript, or undefined when declared in its LaTeX root file. */
  readonly range?: { start: number; end: number };
}

/**
 * Reads, indexes and caches the bibliographies of manuscripts: each file once per version, a changed
 * file alone. Indexing (parse, then search index) yields to the extension host every ~20 ms.
 */
export class Bibliographies implements vscode.Disposable {
  private readonly cache = new Map<string, { version: string; loaded: Promise<LoadedBibliography>; checkedAt: number }>();
  /** Every file a manuscript has asked for, read or missing: only their file events matter. */
  private readonly wanted = new Set<string>();
  private readonly warned = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Watchers of files outside the workspace folders (an auto-export in the home folder), by URI. */
  private readonly outsideWatchers = new Map<string, vscode.Disposable>();
  private readonly onDisk: (uri: vscode.Uri) => Promise<void>;
  /** Fires when a bibliography file that has been read changes or is deleted. */
  readonly onDidChange = this.changed.event;

  /** Every message shown to the author (newest last, at most 100): for the status command and tests. */
  readonly notices: string[] = [];
  private readonly mayRead: (uri: vscode.Uri) => boolean;

  /** `access` decides which files may be read and written (default: see workspace/access.ts). */
  constructor(private readonly bundled: () => Promise<KnowledgeBase>, access: { mayRead(uri: vscode.Uri): boolean } = { mayRead: workspaceMayRead }) {
    this.mayRead = uri => access.mayRead(uri);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{bib,json}');
    const invalidate = (uri: vscode.Uri) => {
      if (this.cache.delete(uri.toString())) this.changed.fire(uri);
    };
    // A file event can arrive after we read that very version (e.g. just after it was written):
    // re-index only when the file on disk differs from what was read.
    const onDisk = this.onDisk = async (uri: vscode.Uri) => {
      const cached = this.cache.get(uri.toString());
      // Not read (yet): a declared file that was missing has appeared. Any other .bib/.json in the
      // workspace (an npm install writes thousands) is none of our business.
      if (!cached) return this.wanted.has(uri.toString()) ? this.changed.fire(uri) : undefined;
      try {
        const [stat, loaded] = await Promise.all([vscode.workspace.fs.stat(uri), cached.loaded]);
        if (loaded.version === `disk:${stat.mtime}:${stat.size}`) return;
      } catch { /* deleted or unreadable: drop it */ }
      if (this.cache.get(uri.toString()) === cached) invalidate(uri);
    };
    this.disposables.push(
      watcher, this.changed,
      watcher.onDidChange(onDisk), watcher.onDidDelete(invalidate), watcher.onDidCreate(onDisk),
      vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length) invalidate(e.document.uri); }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const w of this.outsideWatchers.values()) w.dispose();
  }

  /**
   * The bibliography files a document declares or the settings add, whether or not they exist.
   * In an untrusted workspace, files outside its folders are left out (`refused`), and said so once.
   */
  async filesFor(document: vscode.TextDocument, syntax: CitationSyntax): Promise<{ declared: vscode.Uri[]; configured: vscode.Uri[]; sites: BibliographyDeclarationSite[]; refused: vscode.Uri[] }> {
    const base = vscode.Uri.joinPath(document.uri, '..');
    let text = document.getText();
    let root = base;
    let inRootFile = false;
    const refused: vscode.Uri[] = [];
    if (syntax === 'latex') {
      // A subfile's bibliography is declared in its root file (`% !TEX root = main.tex`).
      const rootPath = texRoot(text);
      if (rootPath) {
        const rootUri = resolvePath(base, rootPath.endsWith('.tex') ? rootPath : `${rootPath}.tex`);
        if (!this.mayRead(rootUri)) {
          refused.push(rootUri);
          this.refuseOnce(rootUri, `the LaTeX root file named by "% !TEX root"`);
        } else {
          try {
            text = (await readText(rootUri)).text;
            root = vscode.Uri.joinPath(rootUri, '..');
            inRootFile = true;
          } catch (e) {
            this.warnOnce(rootUri, `The LaTeX root file ${rootPath} named by "% !TEX root" cannot be read${e instanceof Error && e.message ? `: ${e.message}` : '.'}`);
          }
        }
      }
    }
    const sites: BibliographyDeclarationSite[] = [];
    for (const d of bibliographyDeclarations(text, syntax)) {
      const uri = resolvePath(root, d.path);
      if (!this.mayRead(uri)) {
        refused.push(uri);
        this.refuseOnce(uri, `a bibliography declared by ${vscode.workspace.asRelativePath(document.uri)}`);
        continue;
      }
      sites.push({ uri, range: inRootFile ? undefined : { start: d.start, end: d.end } });
    }
    const declared = sites.map(s => s.uri);
    const configured: vscode.Uri[] = [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    for (const glob of bibliographyGlobs(document)) {
      const found = folder
        ? await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob))
        : await vscode.workspace.findFiles(glob);
      configured.push(...found);
    }
    return { declared: dedupe(declared), configured: dedupe(configured), sites, refused };
  }

  /** In an untrusted workspace: one message per file that was not read because it lies outside. */
  private refuseOnce(uri: vscode.Uri, what: string): void {
    this.warnOnce(uri, `This workspace is not trusted, so VEXAS reads and writes only files inside its folders: ` +
      `${uri.fsPath || uri.toString()} (${what}) was not read. Trust the workspace to use it.`);
  }

  /**
   * Reads and indexes one file, from the cache when this version was read before. A file read from
   * disk is compared with the disk (size and time) when used, at most every 2 s: an export rewritten
   * by Zotero outside the workspace, which no workspace watcher sees, is picked up within seconds.
   */
  load(uri: vscode.Uri): Promise<LoadedBibliography> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    // (An open document is the author's own choice to read.)
    if (!open && !this.mayRead(uri)) return Promise.reject(new Error('outside the workspace, which is not trusted'));
    if (!this.wanted.has(key)) {
      this.wanted.add(key);
      this.watchOutside(uri);
    }
    const cached = this.cache.get(key);
    if (cached && (!open || cached.version === `doc:${open.version}`)) {
      if (!open && Date.now() - cached.checkedAt > REVALIDATE_MS) {
        cached.checkedAt = Date.now();
        void this.onDisk(uri);
      }
      return cached.loaded;
    }
    // A parse or search index still running for a version no longer cached stops (a newer version replaced it).
    const loaded = this.read(uri, () => this.cache.get(key) !== entry);
    const entry = { version: open ? `doc:${open.version}` : 'disk', loaded, checkedAt: Date.now() };
    this.cache.set(key, entry);
    loaded.catch(() => { if (this.cache.get(key) === entry) this.cache.delete(key); });
    return loaded;
  }

  /** A watcher for a file outside the workspace folders (the workspace watcher does not see it). */
  private watchOutside(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || isInsideWorkspace(uri)) return;
    try {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''));
      w.onDidChange(u => void this.onDisk(u));
      w.onDidCreate(u => void this.onDisk(u));
      w.onDidDelete(u => void this.onDisk(u));
      this.outsideWatchers.set(uri.toString(), w);
    } catch { /* revalidation on use still applies */ }
  }

  /**
   * Reads and indexes; resolves once keys are searchable. The file is decoded into a SourceText, one
   * byte per character (a 35 MB .bib costs 35 MB, not 70 MB, even with Greek or CJK in it).
   */
  private async read(uri: vscode.Uri, isStale: () => boolean): Promise<LoadedBibliography> {
    const format = uri.path.toLowerCase().endsWith('.json') ? 'csl-json' : 'bibtex';
    const { text, version } = await readSourceText(uri);
    // Placeholders keep offsets and line breaks: the lines of the compact text are the file's lines.
    // BibTeX entries read their values from the text, so it stays and its lines are found when asked;
    // CSL-JSON entries hold their values, so only the line index (a tenth of the size) is kept, and
    // the text can go as soon as the items are read.
    const lines = format === 'csl-json' ? await eagerLines(text.text) : lazyLines(text.text);
    const indexed = await indexWithProgress(uri, text.length > PROGRESS_THRESHOLD_BYTES,
      () => indexBibliography(text, format, uri.toString(), { budgetMs: 20, isCancelled: isStale }));
    return loadedBibliography(uri, version, format, indexed, lines);
  }

  /** Everything a document can cite: its files (declared first), then the bundled library if enabled. */
  async forDocument(document: vscode.TextDocument, syntax: CitationSyntax): Promise<DocumentBibliography> {
    const { declared, configured, sites } = await this.filesFor(document, syntax);
    const loaded: LoadedBibliography[] = [];
    const missing: vscode.Uri[] = [];
    await Promise.all([...declared, ...configured].map(async (uri, i) => {
      try {
        loaded[i] = await this.load(uri);
      } catch (e) {
        if (e instanceof RefusedFileError) this.warnOnce(uri, `${e.message}.`);
        else if (!(await exists(uri))) missing.push(uri);
        else this.warnOnce(uri, `The bibliography ${vscode.workspace.asRelativePath(uri)} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }));
    const inline = syntax === 'markdown' ? inlineBibliography(document) : undefined;
    const kb = useBundledLibrary(document) ? await this.bundled() : undefined;
    return new DocumentBibliography([...(inline ? [inline] : []), ...loaded.filter(Boolean)], declared, missing, kb, sites);
  }

  /** One clear message per file and session: never silent, never a storm of modals. */
  warnOnce(uri: vscode.Uri, message: string): void {
    if (this.warned.has(uri.toString())) return;
    this.warned.add(uri.toString());
    this.notices.push(message);
    if (this.notices.length > 100) this.notices.shift();
    // Paths and parser messages are in it: no links or icons of theirs.
    void vscode.window.showWarningMessage(inertText(message));
  }
}

/** The references one manuscript can cite. */
export class DocumentBibliography {

  constructor(
    readonly files: readonly LoadedBibliography[],
    /** Files the manuscript itself declares (where inserted entries go). */
    readonly declared: readonly vscode.Uri[],
    /** Declared files that do not exist. */
    readonly missing: readonly vscode.Uri[],
    readonly knowledge: KnowledgeBase | undefined,
    /** Where the manuscript declares each of `declared`. */
    readonly sites: readonly BibliographyDeclarationSite[] = [],
  ) {}

  /** The entry for a key: the document's own files first, then the bundled library. */
  lookup(key: string): FoundReference | undefined {
    for (const f of this.files) {
      const entry = f.byKey.get(key);
      if (entry) return { entry, source: f.uri };
    }
    const bundled = this.knowledge?.references.get(key);
    return bundled ? { entry: bundled, source: 'bundled' } : undefined;
  }

  /**
   * The entry with this DOI (any case or resolver prefix) or PMID: the document's own files first
   * (a linear scan: run per command, not per keystroke), then the bundled library.
   */
  findByIdentifier(ids: { doi?: string; pmid?: string; pmcid?: string }): FoundReference | undefined {
    const doi = ids.doi && normalizeDoi(ids.doi);
    const pmid = ids.pmid?.trim();
    const pmcid = ids.pmcid?.trim().toUpperCase();
    for (const f of this.files) {
      const index = identifierIndex(f);
      const byId = (doi ? index.byDoi.get(doi) : undefined) ?? (pmid ? index.byPmid.get(pmid) : undefined);
      if (byId) return { entry: byId, source: f.uri };
      // PMCIDs are rare in bibliographies and asked for only by a pasted PMCID: a scan.
      const byPmcid = pmcid ? f.entries.find(e => e.field('pmcid')?.trim().toUpperCase() === pmcid) : undefined;
      if (byPmcid) return { entry: byPmcid, source: f.uri };
    }
    const library = this.knowledge?.references;
    const bundled = (doi ? library?.byDoi(doi) : undefined) ?? (pmid ? library?.byPmid(pmid) : undefined);
    return bundled ? { entry: bundled.entry, source: 'bundled' } : undefined;
  }

  /** Whether the document's own bibliographies (not the bundled library) define a key. */
  definesOwn(key: string): boolean {
    return this.files.some(f => f.byKey.has(key));
  }

  /**
   * Ranked references for a query over every source; a key found in several sources appears once.
   * At equal relevance the manuscript's own bibliographies come first (in declared order), then
   * the bundled library; typo-tolerant matches only when no source has an exact or prefix match.
   */
  search(query: string, limit = 100): FoundReference[] {
    type Hit = SearchHit<SearchableEntry> & { source: vscode.Uri | 'bundled' };
    const sources: Array<{ id: vscode.Uri | 'bundled'; search: ReferenceSearch<SearchableEntry> | BibliographyLibrary }> = this.files.map(f => ({ id: f.uri, search: f.search() }));
    if (this.knowledge) sources.push({ id: 'bundled', search: this.knowledge.references });
    const perSource = searchSources<Hit>(sources.length, (s, fuzzyOnly) => {
      const { id, search } = sources[s];
      const hits = fuzzyOnly ? search.fuzzySearch(query, limit) : search.search(query, { limit, fuzzy: false });
      return hits.map(h => ({ ...h, source: id }));
    });
    const seen = new Set<string>();
    const out: FoundReference[] = [];
    for (const h of mergeHits<SearchableEntry, Hit>(perSource)) {
      if (seen.has(h.item.key)) continue;
      seen.add(h.item.key);
      out.push({ entry: h.item.entry, source: h.source });
      if (out.length >= limit) break;
    }
    return out;
  }
}

/**
 * Runs the indexing, with a progress indicator for large files that stays until the whole search
 * index is built; resolves when keys are searchable. Drops `run` once started: it holds the text.
 */
function indexWithProgress(uri: vscode.Uri, showProgress: boolean, run: (() => Promise<IndexedBibliography>) | undefined): Promise<IndexedBibliography> {
  if (!showProgress) return run!();
  return new Promise<IndexedBibliography>((resolve, reject) => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Indexing ${vscode.workspace.asRelativePath(uri)}` }, async () => {
      let result: IndexedBibliography;
      try {
        const started = run!();
        run = undefined;
        result = await started;
      } catch (e) {
        reject(e);
        return;
      }
      resolve(result);
      await result.searchReady;
    });
  });
}

// Separate functions, so that no closure handed out shares a scope with the file's text (a V8
// closure keeps its whole scope alive): a CSL-JSON file's text can then be collected.
function loadedBibliography(uri: vscode.Uri, version: string, format: 'bibtex' | 'csl-json', indexed: IndexedBibliography, lines: () => LineIndex): LoadedBibliography {
  const { entries, errors, byKey, search } = indexed;
  return { uri, version, format, lines, entries, errors, byKey, search: () => search };
}

async function eagerLines(text: string): Promise<() => LineIndex> {
  const lines = await LineIndex.create(text, defaultYield);
  return () => lines;
}

function lazyLines(text: string): () => LineIndex {
  let lines: LineIndex | undefined;
  return () => (lines ??= LineIndex.of(text));
}

function dedupe(uris: vscode.Uri[]): vscode.Uri[] {
  const seen = new Set<string>();
  return uris.filter(u => !seen.has(u.toString()) && seen.add(u.toString()));
}

/** The manuscript's own `references:` (pandoc's inline CSL in YAML), as one more source; few entries, indexed at once. */
function inlineBibliography(document: vscode.TextDocument): LoadedBibliography | undefined {
  const refs = inlineReferences(document.getText());
  if (refs.length === 0) return undefined;
  const text = JSON.stringify(refs);
  const parsed = parseCslJson(text);
  const byKey = new Map<string, BibEntry>();
  for (const e of parsed.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  let search: ReferenceSearch<SearchableEntry> | undefined;
  let lines: LineIndex | undefined;
  return {
    uri: document.uri, version: `doc:${document.version}`, format: 'inline', lines: () => (lines ??= LineIndex.of(text)), entries: parsed.entries, errors: [], byKey,
    search: () => (search ??= new ReferenceSearch(parsed.entries.map(e => toSearchable(e, document.uri.toString())))),
  };
}

/**
 * Each loaded file's entries by DOI and PMID, built at the first such question and kept with the
 * file (a new load is a new object): the pickers and completion ask per row, per keystroke.
 */
const identifierIndexes = new WeakMap<LoadedBibliography, IdentifierIndex<BibEntry>>();

function identifierIndex(file: LoadedBibliography): IdentifierIndex<BibEntry> {
  let index = identifierIndexes.get(file);
  if (!index) identifierIndexes.set(file, index = indexIdentifiers(file.entries, e => e));
  return index;
}
