/**
 * The body of the evidence details panel: a dot chart of reported response rates (responders over
 * denominator, per outcome and study, drawn as inline SVG) and a table of the studies with buttons
 * to cite them. Every string from the data is escaped; colours come from CSS classes the panel's
 * stylesheet maps to VS Code theme variables (a strict CSP forbids inline styles).
 */
import type { EvidenceRecord } from '../knowledge/types';
import { chartPoints, levelClass, renderChart } from './chart';
import { escapeHtml } from './escape';
import {
  compareRecords, countPatients, countStudies, describeCounts, describeTreated, designLabel, hasCounts, isListedOnly, NOT_ABSTRACTED,
  SMALL_DENOMINATOR, type FullEvidenceRecord,
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
  /** The paper's page (DOI or PubMed), for studies listed without figures. */
  readonly link?: (studyKey: string) => string | undefined;
  /** When the dataset was last reviewed (shown in the header). */
  readonly reviewed?: string;
  /** Evidence level letter → definition (the data file's evidenceLevels). */
  readonly levels: Readonly<Record<string, string>>;
  /** The class's summary statements, each with its studies. */
  readonly summary?: ReadonlyArray<{ readonly text: string; readonly studies: readonly string[] }>;
}

function outcomesHtml(r: EvidenceRecord, link: string | undefined): string {
  if (isListedOnly(r)) {
    return `<p class="listed"><strong>Figures not abstracted</strong> — ` +
      (link ? `<a href="${escapeHtml(link)}">open the paper</a>` : 'open the paper') + '.' +
      (r.figuresNote ? `<span class="detail">${escapeHtml(r.figuresNote)}</span>` : '') + '</p>';
  }
  const outcomes = r.outcomes ?? [];
  if (outcomes.length === 0) return '<p class="muted">No outcome figures recorded.</p>';
  return `<ul class="outcomes">${outcomes.map(o => {
    const details = [
      o.definition ? `Definition: ${o.definition}` : '',
      o.timepoint ? `Time point: ${o.timepoint}` : '',
      hasCounts(o) ? `Responders/denominator: ${o.responders}/${o.denominator}${o.denominator < SMALL_DENOMINATOR ? ' (small denominator)' : ''}` : '',
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
  out.push(`<p class="counts">${escapeHtml(counts)} in the VEXAS evidence dataset` +
    `${input.reviewed ? ` (reviewed ${escapeHtml(input.reviewed)})` : ''}. Patient counts are summed per therapy record.</p>`);
  const listed = records.filter(isListedOnly);
  if (listed.length > 0) {
    out.push(`<p class="note">${listed.length === 1 ? 'One study is' : `${listed.length} study records are`} listed without figures: ` +
      'their identifiers and design were verified, but their results could not be read in the primary source, so they are ' +
      `not charted. ${escapeHtml(NOT_ABSTRACTED.replace(/^./, c => c.toUpperCase()))}.</p>`);
  }
  out.push('</header>');

  out.push('<section aria-labelledby="chart-heading">');
  out.push('<h2 id="chart-heading">Reported response rates</h2>');
  if (points.length) {
    out.push('<p class="note">One marker per reported outcome with both responders and denominator, placed at responders ÷ denominator, ' +
      'with the counts and the evidence level beside it (shape and letter: A ● B ■ C ◆ D ▲). ' +
      `A hollow marker labelled “n = …” has a denominator under ${SMALL_DENOMINATOR}. Response definitions differ between studies.</p>`);
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
    out.push(`<tr data-record="${id}"${isListedOnly(r) ? ' class="listed-row"' : ''}>`);
    out.push(`<th scope="row">${escapeHtml(r.drugLabel)}${r.origin?.kind === 'own' ? '<span class="own">your extraction</span>' : ''}</th>`);
    out.push(`<td data-label="Study"><span class="study">${escapeHtml(study)}</span>${ref ? `<span class="ref">${escapeHtml(ref)}</span>` : ''}` +
      `<span class="detail">${escapeHtml(r.study)}</span></td>`);
    out.push(`<td data-label="Design">${escapeHtml(design)}</td>`);
    out.push(`<td data-label="Patients">${escapeHtml(describeTreated(r))}</td>`);
    out.push(`<td data-label="Reported results">${outcomesHtml(r, input.link?.(r.study))}${notes.map(n => `<p class="detail">${escapeHtml(n)}</p>`).join('')}</td>`);
    out.push(`<td data-label="Adverse events">${adverseHtml(r)}</td>`);
    out.push(`<td data-label="Level"><span class="level ${levelClass(r.evidenceLevel)}">${escapeHtml(r.evidenceLevel)}</span>` +
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
