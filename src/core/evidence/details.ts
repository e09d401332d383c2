/**
 * The body of the evidence details panel: a dot chart of reported response rates (responders over
 * denominator, per outcome and study, drawn as inline SVG) and a table of the studies with buttons
 * to cite them. Every string from the data is escaped; colours come from CSS classes the panel's
 * stylesheet maps to VS Code theme variables (a strict CSP forbids inline styles).
 */
import type { EvidenceRecord } from '../knowledge/types';
import { escapeHtml } from './escape';
import {
  compareRecords, countPatients, countStudies, describeCounts, describeTreated, designLabel, hasCounts, type FullEvidenceRecord,
} from './model';

export interface DetailsInput {
  /** "IL-6 inhibitors" or "Tocilizumab". */
  readonly title: string;
  /** What it targets, shown under the title. */
  readonly target?: string;
  readonly records: readonly EvidenceRecord[];
  /** "Boyadzhieva 2023" for a study key. */
  readonly studyLabel: (studyKey: string) => string;
  /** The formatted reference of a study key, when the library has it. */
  readonly reference: (studyKey: string) => string | undefined;
  /** Evidence level letter → definition (the data file's evidenceLevels). */
  readonly levels: Readonly<Record<string, string>>;
  /** The class's summary statements, each with its studies. */
  readonly summary?: ReadonlyArray<{ readonly text: string; readonly studies: readonly string[] }>;
}

/** One dot of the chart. */
export interface ChartPoint {
  readonly recordId: string;
  readonly drug: string;
  readonly study: string;
  readonly level: string;
  readonly result: string;
  readonly responders: number;
  readonly denominator: number;
  /** What a screen reader announces: "Tocilizumab, Boyadzhieva 2023: 3/15 (CR 3/15 (20%))". */
  readonly label: string;
}

export function chartPoints(records: readonly EvidenceRecord[], studyLabel: (key: string) => string): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const r of records) {
    for (const o of r.outcomes ?? []) {
      if (!hasCounts(o)) continue;
      const study = studyLabel(r.study);
      const timepoint = o.timepoint?.trim() ? `, ${o.timepoint.trim()}` : '';
      points.push({
        recordId: r.id, drug: r.drugLabel, study, level: r.evidenceLevel, result: o.result,
        responders: o.responders, denominator: o.denominator,
        label: `${r.drugLabel}, ${study}: ${o.responders}/${o.denominator} (${o.result.trim()}${timepoint})`,
      });
    }
  }
  return points;
}

const CHART = { width: 760, labelWidth: 330, plotWidth: 330, rowHeight: 40, top: 28, bottom: 30 } as const;
const MAX_LABEL = 52;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const levelClass = (level: string) => `level-${/^[A-D]$/.test(level) ? level : 'other'}`;

/** The SVG dot chart; an empty string when no record reports counts. */
export function renderChart(points: readonly ChartPoint[], title: string): string {
  if (points.length === 0) return '';
  const height = CHART.top + points.length * CHART.rowHeight + CHART.bottom;
  const x0 = CHART.labelWidth;
  const xAt = (fraction: number) => x0 + fraction * CHART.plotWidth;
  const maxDen = Math.max(...points.map(p => p.denominator));
  const radius = (d: number) => 4 + 6 * Math.sqrt(d / maxDen);
  const parts: string[] = [];
  const chartTitle = `Reported response rates: ${title}`;
  const desc = `${points.length} reported outcome${points.length === 1 ? '' : 's'} with responders and denominator. ` +
    points.map(p => p.label).join('; ') + '.';
  parts.push(`<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${CHART.width} ${height}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<title id="chart-title">${escapeHtml(chartTitle)}</title>`);
  parts.push(`<desc id="chart-desc">${escapeHtml(desc)}</desc>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = xAt(tick).toFixed(1);
    parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${CHART.top - 6}" y2="${height - CHART.bottom}"/>`);
    parts.push(`<text class="tick" x="${x}" y="${height - CHART.bottom + 16}" text-anchor="middle">${tick * 100}%</text>`);
  }
  parts.push(`<text class="axis-title" x="${xAt(0.5).toFixed(1)}" y="14" text-anchor="middle">responders / denominator</text>`);
  points.forEach((p, i) => {
    const y = CHART.top + i * CHART.rowHeight + CHART.rowHeight / 2;
    const x = xAt(p.responders / p.denominator);
    parts.push(`<g class="row">`);
    parts.push(`<text class="row-label" x="0" y="${y - 4}">${escapeHtml(truncate(`${p.drug} · ${p.study}`, MAX_LABEL))}</text>`);
    parts.push(`<text class="row-detail" x="0" y="${y + 11}">${escapeHtml(truncate(p.result, MAX_LABEL + 8))}</text>`);
    parts.push(`<line class="track" x1="${xAt(0).toFixed(1)}" x2="${xAt(1).toFixed(1)}" y1="${y}" y2="${y}"/>`);
    parts.push(`<circle class="dot ${levelClass(p.level)}" cx="${x.toFixed(1)}" cy="${y}" r="${radius(p.denominator).toFixed(1)}" ` +
      `aria-label="${escapeHtml(p.label)}"><title>${escapeHtml(p.label)}</title></circle>`);
    parts.push(`<text class="rate" x="${(xAt(1) + 14).toFixed(1)}" y="${y + 4}">${p.responders}/${p.denominator} · ${escapeHtml(p.level)}</text>`);
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function outcomesHtml(r: EvidenceRecord): string {
  const outcomes = r.outcomes ?? [];
  if (outcomes.length === 0) return '<p class="muted">No outcome figures recorded.</p>';
  return `<ul class="outcomes">${outcomes.map(o => {
    const details = [
      o.definition ? `Definition: ${o.definition}` : '',
      o.timepoint ? `Time point: ${o.timepoint}` : '',
      hasCounts(o) ? `Responders/denominator: ${o.responders}/${o.denominator}` : '',
      `Source: ${o.where}`,
    ].filter(Boolean);
    return `<li><span class="result">${escapeHtml(o.result)}</span>` +
      `<span class="detail">${details.map(escapeHtml).join('<br>')}</span></li>`;
  }).join('')}</ul>`;
}

function adverseHtml(r: EvidenceRecord): string {
  const events = r.adverseEvents ?? [];
  if (events.length === 0) return '<span class="muted">None recorded</span>';
  return `<ul class="adverse">${events.map(a => `<li>${escapeHtml(a.text)} <span class="detail">(${escapeHtml(a.where)})</span></li>`).join('')}</ul>`;
}

/** The panel's body: header, chart, table, summary and level legend. */
export function renderDetailsBody(input: DetailsInput): string {
  const records = [...input.records].sort(compareRecords('level'));
  const points = chartPoints(records, input.studyLabel);
  const counts = describeCounts(countStudies(records), countPatients(records));
  const out: string[] = [];
  out.push('<header>');
  out.push(`<h1>${escapeHtml(input.title)}</h1>`);
  if (input.target) out.push(`<p class="target">Target: ${escapeHtml(input.target)}</p>`);
  out.push(`<p class="counts">${escapeHtml(counts)} in the VEXAS evidence dataset. Patient counts are summed per therapy record.</p>`);
  out.push('</header>');

  out.push('<section aria-labelledby="chart-heading">');
  out.push('<h2 id="chart-heading">Reported response rates</h2>');
  if (points.length) {
    out.push('<p class="note">One dot per reported outcome with both responders and denominator, placed at responders ÷ denominator; ' +
      'the counts and the evidence level are printed beside it, and larger denominators draw larger dots. ' +
      'Response definitions differ between studies.</p>');
    out.push(renderChart(points, input.title));
  } else {
    out.push('<p class="note">No study here reports both responders and a denominator.</p>');
  }
  out.push('</section>');

  out.push('<section aria-labelledby="table-heading">');
  out.push('<h2 id="table-heading">Studies</h2>');
  out.push('<div class="table-wrap"><table>');
  out.push(`<caption>Studies of ${escapeHtml(input.title)} in the VEXAS evidence dataset, by evidence level</caption>`);
  out.push('<thead><tr>' + ['Therapy', 'Study', 'Design', 'Patients', 'Reported results', 'Adverse events', 'Level', 'Actions']
    .map(h => `<th scope="col">${h}</th>`).join('') + '</tr></thead>');
  out.push('<tbody>');
  for (const r of records) {
    const full = r as FullEvidenceRecord;
    const study = input.studyLabel(r.study);
    const ref = input.reference(r.study);
    const design = designLabel(r.design) + (r.multicentre ? ' (multicentre)' : '');
    const levelText = input.levels[r.evidenceLevel];
    const notes = [full.levelNote, ...(full.caveats ?? [])].filter((n): n is string => !!n);
    const id = escapeHtml(r.id);
    const who = escapeHtml(`${study} (${r.drugLabel})`);
    out.push(`<tr data-record="${id}">`);
    out.push(`<th scope="row">${escapeHtml(r.drugLabel)}</th>`);
    out.push(`<td><span class="study">${escapeHtml(study)}</span>${ref ? `<span class="ref">${escapeHtml(ref)}</span>` : ''}` +
      `<span class="detail">${escapeHtml(r.study)}</span></td>`);
    out.push(`<td>${escapeHtml(design)}</td>`);
    out.push(`<td>${escapeHtml(describeTreated(r))}</td>`);
    out.push(`<td>${outcomesHtml(r)}${notes.map(n => `<p class="detail">${escapeHtml(n)}</p>`).join('')}</td>`);
    out.push(`<td>${adverseHtml(r)}</td>`);
    out.push(`<td><span class="level ${levelClass(r.evidenceLevel)}">${escapeHtml(r.evidenceLevel)}</span>` +
      (levelText ? `<span class="visually-hidden">: ${escapeHtml(levelText)}</span>` : '') + '</td>');
    out.push('<td class="actions">' +
      `<button type="button" data-action="insertCitation" data-record="${id}" aria-label="Insert citation of ${who}">Cite</button>` +
      `<button type="button" data-action="insertSentence" data-record="${id}" aria-label="Insert evidence sentence for ${who}">Sentence</button>` +
      '</td>');
    out.push('</tr>');
  }
  out.push('</tbody></table></div>');
  out.push('</section>');

  if (input.summary?.length) {
    out.push('<section aria-labelledby="summary-heading"><h2 id="summary-heading">Summary statements in the dataset</h2><ul>');
    for (const s of input.summary) {
      out.push(`<li>${escapeHtml(s.text)} <span class="detail">(${s.studies.map(k => escapeHtml(input.studyLabel(k))).join('; ')})</span></li>`);
    }
    out.push('</ul></section>');
  }

  const levels = Object.entries(input.levels).filter(([k]) => /^[A-D]$/.test(k));
  if (levels.length) {
    out.push('<section aria-labelledby="levels-heading"><h2 id="levels-heading">Evidence levels</h2><dl class="levels">');
    for (const [k, v] of levels) out.push(`<dt><span class="level ${levelClass(k)}">${escapeHtml(k)}</span></dt><dd>${escapeHtml(v)}</dd>`);
    out.push('</dl></section>');
  }
  out.push('<p id="status" class="status" role="status" aria-live="polite"></p>');
  return out.join('\n');
}
