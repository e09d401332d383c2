/**
 * Narrowing the evidence: a fuzzy text query (fuse.js over drug, class, target, population, outcomes
 * and authors; every word of the query must match) and quick toggles by class, study design and
 * reported population. Toggles in one group widen (any of), groups narrow each other (all of).
 */
import Fuse from 'fuse.js';
import type { EvidenceClass, EvidenceRecord } from '../knowledge/types';
import { designLabel } from './model';
import { ownTable } from '../ownTable';

/** Population details a study may report, usable as toggles. */
export type PopulationToggle = 'genotype' | 'mds' | 'counts';
export const POPULATION_TOGGLES: readonly PopulationToggle[] = ['genotype', 'mds', 'counts'];
export const POPULATION_LABELS: Readonly<Record<PopulationToggle, string>> = ownTable({
  genotype: 'reports UBA1 genotypes',
  mds: 'reports MDS',
  counts: 'reports responders/denominator',
});

export interface EvidenceFilter {
  readonly query?: string;
  readonly classes?: readonly string[];
  readonly designs?: readonly string[];
  readonly populations?: readonly PopulationToggle[];
}

export function isFilterActive(f: EvidenceFilter | undefined): boolean {
  return !!f && (!!f.query?.trim() || !!f.classes?.length || !!f.designs?.length || !!f.populations?.length);
}

export function matchesPopulation(r: EvidenceRecord, toggle: PopulationToggle): boolean {
  switch (toggle) {
    case 'genotype': return (r.population?.genotypes?.length ?? 0) > 0;
    case 'mds': return !!r.population?.mds?.trim();
    case 'counts': return (r.outcomes ?? []).some(o => typeof o.responders === 'number' && typeof o.denominator === 'number');
  }
}

/** Shorter query words must match exactly (case-insensitive). */
const FUZZY_MIN_LENGTH = 6;

interface SearchDoc {
  readonly record: EvidenceRecord;
  readonly drug: string;
  readonly className: string;
  readonly target: string;
  readonly population: string;
  readonly outcomes: string;
  readonly authors: string;
  readonly study: string;
}

/** Fuzzy search and toggles over a fixed set of records (the index is built once). */
export class EvidenceSearch {
  /** Typo-tolerant, for words of FUZZY_MIN_LENGTH characters or more ("tocilizumb"). */
  private readonly fuzzy: Fuse<SearchDoc>;
  /** Exact substrings, for short words, where one typo is another word ("IL-6" is not "IL-1"). */
  private readonly exact: Fuse<SearchDoc>;

  /** `authorsOf(studyKey)`: the study's author names as one string (from the reference library). */
  constructor(readonly records: readonly EvidenceRecord[], classes: readonly EvidenceClass[], authorsOf: (studyKey: string) => string = () => '') {
    const classById = new Map(classes.map(c => [c.id, c]));
    const docs = records.map((r): SearchDoc => {
      const cls = classById.get(r.class);
      return {
        record: r,
        drug: `${r.drugLabel} ${r.drug}`,
        className: [cls?.name ?? r.class, cls?.target ?? ''].join(' '),
        target: r.target ?? '',
        population: [r.population?.description, ...(r.population?.genotypes ?? []), r.population?.mds].filter(Boolean).join(' '),
        outcomes: (r.outcomes ?? []).map(o => `${o.result} ${o.definition ?? ''} ${o.timepoint ?? ''}`).join(' '),
        authors: authorsOf(r.study),
        study: `${r.study} ${r.year ?? ''} ${designLabel(r.design)}`,
      };
    });
    const options = {
      keys: [
        { name: 'drug', weight: 4 }, { name: 'className', weight: 3 }, { name: 'target', weight: 2 },
        { name: 'authors', weight: 2 }, { name: 'study', weight: 2 }, { name: 'population', weight: 1 }, { name: 'outcomes', weight: 1 },
      ],
      ignoreLocation: true,
      ignoreFieldNorm: true,
    };
    this.fuzzy = new Fuse(docs, { ...options, threshold: 0.25, minMatchCharLength: 2 });
    this.exact = new Fuse(docs, { ...options, threshold: 0 });
  }

  /** Records passing the filter, in their original order. */
  apply(filter: EvidenceFilter | undefined): EvidenceRecord[] {
    let ids: Set<string> | undefined;
    const words = (filter?.query ?? '').trim().split(/\s+/).filter(w => w.length > 0);
    for (const word of words) {
      const fuse = word.length >= FUZZY_MIN_LENGTH ? this.fuzzy : this.exact;
      const found = new Set(fuse.search(word).map(h => h.item.record.id));
      ids = ids ? new Set([...ids].filter(id => found.has(id))) : found;
    }
    return this.records.filter(r =>
      (!ids || ids.has(r.id))
      && (!filter?.classes?.length || filter.classes.includes(r.class))
      && (!filter?.designs?.length || filter.designs.includes(r.design))
      && (!filter?.populations?.length || filter.populations.some(p => matchesPopulation(r, p))));
  }
}

/** The active filter in words, for the view's message: `"tocilizumab" · class: IL-6 inhibitors · design: Registry`. */
export function describeFilter(filter: EvidenceFilter | undefined, classes: readonly EvidenceClass[]): string {
  if (!filter) return '';
  const name = (id: string) => classes.find(c => c.id === id)?.name ?? id;
  const parts: string[] = [];
  if (filter.query?.trim()) parts.push(`"${filter.query.trim()}"`);
  if (filter.classes?.length) parts.push(`class: ${filter.classes.map(name).join(' or ')}`);
  if (filter.designs?.length) parts.push(`design: ${filter.designs.map(designLabel).join(' or ')}`);
  if (filter.populations?.length) parts.push(filter.populations.map(p => POPULATION_LABELS[p]).join(' or '));
  return parts.join(' · ');
}
