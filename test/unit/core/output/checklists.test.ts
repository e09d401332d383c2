import * as assert from 'assert';
import { assessChecklist, CARE, checklistFor, STROBE } from '../../../../src/core/output/checklists';

describe('core/output: reporting checklists', () => {
  it('carry the official item numbers: CARE 1-13, STROBE 1-22', () => {
    assert.deepStrictEqual(CARE.items.map(i => i.id), Array.from({ length: 13 }, (_, i) => String(i + 1)));
    assert.deepStrictEqual(STROBE.items.map(i => i.id), Array.from({ length: 22 }, (_, i) => String(i + 1)));
    assert.deepStrictEqual([CARE.items[6].topic, STROBE.items[8].topic, STROBE.items[21].topic], ['Timeline', 'Bias', 'Funding']);
  });

  it('choose CARE for a case report and STROBE otherwise, and point to where an item appears addressed', () => {
    assert.strictEqual(checklistFor('---\ntitle: VEXAS in a woman: a case report\n---').id, 'care');
    assert.strictEqual(checklistFor('# A French multicentre retrospective cohort of VEXAS').id, 'strobe');
    const text = 'Intro\n\n## Limitations\n\nSmall n.\n\nFunding: none.';
    const assessed = assessChecklist(STROBE, text, [{ title: 'Limitations', start: 7 }]);
    assert.strictEqual(assessed.find(a => a.item.id === '19')?.where, 'section "Limitations"');
    assert.strictEqual(assessed.find(a => a.item.id === '22')?.where, 'line 7 ("funding")');
    assert.strictEqual(assessed.find(a => a.item.id === '10')?.where, undefined);
  });
});
