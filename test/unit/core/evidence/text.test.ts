import * as assert from 'assert';
import {
  blockPadding, drugInText, evidenceTable, formatCitation, inlinePadding, recordsSentences, resultInSentence, studySentence,
} from '../../../../src/core/evidence';
import type { EvidenceRecord } from '../../../../src/core/knowledge';
import { CLASSES, RECORDS, shippedEvidence } from './fixtures';

const md = { syntax: 'markdown' } as const;
const tex = { syntax: 'latex', latexCommand: 'parencite' } as const;

describe('core/evidence: sentences and tables', () => {
  it('formats citations in both syntaxes', () => {
    assert.strictEqual(formatCitation(['a2020b', 'c2021d'], md), '[@a2020b; @c2021d]');
    assert.strictEqual(formatCitation(['a2020b', 'c2021d'], tex), '\\parencite{a2020b,c2021d}');
    assert.strictEqual(formatCitation(['odd key'], md), '[@{odd key}]');
    assert.strictEqual(formatCitation(['a'], { syntax: 'latex' }), '\\cite{a}');
  });

  it('writes a study sentence from the data alone, in Markdown and LaTeX', () => {
    assert.deepStrictEqual(studySentence(RECORDS[0], md), {
      text: 'In a multicentre retrospective cohort, 34 patients were treated with tocilizumab; reported result: ' +
        'complete response in 3/15 (at 3 months) [@smith2022tocilizumab].',
      keys: ['smith2022tocilizumab'],
    });
    assert.strictEqual(studySentence(RECORDS[1], tex).text,
      'In a registry study, 12 patients were treated with ruxolitinib; reported results: response\\_rate 50\\% \\& more (6/12); ' +
      'dose reduced in most patients \\parencite{jones2023ruxolitinib}.');
    assert.strictEqual(studySentence(RECORDS[1], md).text,
      'In a registry study, 12 patients were treated with ruxolitinib; reported results: response\\_rate 50% & more (6/12); ' +
      'dose reduced in most patients [@jones2023ruxolitinib].');
  });

  it('says what is missing instead of inventing it', () => {
    assert.strictEqual(studySentence(RECORDS[2], md).text,
      'In a case report, 1 patient was treated with baricitinib; no outcome figures recorded [@lee2024baricitinib].');
    assert.strictEqual(studySentence(RECORDS[3], md).text,
      'In a prospective cohort, patients were treated with azacitidine (number treated not reported); ' +
      'reported result: responses were seen (number not stated) [@kim2021azacitidine].');
    const courses = { ...RECORDS[3], treatmentCourses: 9 } as EvidenceRecord;
    assert.match(studySentence(courses, md).text, /9 treatment courses of azacitidine were given;/);
  });

  it('reads as one sentence: no capital mid-sentence, the drug not named twice', () => {
    const rux = { ...RECORDS[2], drugLabel: 'Ruxolitinib', patients: 4,
      outcomes: [{ result: 'Clinical response in all cases treated with ruxolitinib (4/4, 100%)', responders: 4, denominator: 4, where: 'abstract' }] } as EvidenceRecord;
    assert.strictEqual(studySentence(rux, md).text,
      'In a case report, 4 patients were treated with ruxolitinib; reported result: clinical response in all cases (4/4, 100%) [@lee2024baricitinib].');
    assert.strictEqual(resultInSentence('CR 3/15 (20%)', 'tocilizumab'), 'CR 3/15 (20%)', 'abbreviations keep their capitals');
    assert.strictEqual(resultInSentence('IL-6 levels fell', 'x'), 'IL-6 levels fell');
  });

  it('says which studies are listed without figures, in sentences and tables', () => {
    const listed = { ...RECORDS[2], patients: undefined, outcomes: [], figures: 'not-abstracted' } as EvidenceRecord;
    assert.strictEqual(studySentence(listed, md).text,
      'In a case report, patients were treated with baricitinib (number treated not reported); ' +
      'its results are not abstracted in the VEXAS evidence dataset (see the paper) [@lee2024baricitinib].');
    const table = evidenceTable([listed], md).text;
    assert.match(table, /\| not abstracted \(see the paper\) \|/);
    assert.match(table, /listed without figures: see the papers\./);
  });

  it('joins a drug\'s studies, citing each', () => {
    const both = recordsSentences([RECORDS[1], RECORDS[2]], md);
    assert.deepStrictEqual(both.keys, ['jones2023ruxolitinib', 'lee2024baricitinib']);
    assert.strictEqual(both.text, `${studySentence(RECORDS[1], md).text} ${studySentence(RECORDS[2], md).text}`);
  });

  it('never adds evaluative claims, and quotes each result as the data states it', () => {
    const data = shippedEvidence();
    for (const r of [...RECORDS, ...data.records]) {
      const text = studySentence(r, md).text;
      const template = text.split(/; (?:reported results?:|no outcome figures)/)[0];
      assert.doesNotMatch(template, /\b(effective|efficacy|safe|safety|superior|promising|beneficial|successful)\b/i, text);
      for (const o of r.outcomes ?? []) {
        const plain = text.replace(/\\(.)/g, '$1');
        const quoted = resultInSentence(o.result.trim().replace(/\.$/, ''), drugInText(r.drugLabel));
        assert.ok(plain.includes(quoted), `"${o.result}" is quoted in "${text}"`);
        for (const n of o.result.match(/\d+(?:\.\d+)?/g) ?? []) assert.ok(plain.includes(n), `${n} of "${o.result}" is in "${text}"`);
      }
    }
  });

  it('states only numbers from the record, for every shipped record', () => {
    const data = shippedEvidence();
    const numbersIn = (text: string) => text.match(/\d+(?:\.\d+)?/g) ?? [];
    for (const r of data.records) {
      const allowed = new Set(numbersIn(JSON.stringify({ ...r, sourcesSeen: undefined })));
      for (const format of [md, tex]) {
        const text = studySentence(r, format).text.replace(/\[@[^\]]*\]|\\parencite\{[^}]*\}/g, '');
        for (const n of numbersIn(text)) assert.ok(allowed.has(n), `${n} in "${text}" comes from ${r.id}`);
      }
    }
  });

  it('writes a Markdown pipe table with escaped cells and a caption', () => {
    const table = evidenceTable([RECORDS[1], RECORDS[2]], { ...md, classInfo: CLASSES[1] });
    assert.deepStrictEqual(table.keys, ['jones2023ruxolitinib', 'lee2024baricitinib']);
    assert.strictEqual(table.text, [
      '| Therapy | Study | Design | Patients | Reported results | Level |',
      '| --- | --- | --- | ---: | --- | --- |',
      '| Ruxolitinib | [@jones2023ruxolitinib] | Registry | 12 | Response\\_rate 50% & more (6/12); Dose reduced in most patients | C |',
      '| Baricitinib | [@lee2024baricitinib] | Case report | 1 | no outcome figures recorded | D |',
      '',
      'Table: Published treatment evidence for JAK inhibitors in VEXAS syndrome. Patients: number given the therapy in the study; ' +
        'n.r., not reported. Level: evidence level A–D of the VEXAS evidence dataset.',
      '',
    ].join('\n'));
    const piped = { ...RECORDS[3], outcomes: [{ result: 'a | b', where: 'abstract' }] } as EvidenceRecord;
    assert.match(evidenceTable([piped], md).text, /\| a \\\| b \|/);
    assert.match(evidenceTable([piped], md).text, /\| n\.r\. \|/);
  });

  it('writes a LaTeX table with escaped cells', () => {
    const table = evidenceTable([RECORDS[1]], { ...tex, classInfo: CLASSES[1] });
    assert.strictEqual(table.text, [
      '\\begin{table}[htbp]',
      '\\centering',
      '\\caption{Published treatment evidence for JAK inhibitors in VEXAS syndrome. Patients: number given the therapy in the study; ' +
        'n.r., not reported. Level: evidence level A–D of the VEXAS evidence dataset.}',
      '\\label{tab:vexas-evidence-jak}',
      '\\begin{tabular}{p{2.6cm}p{2.2cm}p{2.2cm}p{1.4cm}p{5cm}l}',
      '\\hline',
      'Therapy & Study & Design & Patients & Reported results & Level \\\\',
      '\\hline',
      'Ruxolitinib & \\parencite{jones2023ruxolitinib} & Registry & 12 & Response\\_rate 50\\% \\& more (6/12); Dose reduced in most patients & C \\\\',
      '\\hline',
      '\\end{tabular}',
      '\\end{table}',
      '',
    ].join('\n'));
  });

  it('pads inserted text', () => {
    assert.deepStrictEqual(inlinePadding('word', ''), { prefix: ' ', suffix: '' });
    assert.deepStrictEqual(inlinePadding('word ', 'next'), { prefix: '', suffix: ' ' });
    assert.deepStrictEqual(inlinePadding('(', '.'), { prefix: '', suffix: '' });
    assert.deepStrictEqual(blockPadding('text', 'more'), { prefix: '\n\n', suffix: '\n' });
    assert.deepStrictEqual(blockPadding('text\n\n', '\n\nmore'), { prefix: '', suffix: '' });
    assert.deepStrictEqual(blockPadding('', ''), { prefix: '', suffix: '' });
  });
});
