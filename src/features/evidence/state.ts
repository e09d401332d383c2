import * as vscode from 'vscode';
import { familyNames } from '../../core/bibliography/names';
import {
  EVIDENCE_SORTS, EvidenceSearch, groupEvidence, isFilterActive, POPULATION_TOGGLES, studyLabel,
  type ClassGroup, type DrugGroup, type EvidenceFilter, type EvidenceSort,
} from '../../core/evidence';
import type { OwnEvidence } from '../../core/evidence/ownEvidence';
import type { EvidenceClass, EvidenceRecord, KnowledgeBase } from '../../core/knowledge';

const FILTER_KEY = 'vexas.evidence.filter';
const SORT_KEY = 'vexas.evidence.sort';
/** Context key: a filter is active (shows the Clear Filter button). */
export const FILTERED_KEY = 'vexas.evidence.filtered';

/** The evidence as the tree shows it now: filtered, sorted and grouped. */
export interface EvidenceModel {
  readonly kb: KnowledgeBase;
  readonly groups: readonly ClassGroup[];
  readonly classById: ReadonlyMap<string, ClassGroup>;
  readonly drugById: ReadonlyMap<string, DrugGroup>;
  readonly recordById: ReadonlyMap<string, EvidenceRecord>;
  /** Records shown / all records. */
  readonly shown: number;
  readonly total: number;
  /** Every record: the bundled dataset's, then the author's own extractions. */
  readonly records: readonly EvidenceRecord[];
  readonly classes: readonly EvidenceClass[];
  forClass(classId: string): readonly EvidenceRecord[];
  classInfo(classId: string): EvidenceClass | undefined;
}

/** The author's own extraction records (see workspace/ownEvidenceFiles.ts). */
export interface OwnEvidenceSource {
  load(): Promise<OwnEvidence>;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The filter and sort of the Therapy Evidence view, kept in the workspace state (so they survive
 * reloads), and the model they produce from the knowledge base.
 */
export class EvidenceState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private search: { kb: KnowledgeBase; own: OwnEvidence | undefined; search: EvidenceSearch } | undefined;
  private cached: Promise<EvidenceModel> | undefined;
  private readonly subscription: vscode.Disposable | undefined;

  constructor(private readonly memento: vscode.Memento, private readonly knowledge: () => Promise<KnowledgeBase>,
    private readonly own?: OwnEvidenceSource) {
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, isFilterActive(this.filter));
    this.subscription = own?.onDidChange(() => this.invalidate());
  }

  dispose(): void {
    this.changed.dispose();
    this.subscription?.dispose();
  }

  get filter(): EvidenceFilter {
    return sanitizeFilter(this.memento.get<unknown>(FILTER_KEY));
  }

  get sort(): EvidenceSort {
    const s = this.memento.get<string>(SORT_KEY);
    return EVIDENCE_SORTS.includes(s as EvidenceSort) ? s as EvidenceSort : 'level';
  }

  async setFilter(filter: EvidenceFilter): Promise<void> {
    const clean = sanitizeFilter(filter);
    await this.memento.update(FILTER_KEY, isFilterActive(clean) ? clean : undefined);
    await vscode.commands.executeCommand('setContext', FILTERED_KEY, isFilterActive(clean));
    this.invalidate();
  }

  async setSort(sort: EvidenceSort): Promise<void> {
    await this.memento.update(SORT_KEY, sort === 'level' ? undefined : sort);
    this.invalidate();
  }

  invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  model(): Promise<EvidenceModel> {
    this.cached ??= this.build().catch(e => { this.cached = undefined; throw e; });
    return this.cached;
  }

  /** "Boyadzhieva 2023" for a study key, from the bundled library's author and year. */
  static studyLabel(kb: KnowledgeBase, key: string, year?: number): string {
    const entry = kb.references.get(key);
    const authors = entry?.fields.author ? familyNames(entry.fields.author) : [];
    return studyLabel(authors, year ?? entry?.fields.year, key);
  }

  private async build(): Promise<EvidenceModel> {
    const kb = await this.knowledge();
    // The author's own file never keeps the bundled evidence from showing: a file that cannot be read adds nothing.
    const own = this.own ? await this.own.load().catch(e => { console.error(`[vexas] own evidence files: ${e instanceof Error ? e.stack : e}`); return undefined; }) : undefined;
    const all = [...kb.evidence.records, ...(own?.records ?? [])];
    const known = new Set(kb.evidence.classes.map(c => c.id));
    const classes = [...kb.evidence.classes, ...(own?.classes ?? []).filter(c => !known.has(c.id) && known.add(c.id))];
    if (this.search?.kb !== kb || this.search.own !== own) {
      const authors = (key: string) => kb.references.get(key)?.fields.author ?? '';
      this.search = { kb, own, search: new EvidenceSearch(all, classes, authors) };
    }
    const shown = this.search.search.apply(this.filter);
    const groups = groupEvidence(classes, shown, this.sort);
    const classById = new Map(classes.map(c => [c.id, c]));
    return {
      kb, groups, records: all, classes,
      classById: new Map(groups.map(g => [g.id, g])),
      drugById: new Map(groups.flatMap(g => g.drugs.map(d => [d.id, d] as const))),
      recordById: new Map(all.map(r => [r.id, r])),
      shown: shown.length,
      total: all.length,
      forClass: id => all.filter(r => r.class === id),
      classInfo: id => classById.get(id),
    };
  }
}

/** Keeps only well-formed parts of a stored or scripted filter. */
export function sanitizeFilter(value: unknown): EvidenceFilter {
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined);
  const query = typeof v.query === 'string' && v.query.trim() ? v.query.trim() : undefined;
  const classes = strings(v.classes);
  const designs = strings(v.designs);
  const populations = strings(v.populations)?.filter(p => (POPULATION_TOGGLES as readonly string[]).includes(p)) as EvidenceFilter['populations'];
  const out: { -readonly [K in keyof EvidenceFilter]: EvidenceFilter[K] } = {};
  if (query) out.query = query;
  if (classes?.length) out.classes = classes;
  if (designs?.length) out.designs = designs;
  if (populations?.length) out.populations = populations;
  return out;
}
