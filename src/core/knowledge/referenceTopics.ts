/**
 * What the bundled evidence says each study is about — its drugs, their classes and targets — as
 * words the reference search finds it by: "ruxolitinib" finds the studies that report on it, even
 * when neither the title nor the keywords name the drug.
 */
import type { EvidenceFile } from './types';

export function referenceTopics(evidence: EvidenceFile): Map<string, string> {
  const classes = new Map(evidence.classes.map(c => [c.id, c]));
  const words = new Map<string, Set<string>>();
  const add = (study: string, ...topics: Array<string | undefined>) => {
    let set = words.get(study);
    if (!set) words.set(study, set = new Set());
    for (const topic of topics) if (topic) set.add(topic);
  };
  // Labels without their notes ("IL-6 inhibitors (class-level)"), and no catch-all targets ("Various"):
  // only words a search for the therapy would use.
  const label = (s: string | undefined) => s?.replace(/\s*\([^)]*\)/g, '').trim();
  const target = (s: string | undefined) => (s && !/^various$/i.test(s.trim()) ? label(s) : undefined);
  for (const r of evidence.records) {
    const c = classes.get(r.class);
    add(r.study, label(r.drugLabel), c?.name, target(c?.target));
  }
  for (const c of evidence.classes) for (const s of c.summary ?? []) for (const study of s.studies) add(study, c.name, target(c.target));
  return new Map([...words].map(([study, set]) => [study, [...set].join('; ')]));
}
