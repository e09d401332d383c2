import * as assert from 'assert';
import {
  compareRecords, countPatients, describeCounts, drugInText, groupEvidence, headlineOutcome, LEADING_CLASSES, orderedClassIds, outcomeText, studyLabel,
} from '../../../../src/core/evidence';
import type { EvidenceRecord } from '../../../../src/core/knowledge';
import { CLASSES, RECORDS, shippedEvidence } from './fixtures';

describe('core/evidence: grouping and ordering', () => {
  it('puts IL-6 and JAK inhibitors first, then the data order', () => {
    assert.deepStrictEqual(orderedClassIds(CLASSES, RECORDS), ['il6', 'jak', 'glucocorticoids', 'hma']);
    const groups = groupEvidence(CLASSES, RECORDS);
    assert.deepStrictEqual(groups.map(g => g.id), ['il6', 'jak', 'glucocorticoids', 'hma']);
  });

  it('groups class → drug → study with counts of studies and patients', () => {
    const jak = groupEvidence(CLASSES, RECORDS).find(g => g.id === 'jak');
    assert.ok(jak);
    assert.deepStrictEqual(jak.drugs.map(d => [d.id, d.records.map(r => r.id)]), [
      ['jak/ruxolitinib', ['ruxolitinib--jones2023ruxolitinib']],
      ['jak/baricitinib', ['baricitinib--lee2024baricitinib']],
    ]);
    assert.deepStrictEqual(jak.studies, { abstracted: 2, listed: 0 });
    assert.deepStrictEqual(jak.patients, { reported: 13, notReported: 0 });
    assert.strictEqual(describeCounts(jak.studies, jak.patients), '2 studies · 13 patients');
    const hma = groupEvidence(CLASSES, RECORDS).find(g => g.id === 'hma');
    assert.ok(hma);
    assert.strictEqual(describeCounts(hma.studies, hma.patients), '1 study (n not reported in 1 record)');
    const listed = { ...RECORDS[2], id: 'baricitinib--doe2024listed', study: 'doe2024listed', patients: undefined, outcomes: [], figures: 'not-abstracted' } as EvidenceRecord;
    const withListed = groupEvidence(CLASSES, [...RECORDS, listed]).find(g => g.id === 'jak');
    assert.ok(withListed);
    assert.deepStrictEqual(withListed.studies, { abstracted: 2, listed: 1 });
    assert.strictEqual(describeCounts(withListed.studies, withListed.patients), '3 studies (1 without figures) · 13 patients (n not reported in 1 record)');
  });

  it('sorts by evidence level, size or year', () => {
    const ids = (sort: 'level' | 'size' | 'year') => [...RECORDS].sort(compareRecords(sort)).map(r => r.id.split('--')[0]);
    assert.deepStrictEqual(ids('level'), ['prednisone', 'tocilizumab', 'ruxolitinib', 'azacitidine', 'baricitinib']);
    assert.deepStrictEqual(ids('size'), ['tocilizumab', 'prednisone', 'ruxolitinib', 'baricitinib', 'azacitidine']);
    assert.deepStrictEqual(ids('year'), ['baricitinib', 'ruxolitinib', 'tocilizumab', 'prednisone', 'azacitidine']);
    const jakBySize = groupEvidence(CLASSES, RECORDS, 'year').find(g => g.id === 'jak');
    assert.deepStrictEqual(jakBySize?.drugs.map(d => d.drug), ['baricitinib', 'ruxolitinib']);
  });

  it('keeps every shipped class with records, IL-6 and JAK first, and every record exactly once', () => {
    const data = shippedEvidence();
    const groups = groupEvidence(data.classes, data.records);
    const withRecords = new Set(data.records.map(r => r.class));
    assert.deepStrictEqual(groups.map(g => g.id).slice(0, 2), LEADING_CLASSES.filter(c => withRecords.has(c)));
    assert.deepStrictEqual(new Set(groups.map(g => g.id)), withRecords);
    const seen = groups.flatMap(g => g.drugs.flatMap(d => d.records.map(r => r.id)));
    assert.deepStrictEqual([...seen].sort(), data.records.map(r => r.id).sort());
    for (const g of groups) {
      assert.deepStrictEqual(g.patients, countPatients(data.records.filter(r => r.class === g.id)));
    }
  });

  it('labels studies, drugs and outcomes from the data', () => {
    assert.strictEqual(studyLabel(['Boyadzhieva', 'Ruffer'], 2023, 'boyadzhieva2023how'), 'Boyadzhieva 2023');
    assert.strictEqual(studyLabel([], undefined, 'x2020y'), 'x2020y');
    assert.strictEqual(drugInText('Tocilizumab'), 'tocilizumab');
    assert.strictEqual(drugInText('JAK inhibitors (class-level)'), 'JAK inhibitors');
    assert.strictEqual(drugInText('IL-6 inhibitors'), 'IL-6 inhibitors');
    assert.strictEqual(headlineOutcome(RECORDS[1])?.result, 'Response_rate 50% & more');
    assert.strictEqual(outcomeText(RECORDS[0].outcomes![0]), 'complete response in 3/15 (at 3 months)');
    assert.strictEqual(outcomeText(RECORDS[1].outcomes![0]), 'Response_rate 50% & more (6/12)');
    assert.strictEqual(outcomeText(RECORDS[1].outcomes![1]), 'Dose reduced in most patients');
  });
});
