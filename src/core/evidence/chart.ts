/**
 * The response-rate chart of the details panel: one row per reported outcome that has responders
 * and a denominator. Labels are HTML text (the editor's font and size, wrapping in a narrow panel);
 * each row's track is a small SVG whose marker sits at responders ÷ denominator. The evidence level
 * is told by a letter and a shape (A circle, B square, C diamond, D triangle), not by colour alone;
 * a denominator under 5 draws a hollow marker labelled "n = 4", so 4/4 never passes for a cohort's 100%.
 */
import type { EvidenceRecord } from '../knowledge/types';
import { escapeHtml } from './escape';
import { hasCounts, SMALL_DENOMINATOR } from './model';

/** One marker of the chart. */
export interface ChartPoint {
  readonly recordId: string;
  readonly drug: string;
  readonly study: string;
  readonly level: string;
  readonly result: string;
  readonly responders: number;
  readonly denominator: number;
  readonly small: boolean;
  /** What a screen reader announces: "Tocilizumab, Boyadzhieva 2023: 3/15 (CR 3/15 (20%)), evidence level C". */
  readonly label: string;
}

export function chartPoints(records: readonly EvidenceRecord[], studyLabel: (key: string) => string): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const r of records) {
    for (const o of r.outcomes ?? []) {
      if (!hasCounts(o)) continue;
      const study = studyLabel(r.study);
      const timepoint = o.timepoint?.trim() ? `, ${o.timepoint.trim()}` : '';
      const small = o.denominator < SMALL_DENOMINATOR;
      points.push({
        recordId: r.id, drug: r.drugLabel, study, level: r.evidenceLevel, result: o.result,
        responders: o.responders, denominator: o.denominator, small,
        label: `${r.drugLabel}, ${study}: ${o.responders}/${o.denominator} (${o.result.trim()}${timepoint})` +
          `${small ? `, small denominator (n = ${o.denominator})` : ''}, evidence level ${r.evidenceLevel}`,
      });
    }
  }
  return points;
}

export const levelClass = (level: string) => `level-${/^[A-D]$/.test(level) ? level : 'other'}`;

/** The level's marker, centred at (x%, 12) in a 24 px high track; hollow for a small denominator. */
function marker(level: string, xPercent: number, small: boolean): string {
  const cls = `marker ${levelClass(level)}${small ? ' small' : ''}`;
  const x = `${xPercent.toFixed(2)}%`;
  // Shapes are drawn in a nested SVG placed at the marker's position, so they stay undistorted.
  const shape = level === 'B' ? '<rect x="-6" y="-6" width="12" height="12"/>'
    : level === 'C' ? '<polygon points="0,-8 8,0 0,8 -8,0"/>'
      : level === 'D' ? '<polygon points="0,-8 8,6 -8,6"/>'
        : '<circle r="7"/>';
  return `<svg x="${x}" y="12" overflow="visible" class="${cls}">${shape}</svg>`;
}

/** The chart as HTML; an empty string when no record reports counts. */
export function renderChart(points: readonly ChartPoint[], title: string): string {
  if (points.length === 0) return '';
  const out: string[] = [];
  const small = points.filter(p => p.small).length;
  out.push(`<figure class="chart" aria-labelledby="chart-caption">`);
  out.push(`<figcaption id="chart-caption" class="visually-hidden">Reported response rates: ${escapeHtml(title)}. ` +
    `${points.length} reported outcome${points.length === 1 ? '' : 's'} with responders and denominator` +
    `${small ? `, ${small} with a denominator under ${SMALL_DENOMINATOR}` : ''}.</figcaption>`);
  out.push('<div class="chart-axis" aria-hidden="true"><span></span><span class="ticks">' +
    [0, 25, 50, 75, 100].map(t => `<span>${t}%</span>`).join('') + '</span><span></span></div>');
  out.push('<ul class="chart-rows">');
  for (const p of points) {
    const percent = (100 * p.responders) / p.denominator;
    out.push(`<li class="chart-row" aria-label="${escapeHtml(p.label)}">`);
    out.push(`<span class="chart-label"><span class="chart-what">${escapeHtml(`${p.drug} · ${p.study}`)}</span>` +
      `<span class="chart-result">${escapeHtml(p.result)}</span></span>`);
    out.push(`<svg class="track" width="100%" height="24" aria-hidden="true" focusable="false">` +
      '<line class="axis" x1="0%" x2="100%" y1="12" y2="12"/>' +
      [25, 50, 75].map(t => `<line class="grid" x1="${t}%" x2="${t}%" y1="3" y2="21"/>`).join('') +
      marker(p.level, percent, p.small) + '</svg>');
    out.push(`<span class="chart-rate"><span class="rate">${p.responders}/${p.denominator}</span> ` +
      `<span class="level ${levelClass(p.level)}">${escapeHtml(p.level)}</span>` +
      `${p.small ? ` <span class="small-n">n = ${p.denominator}</span>` : ''}</span>`);
    out.push('</li>');
  }
  out.push('</ul></figure>');
  return out.join('\n');
}
