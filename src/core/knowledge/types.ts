/** Shapes of the curated data files (data/terms.json, data/evidence.json); the JSON Schemas in data/schema/ are authoritative. */

export interface SourceRef {
  /** A key of data/references.bib. */
  readonly key: string;
  /** Where in the source the statement is supported (abstract, table 2, …). */
  readonly where: string;
}

export interface DiscouragedForm {
  readonly form: string;
  readonly preferred: string;
  readonly reason: string;
}

export interface Term {
  readonly id: string;
  /** The preferred form. */
  readonly term: string;
  readonly definition: string;
  readonly category: string;
  readonly aliases: readonly string[];
  readonly abbreviations: readonly string[];
  /** Gene symbols and short abbreviations that would collide with ordinary words when case-folded. */
  readonly matchCase: boolean;
  readonly discouraged: readonly DiscouragedForm[];
  readonly related: readonly string[];
  readonly sources: readonly SourceRef[];
}

export interface TermsFile {
  readonly provenance: { readonly lastReviewed: string; readonly method: string };
  readonly categories: Readonly<Record<string, string>>;
  readonly terms: readonly Term[];
}

export interface EvidenceOutcome {
  readonly definition?: string;
  readonly result: string;
  readonly responders?: number;
  readonly denominator?: number;
  readonly timepoint?: string;
  readonly where: string;
}

export interface EvidenceRecord {
  readonly id: string;
  readonly drug: string;
  readonly drugLabel: string;
  readonly class: string;
  readonly target?: string;
  readonly study: string;
  readonly year?: number;
  readonly design: string;
  readonly multicentre?: boolean;
  readonly patients?: number;
  readonly population?: { readonly description?: string; readonly genotypes?: readonly string[]; readonly mds?: string };
  readonly outcomes?: readonly EvidenceOutcome[];
  readonly adverseEvents?: ReadonlyArray<{ readonly text: string; readonly where: string }>;
  readonly evidenceLevel: string;
  readonly where?: string;
  /**
   * `abstracted` (figures copied from the primary source) or `not-abstracted`: the study is listed
   * with what was verified, and its results must be read in the paper. Absent means abstracted.
   */
  readonly figures?: 'abstracted' | 'not-abstracted';
  /** Why the figures are not abstracted (or a remark on them). */
  readonly figuresNote?: string;
  /** Set when the record comes from the author's own extraction file, not the bundled dataset. */
  readonly origin?: { readonly kind: 'own'; readonly file: string };
}

/** A guidance or recommendation document the dataset lists (no figures, no evidence level). */
export interface EvidenceGuidance {
  readonly study: string;
  readonly year?: number;
  readonly title: string;
  readonly issuer?: string;
  readonly kind?: string;
  readonly scope?: string;
  readonly identifiersSeen?: readonly string[];
  readonly note?: string;
}

export interface EvidenceClass {
  readonly id: string;
  readonly name: string;
  readonly target?: string;
  readonly drugs?: readonly string[];
  readonly summary?: ReadonlyArray<{ readonly text: string; readonly studies: readonly string[] }>;
}

export interface EvidenceFile {
  readonly provenance: Readonly<Record<string, string>>;
  readonly evidenceLevels: Readonly<Record<string, string>>;
  readonly classes: readonly EvidenceClass[];
  readonly records: readonly EvidenceRecord[];
  readonly guidance?: readonly EvidenceGuidance[];
}
