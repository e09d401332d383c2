import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceClass, EvidenceFile, EvidenceRecord } from '../../../../src/core/knowledge';

const DATA = path.resolve(__dirname, '../../../../../data');

/** The shipped data/evidence.json (read at run time: the dataset grows). */
export function shippedEvidence(): EvidenceFile {
  return JSON.parse(fs.readFileSync(path.join(DATA, 'evidence.json'), 'utf8')) as EvidenceFile;
}

export const CLASSES: EvidenceClass[] = [
  { id: 'glucocorticoids', name: 'Glucocorticoids', target: 'GR', drugs: ['prednisone'] },
  { id: 'jak', name: 'JAK inhibitors', target: 'JAK', drugs: ['ruxolitinib', 'baricitinib'] },
  { id: 'hma', name: 'Hypomethylating agents', target: 'DNMT', drugs: ['azacitidine'] },
  { id: 'il6', name: 'IL-6 inhibitors', target: 'IL-6 receptor', drugs: ['tocilizumab'] },
];

const base = { sourcesSeen: [], where: 'abstract' };

/** A synthetic dataset: every optional field present somewhere and absent somewhere. */
export const RECORDS: EvidenceRecord[] = [
  {
    ...base, id: 'tocilizumab--smith2022tocilizumab', drug: 'tocilizumab', drugLabel: 'Tocilizumab', class: 'il6', target: 'IL-6R',
    study: 'smith2022tocilizumab', year: 2022, design: 'retrospective-cohort', multicentre: true, patients: 34,
    population: { description: 'French multicentre cohort', genotypes: ['p.Met41Thr'] },
    outcomes: [{ definition: 'CRP < 10 mg/L and prednisone ≤ 10 mg/day', result: 'complete response in 3/15', responders: 3, denominator: 15, timepoint: 'at 3 months', where: 'abstract' }],
    evidenceLevel: 'B',
  } as EvidenceRecord,
  {
    ...base, id: 'ruxolitinib--jones2023ruxolitinib', drug: 'ruxolitinib', drugLabel: 'Ruxolitinib', class: 'jak', target: 'JAK1/2',
    study: 'jones2023ruxolitinib', year: 2023, design: 'registry', patients: 12,
    population: { description: 'Registry; patients with MDS', mds: '5/12 with MDS' },
    outcomes: [
      { definition: 'Clinical response', result: 'Response_rate 50% & more', responders: 6, denominator: 12, where: 'table 2' },
      { definition: 'Glucocorticoid dose', result: 'Dose reduced in most patients.', where: 'results text' },
    ],
    evidenceLevel: 'C',
  } as EvidenceRecord,
  {
    ...base, id: 'baricitinib--lee2024baricitinib', drug: 'baricitinib', drugLabel: 'Baricitinib', class: 'jak', target: 'JAK1/2',
    study: 'lee2024baricitinib', year: 2024, design: 'case-report', patients: 1,
    population: { description: 'One man' },
    outcomes: [],
    evidenceLevel: 'D',
  } as EvidenceRecord,
  {
    ...base, id: 'azacitidine--kim2021azacitidine', drug: 'azacitidine', drugLabel: 'Azacitidine', class: 'hma', target: 'DNMT',
    study: 'kim2021azacitidine', year: 2021, design: 'prospective-cohort',
    population: { description: 'Patients with VEXAS and MDS', mds: 'all with MDS' },
    outcomes: [{ definition: 'Not stated', result: 'Responses were seen (number not stated)', where: 'abstract' }],
    evidenceLevel: 'C',
  } as EvidenceRecord,
  {
    ...base, id: 'prednisone--kim2021azacitidine', drug: 'prednisone', drugLabel: 'Prednisone', class: 'glucocorticoids', target: 'GR',
    study: 'kim2021azacitidine', year: 2021, design: 'prospective-cohort', patients: 20,
    outcomes: [{ definition: 'x', result: 'Steroid dependence in 18/20', responders: 18, denominator: 20, where: 'abstract' }],
    evidenceLevel: 'A',
  } as EvidenceRecord,
];
