import type { KnowledgeBase } from '../core/knowledge';
import type { Bibliographies } from '../workspace/bibliographies';
import type { ManuscriptTracker } from '../workspace/manuscripts';
import type { CitationInserter } from './insertCitation';

/** What the sidebar views (Therapy Evidence, References) work with. */
export interface SidebarDeps {
  readonly knowledge: () => Promise<KnowledgeBase>;
  readonly bibliographies: Bibliographies;
  readonly inserter: CitationInserter;
  /** The manuscript they insert into: the last active Markdown/LaTeX editor. */
  readonly manuscripts: ManuscriptTracker;
}
