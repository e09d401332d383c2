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
    assert.strictEqual(points[0].label, 'Tocilizumab, Smith 2022: 3/15 (complete response in 3/15, at 3 months)');
  });

  it('draws an accessible SVG chart with denominators beside each dot', () => {
    const svg = renderChart(chartPoints(RECORDS, label), 'All');
    assert.match(svg, /^<svg class="chart" role="img" aria-labelledby="chart-title chart-desc"/);
    assert.match(svg, /<title id="chart-title">Reported response rates: All<\/title>/);
    assert.match(svg, /<desc id="chart-desc">3 reported outcomes/);
    assert.match(svg, /aria-label="Tocilizumab, Smith 2022: 3\/15 \(complete response in 3\/15, at 3 months\)"/);
    assert.match(svg, />3\/15 · B</);
    assert.match(svg, />6\/12 · C</);
    assert.doesNotMatch(svg, /style=/, 'no inline styles (the CSP forbids them)');
    assert.strictEqual(renderChart([], 'none'), '');
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
    assert.doesNotMatch(html, /<svg/);
  });
});
