/**
 * The therapy evidence arranged for browsing: drug class → drug → study record, classes in a fixed
 * order (IL-6 and JAK inhibitors first, then every other class in the data's order), records sorted
 * by evidence level, size or year. Pure: the tree view, the details panel and the tests share it.
 */
import type { EvidenceClass, EvidenceOutcome, EvidenceRecord } from '../knowledge/types';
import { ownTable } from '../ownTable';

/** Fields the schema allows that the knowledge types do not list (read defensively). */
export interface EvidenceRecordExtras {
  readonly treatmentCourses?: number;
  readonly levelNote?: string;
  readonly caveats?: readonly string[];
}
export type FullEvidenceRecord = EvidenceRecord & EvidenceRecordExtras;

export type EvidenceSort = 'level' | 'size' | 'year';
export const EVIDENCE_SORTS: readonly EvidenceSort[] = ['level', 'size', 'year'];
export const SORT_LABELS: Readonly<Record<EvidenceSort, string>> = {
  level: 'evidence level', size: 'number of patients', year: 'year',
};

/** Classes shown first, in this order; every other class follows in the data file's order. */
export const LEADING_CLASSES: readonly string[] = ['il6', 'jak'];

export const DESIGN_LABELS: Readonly<Record<string, string>> = ownTable({
  'randomised-trial': 'Randomised trial',
  'prospective-cohort': 'Prospective cohort',
  'retrospective-cohort': 'Retrospective cohort',
  'case-series': 'Case series',
  'case-report': 'Case report',
  'systematic-review': 'Systematic review',
  registry: 'Registry',
});

export function designLabel(design: string): string {
  return DESIGN_LABELS[design] ?? design.replace(/-/g, ' ').replace(/^./, c => c.toUpperCase());
}

/** Patients given a therapy, summed over records; records that do not report the number are counted apart. */
export interface PatientCount {
  readonly reported: number;
  readonly notReported: number;
}

/** Studies with figures abstracted, and studies only listed (their figures are in the paper). */
export interface StudyCount {
  readonly abstracted: number;
  readonly listed: number;
}

export interface DrugGroup {
  /** Stable id: `<class>/<drug>`. */
  readonly id: string;
  readonly classId: string;
  readonly drug: string;
  readonly label: string;
  readonly records: readonly EvidenceRecord[];
  readonly studies: StudyCount;
  readonly patients: PatientCount;
}

export interface ClassGroup {
  readonly id: string;
  readonly info: EvidenceClass;
  readonly drugs: readonly DrugGroup[];
  readonly records: readonly EvidenceRecord[];
  readonly studies: StudyCount;
  readonly patients: PatientCount;
}

/** A record whose study is listed without figures (read the paper for its results). */
export function isListedOnly(r: EvidenceRecord): boolean {
  return r.figures === 'not-abstracted';
}

/** Class ids in display order: leading classes, then the data's classes, then ids only records use. */
export function orderedClassIds(classes: readonly EvidenceClass[], records: readonly EvidenceRecord[]): string[] {
  const ids: string[] = [];
  const add = (id: string) => { if (!ids.includes(id)) ids.push(id); };
  const known = new Set([...classes.map(c => c.id), ...records.map(r => r.class)]);
  for (const id of LEADING_CLASSES) if (known.has(id)) add(id);
  for (const c of classes) add(c.id);
  for (const r of records) add(r.class);
  return ids;
}

export function countPatients(records: readonly EvidenceRecord[]): PatientCount {
  let reported = 0;
  let notReported = 0;
  for (const r of records) {
    if (typeof r.patients === 'number') reported += r.patients; else notReported += 1;
  }
  return { reported, notReported };
}

/** Distinct studies; one with any abstracted record here counts as abstracted. */
export function countStudies(records: readonly EvidenceRecord[]): StudyCount {
  const abstracted = new Set<string>();
  const all = new Set<string>();
  for (const r of records) {
    all.add(r.study);
    if (!isListedOnly(r)) abstracted.add(r.study);
  }
  return { abstracted: abstracted.size, listed: all.size - abstracted.size };
}

const LEVEL_RANK: Readonly<Record<string, number>> = ownTable({ A: 0, B: 1, C: 2, D: 3 });
const levelRank = (r: EvidenceRecord) => LEVEL_RANK[r.evidenceLevel] ?? 9;
const size = (r: EvidenceRecord) => r.patients ?? (r as FullEvidenceRecord).treatmentCourses ?? -1;
const year = (r: EvidenceRecord) => r.year ?? 0;

/** Compares records for a sort: level A first, largest first, or newest first; ties broken by the others, then id. */
export function compareRecords(sort: EvidenceSort): (a: EvidenceRecord, b: EvidenceRecord) => number {
  const byLevel = (a: EvidenceRecord, b: EvidenceRecord) => levelRank(a) - levelRank(b);
  const bySize = (a: EvidenceRecord, b: EvidenceRecord) => size(b) - size(a);
  const byYear = (a: EvidenceRecord, b: EvidenceRecord) => year(b) - year(a);
  const order = sort === 'size' ? [bySize, byLevel, byYear] : sort === 'year' ? [byYear, byLevel, bySize] : [byLevel, bySize, byYear];
  return (a, b) => {
    for (const f of order) {
      const d = f(a, b);
      if (d !== 0) return d;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * Groups records by class and drug. Classes without records are left out; drugs within a class are
 * ordered by their best record under `sort`, then in the class's own drug order.
 */
export function groupEvidence(classes: readonly EvidenceClass[], records: readonly EvidenceRecord[], sort: EvidenceSort = 'level'): ClassGroup[] {
  const compare = compareRecords(sort);
  const infoById = new Map(classes.map(c => [c.id, c]));
  const groups: ClassGroup[] = [];
  for (const classId of orderedClassIds(classes, records)) {
    const inClass = records.filter(r => r.class === classId).sort(compare);
    if (inClass.length === 0) continue;
    const info = infoById.get(classId) ?? { id: classId, name: classId };
    const byDrug = new Map<string, EvidenceRecord[]>();
    for (const r of inClass) {
      const list = byDrug.get(r.drug);
      if (list) list.push(r); else byDrug.set(r.drug, [r]);
    }
    const drugOrder = info.drugs ?? [];
    const rank = (drug: string) => { const i = drugOrder.indexOf(drug); return i < 0 ? drugOrder.length : i; };
    const drugs: DrugGroup[] = [...byDrug.entries()]
      .sort(([da, ra], [db, rb]) => compare(ra[0], rb[0]) || rank(da) - rank(db) || da.localeCompare(db))
      .map(([drug, rs]) => ({
        id: `${classId}/${drug}`, classId, drug, label: rs[0].drugLabel, records: rs,
        studies: countStudies(rs), patients: countPatients(rs),
      }));
    groups.push({ id: classId, info, drugs, records: inClass, studies: countStudies(inClass), patients: countPatients(inClass) });
  }
  return groups;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "2 studies · 36 patients", "1 study · 15 patients (n not reported in 1 record)",
 * "2 studies (1 without figures) · 15 patients (n not reported in 1 record)".
 */
export function describeCounts(studies: StudyCount, patients: PatientCount): string {
  const total = studies.abstracted + studies.listed;
  const parts = [plural(total, 'study', 'studies') + (studies.listed > 0 ? ` (${studies.listed} without figures)` : '')];
  if (patients.reported > 0 || patients.notReported === 0) parts.push(plural(patients.reported, 'patient'));
  let text = parts.join(' · ');
  if (patients.notReported > 0) text += ` (n not reported in ${plural(patients.notReported, 'record')})`;
  return text;
}

/** Patients (or treatment courses) given the therapy in the study, as reported. */
export function describeTreated(r: EvidenceRecord): string {
  const courses = (r as FullEvidenceRecord).treatmentCourses;
  if (typeof r.patients === 'number') {
    return `n=${r.patients}` + (typeof courses === 'number' ? ` (${plural(courses, 'course')})` : '');
  }
  if (typeof courses === 'number') return plural(courses, 'treatment course');
  return 'number treated not reported';
}

/** Whether an outcome has both counts, so a rate can be shown. */
export function hasCounts(o: EvidenceOutcome): o is EvidenceOutcome & { responders: number; denominator: number } {
  return typeof o.responders === 'number' && typeof o.denominator === 'number' && o.denominator > 0;
}

/** What a listed study's row says instead of a result. */
export const NOT_ABSTRACTED = 'figures not abstracted — open the paper';

/** Denominators below this are marked as small wherever a rate is shown (a 4/4 is not a 100% cohort). */
export const SMALL_DENOMINATOR = 5;

/** The outcome to show on a study's row: the first with counts, else the first. */
export function headlineOutcome(r: EvidenceRecord): EvidenceOutcome | undefined {
  const outcomes = r.outcomes ?? [];
  return outcomes.find(hasCounts) ?? outcomes[0];
}

/** An outcome's result as the source states it, with its counts and time point when the text lacks them. */
export function outcomeText(o: EvidenceOutcome): string {
  let text = o.result.trim().replace(/\.$/, '');
  if (hasCounts(o) && !text.includes(`${o.responders}/${o.denominator}`)) text += ` (${o.responders}/${o.denominator})`;
  if (o.timepoint?.trim()) text += ` (${o.timepoint.trim()})`;
  return text;
}

/** "Boyadzhieva 2023": the first author's family name and the year; the study key when no author is known. */
export function studyLabel(familyNames: readonly string[], year: number | string | undefined, key: string): string {
  const first = familyNames[0];
  if (!first) return year ? `${key} (${year})` : key;
  return year ? `${first} ${year}` : first;
}

/** A drug label for running text: "Tocilizumab" → "tocilizumab", "JAK inhibitors (class-level)" → "JAK inhibitors". */
export function drugInText(label: string): string {
  const base = label.replace(/\s*\(class-level\)\s*$/i, '').trim();
  return /^\p{Lu}\p{Ll}/u.test(base) ? base.charAt(0).toLowerCase() + base.slice(1) : base;
}
