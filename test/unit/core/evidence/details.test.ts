import * as assert from 'assert';
import { chartPoints, renderChart, renderDetailsBody, type DetailsInput } from '../../../../src/core/evidence';
import type { EvidenceRecord } from '../../../../src/core/knowledge';
import { RECORDS } from './fixtures';

const label = (key: string) => ({ smith2022tocilizumab: 'Smith 2022', jones2023ruxolitinib: 'Jones 2023' } as Record<string, string>)[key] ?? key;

function input(records: readonly EvidenceRecord[]): DetailsInput {
  return {
    title: 'JAK <inhibitors>', target: 'JAK & STAT', records, studyLabel: label,
    reference: key => (key === 'jones2023ruxolitinib' ? 'Jones C. "VEXAS" <b>registry</b>. 2023.' : undefined),
    levels: { A: 'Trials', B: 'Cohorts', C: 'Small', D: 'Reports', rules: 'not a level' },
  };
}

describe('core/evidence: details panel body', () => {
  it('makes one chart point per outcome with counts, with a spoken label', () => {
    const points = chartPoints(RECORDS, label);
    assert.deepStrictEqual(points.map(p => `${p.recordId}:${p.responders}/${p.denominator}`),
      ['tocilizumab--smith2022tocilizumab:3/15', 'ruxolitinib--jones2023ruxolitinib:6/12', 'prednisone--kim2021azacitidine:18/20']);
    assert.strictEqual(points[0].label, 'Tocilizumab, Smith 2022: 3/15 (complete response in 3/15, at 3 months), evidence level B');
  });

  it('draws an accessible chart: text labels, counts and level letter beside each marker, a shape per level', () => {
    const html = renderChart(chartPoints(RECORDS, label), 'All');
    assert.match(html, /^<figure class="chart" aria-labelledby="chart-caption">/);
    assert.match(html, /<figcaption id="chart-caption" class="visually-hidden">Reported response rates: All\. 3 reported outcomes/);
    assert.match(html, /aria-label="Tocilizumab, Smith 2022: 3\/15 \(complete response in 3\/15, at 3 months\), evidence level B"/);
    assert.match(html, /<span class="rate">3\/15<\/span> <span class="level level-B">B<\/span>/);
    assert.match(html, /<span class="rate">6\/12<\/span> <span class="level level-C">C<\/span>/);
    assert.match(html, /<svg x="20\.00%" y="12" overflow="visible" class="marker level-B"><rect /, 'B is a square at 3/15');
    assert.match(html, /class="marker level-A"><circle /, 'A is a circle');
    assert.match(html, /class="marker level-C"><polygon points="0,-8 8,0 0,8 -8,0"/, 'C is a diamond');
    assert.doesNotMatch(html, /style=/, 'no inline styles (the CSP forbids them)');
    assert.strictEqual(renderChart([], 'none'), '');
  });

  it('marks a denominator under 5: hollow marker, "n = 4" beside it, said aloud', () => {
    const tiny = { ...RECORDS[2], outcomes: [{ result: 'Clinical response in all cases', responders: 4, denominator: 4, where: 'abstract' }] } as EvidenceRecord;
    const points = chartPoints([tiny, RECORDS[0]], label);
    assert.deepStrictEqual(points.map(p => p.small), [true, false]);
    const html = renderChart(points, 'x');
    assert.match(html, /class="marker level-D small"><polygon points="0,-8 8,6 -8,6"/);
    assert.match(html, /<span class="small-n">n = 4<\/span>/);
    assert.match(html, /small denominator \(n = 4\), evidence level D/);
    assert.match(html, /1 with a denominator under 5/);
  });

  it('lists a study without figures: said in the table with a link to the paper, never charted', () => {
    const listed = { ...RECORDS[0], id: 'il6-inhibitors--doe2024listed', study: 'doe2024listed', outcomes: [], figures: 'not-abstracted',
      figuresNote: 'The results section was not readable.' } as EvidenceRecord;
    const html = renderDetailsBody({ ...input([RECORDS[0], listed]), link: k => (k === 'doe2024listed' ? 'https://doi.org/10.1/x' : undefined), reviewed: '2026-11-30' });
    assert.match(html, /2 studies \(1 without figures\) · 68 patients in the VEXAS evidence dataset \(reviewed 2026-11-30\)/);
    assert.match(html, /<tr data-record="il6-inhibitors--doe2024listed" class="listed-row">/);
    assert.match(html, /<strong>Figures not abstracted<\/strong> — <a href="https:\/\/doi\.org\/10\.1\/x">open the paper<\/a>/);
    assert.match(html, /The results section was not readable\./);
    assert.strictEqual(chartPoints([listed], label).length, 0);
    assert.match(html, /One study is listed without figures/);
  });

  it('renders an escaped, captioned table with row headers and buttons per study', () => {
    const hostile = { ...RECORDS[1], drugLabel: '<script>alert(1)</script>', id: 'x"><b>--y2020z' } as EvidenceRecord;
    const html = renderDetailsBody(input([hostile, RECORDS[2]]));
    assert.doesNotMatch(html, /<script>|<b>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<h1>JAK &lt;inhibitors&gt;<\/h1>/);
    assert.match(html, /Target: JAK &amp; STAT/);
    assert.match(html, /<caption>Studies of JAK &lt;inhibitors&gt; in the VEXAS evidence dataset, by evidence level<\/caption>/);
    assert.match(html, /<th scope="col">Therapy<\/th>/);
    assert.match(html, /<th scope="row">&lt;script&gt;/);
    assert.match(html, /Jones C\. &quot;VEXAS&quot; &lt;b&gt;registry&lt;\/b&gt;/);
    assert.match(html, /<button type="button" data-action="insertCitation" data-record="x&quot;&gt;&lt;b&gt;--y2020z"/);
    assert.match(html, /data-action="insertSentence" data-record="baricitinib--lee2024baricitinib" aria-label="Insert evidence sentence for lee2024baricitinib \(Baricitinib\)"/);
    assert.strictEqual(html.match(/<tr data-record=/g)?.length, 2);
    assert.match(html, /role="status" aria-live="polite"/);
    assert.doesNotMatch(html, /not a level/, 'only the A–D levels are listed');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style=/);
  });

  it('says when no study reports counts', () => {
    const html = renderDetailsBody(input([RECORDS[2]]));
    assert.match(html, /No study here reports both responders and a denominator/);
    assert.doesNotMatch(html, /class="chart"/);
  });
});
