/**
 * The shape every bibliography source (BibTeX/BibLaTeX, CSL-JSON) is indexed into.
 * Offsets are UTF-16 code-unit offsets into the source text, as editors count them.
 */

/** One reference, whatever file format it came from. */
export interface BibEntry {
  /** Citation key, exactly as written. */
  readonly key: string;
  /** Entry type, lowercase (`article`, `inproceedings`, ...). */
  readonly type: string;
  /** Field values decoded for display (LaTeX → Unicode), field names lowercase; inherited fields included. */
  readonly fields: Readonly<Record<string, string>>;
  /** Field values exactly as written in the source (own fields only), for writing entries back unchanged. */
  readonly rawFields: Readonly<Record<string, string>>;
  /** Offset of the entry's first character (`@` in BibTeX, `{` in CSL-JSON). */
  readonly start: number;
  /** Offset just past the entry's last character. */
  readonly end: number;
  /** Offsets of the key itself, for go-to-definition and diagnostics. */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** One decoded field, without decoding the others (cheap for hover and indexing). */
  field(name: string): string | undefined;
}

/** A problem found while reading a source; the rest of the source is still read. */
export interface BibError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /**
   * `error`: the file is malformed here; pandoc stops reading the file at such a place, biber and
   * BibTeX skip or misread the entry. `warning`: readable, but probably not what the author meant
   * (a duplicate key, an undefined @string, a missing crossref target). Absent means `warning`.
   */
  readonly severity?: 'error' | 'warning';
}

export interface BibParseResult<E extends BibEntry = BibEntry> {
  readonly entries: E[];
  readonly errors: BibError[];
}

/** A CSL-JSON item; only what we read is typed. */
export interface CslItem {
  id?: string | number;
  type?: string;
  [variable: string]: unknown;
}
