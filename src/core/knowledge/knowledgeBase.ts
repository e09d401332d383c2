import { BibliographyLibrary } from '../bibliography/library';
import { parseBibTeX } from '../bibliography/parseBibTeX';
import type { BibEntry } from '../bibliography/types';
import { EvidenceIndex } from './evidenceIndex';
import { Glossary } from './glossary';
import { referenceTopics } from './referenceTopics';
import type { EvidenceFile, TermsFile } from './types';

/** The bundled data files, by name relative to the extension's data/ folder. */
export const KNOWLEDGE_FILES = {
  terms: 'terms.json',
  evidence: 'evidence.json',
  references: 'references.bib',
} as const;

/** Source id of the bundled VEXAS library in a BibliographyLibrary. */
export const BUNDLED_LIBRARY_ID = 'vexas-library';

/** Reads one bundled data file as text (the adapter uses vscode.workspace.fs; tests use Node's fs). */
export type ReadDataFile = (name: string) => Promise<string>;

/** The curated VEXAS knowledge: glossary, reference library and therapy evidence. */
export class KnowledgeBase {
  private constructor(
    readonly glossary: Glossary,
    /** The bundled reference library: by key, DOI or PMID, and searchable. */
    readonly references: BibliographyLibrary,
    readonly referenceEntries: readonly BibEntry[],
    readonly evidence: EvidenceIndex,
  ) {}

  static fromTexts(texts: { terms: string; evidence: string; references: string }): KnowledgeBase {
    const bib = parseBibTeX(texts.references);
    const evidence = parseJson<EvidenceFile>(texts.evidence, KNOWLEDGE_FILES.evidence);
    const library = new BibliographyLibrary();
    library.setSource(BUNDLED_LIBRARY_ID, bib, referenceTopics(evidence));
    return new KnowledgeBase(
      new Glossary(parseJson<TermsFile>(texts.terms, KNOWLEDGE_FILES.terms)),
      library,
      bib.entries,
      new EvidenceIndex(evidence),
    );
  }

  static async load(read: ReadDataFile): Promise<KnowledgeBase> {
    const [terms, evidence, references] = await Promise.all([
      read(KNOWLEDGE_FILES.terms), read(KNOWLEDGE_FILES.evidence), read(KNOWLEDGE_FILES.references),
    ]);
    return KnowledgeBase.fromTexts({ terms, evidence, references });
  }
}

/**
 * Loads the knowledge base once, at first use; concurrent callers share one load.
 * A failed load is not cached, so the next use tries again.
 */
export class LazyKnowledgeBase {
  private pending: Promise<KnowledgeBase> | undefined;
  constructor(private readonly read: ReadDataFile) {}

  get(): Promise<KnowledgeBase> {
    this.pending ??= KnowledgeBase.load(this.read).catch(e => {
      this.pending = undefined;
      throw e;
    });
    return this.pending;
  }
}

function parseJson<T>(text: string, name: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`The bundled ${name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
