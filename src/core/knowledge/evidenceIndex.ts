import type { EvidenceClass, EvidenceFile, EvidenceGuidance, EvidenceRecord } from './types';

/** The therapy evidence, indexed by drug, class and study. */
export class EvidenceIndex {
  readonly classes: readonly EvidenceClass[];
  readonly records: readonly EvidenceRecord[];
  readonly levels: Readonly<Record<string, string>>;
  /** Guidance documents the dataset lists. */
  readonly guidance: readonly EvidenceGuidance[];
  /** When the dataset was last reviewed (YYYY-MM-DD), if it says. */
  readonly reviewed: string | undefined;
  private readonly byDrug = new Map<string, EvidenceRecord[]>();
  private readonly byClass = new Map<string, EvidenceRecord[]>();
  private readonly byStudy = new Map<string, EvidenceRecord[]>();
  private readonly classById = new Map<string, EvidenceClass>();

  constructor(file: EvidenceFile) {
    this.classes = file.classes;
    this.records = file.records;
    this.levels = file.evidenceLevels;
    this.guidance = file.guidance ?? [];
    this.reviewed = file.provenance?.lastReviewed;
    for (const c of file.classes) this.classById.set(c.id, c);
    for (const r of file.records) {
      push(this.byDrug, r.drug.toLowerCase(), r);
      push(this.byDrug, r.drugLabel.toLowerCase(), r);
      push(this.byClass, r.class, r);
      push(this.byStudy, r.study, r);
    }
  }

  /** Records for a drug, by id or label, case-insensitive ("Tocilizumab", "tocilizumab"). */
  forDrug(drug: string): readonly EvidenceRecord[] {
    return [...new Set(this.byDrug.get(drug.toLowerCase()) ?? [])];
  }

  forClass(classId: string): readonly EvidenceRecord[] {
    return this.byClass.get(classId) ?? [];
  }

  forStudy(key: string): readonly EvidenceRecord[] {
    return this.byStudy.get(key) ?? [];
  }

  classInfo(classId: string): EvidenceClass | undefined {
    return this.classById.get(classId);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}
