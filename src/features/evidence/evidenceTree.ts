import * as vscode from 'vscode';
import { fnv1a } from '../../core/hash';
import { formatReference } from '../../core/bibliography/format';
import {
  countStudies, describeCounts, describeFilter, describeTreated, designLabel, headlineOutcome, isFilterActive, isListedOnly, LEADING_CLASSES,
  NOT_ABSTRACTED, outcomeText, SMALL_DENOMINATOR, SORT_LABELS,
} from '../../core/evidence';
import type { EvidenceRecord } from '../../core/knowledge';
import { doiUrl, escapeMarkdown, pubmedUrl } from '../markdownText';
import { citationStyle } from '../../workspace/settings';
import type { ManuscriptTracker } from '../../workspace/manuscripts';
import { EvidenceState, type EvidenceModel } from './state';

/**
 * Tree elements are strings, stable across sessions so VS Code keeps their expansion:
 * `class:<classId>`, `drug:<classId>/<drug>`, `study:<recordId>`. Commands accept the same strings.
 */
export type EvidenceElement = string;
export const classElement = (classId: string) => `class:${classId}`;
export const drugElement = (drugGroupId: string) => `drug:${drugGroupId}`;
export const studyElement = (recordId: string) => `study:${recordId}`;
/** The Guidance documents section, and one document in it (by its study key). */
export const GUIDANCE_SECTION = 'section:guidance';
export const guidanceElement = (studyKey: string) => `guidance:${studyKey}`;

export function parseElement(element: string): { kind: 'class' | 'drug' | 'study' | 'section' | 'guidance'; id: string } | undefined {
  const m = /^(class|drug|study|section|guidance):(.+)$/.exec(element);
  return m ? { kind: m[1] as 'class' | 'drug' | 'study' | 'section' | 'guidance', id: m[2] } : undefined;
}

const EXPANDED_KEY = 'vexas.evidence.expanded';
const COLLAPSED_KEY = 'vexas.evidence.collapsed';
const HEADLINE_MAX = 70;

/**
 * Each level has a shape of its own as well as a colour (and its letter leads the row's text), so
 * levels are told apart without colour: A a star, B a filled circle, C a triangle, D an outline circle.
 */
const LEVEL_ICONS: Readonly<Record<string, readonly [string, string]>> = {
  A: ['star-full', 'charts.green'], B: ['circle-filled', 'charts.blue'], C: ['triangle-up', 'charts.yellow'], D: ['circle-large-outline', 'charts.orange'],
};

/** The Therapy Evidence view: drug class → drug → study, filtered and sorted by EvidenceState. */
export class EvidenceTreeProvider implements vscode.TreeDataProvider<EvidenceElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EvidenceElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: EvidenceModel | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly state: EvidenceState, private readonly memento: vscode.Memento) {
    this.disposables.push(
      state.onDidChange(() => this.changed.fire(undefined)),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('vexas.citationStyle')) this.changed.fire(undefined); }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Tracks expansion in the workspace state, so it survives reloads even where VS Code forgets it. */
  attach(view: vscode.TreeView<EvidenceElement>, manuscripts: ManuscriptTracker): vscode.Disposable {
    const remember = async (element: string, expanded: boolean) => {
      if (isFilterActive(this.state.filter)) return;
      const exp = new Set(this.memento.get<string[]>(EXPANDED_KEY, []));
      const col = new Set(this.memento.get<string[]>(COLLAPSED_KEY, []));
      (expanded ? exp : col).add(element);
      (expanded ? col : exp).delete(element);
      await this.memento.update(EXPANDED_KEY, [...exp]);
      await this.memento.update(COLLAPSED_KEY, [...col]);
    };
    const update = async () => {
      const model = await this.currentModel().catch(() => undefined);
      if (!model) return;
      const filter = this.state.filter;
      const all = countStudies(model.kb.evidence.records);
      const reviewed = model.kb.evidence.reviewed;
      // What the dataset holds, always in sight: studies with figures, and studies only listed.
      const holdings = `${reviewed ? `Reviewed ${reviewed}: ` : ''}${all.abstracted} studies with figures, ${all.listed} listed without figures (open the paper).`;
      view.message = isFilterActive(filter)
        ? `Filtered: ${describeFilter(filter, model.classes)}. Showing ${model.shown} of ${model.total} studies. ` +
          'Clear it with the Clear Filter button in the title bar.'
        : manuscripts.document() ? holdings : `${holdings} Open a Markdown or LaTeX manuscript to insert citations, sentences and tables at its cursor.`;
      if (isFilterActive(filter) && model.shown === 0) view.message = `No study matches ${describeFilter(filter, model.classes)}. Clear the filter to see all ${model.total}.`;
      view.description = `by ${SORT_LABELS[this.state.sort]}${reviewed ? ` · reviewed ${reviewed}` : ''}`;
    };
    void update();
    return vscode.Disposable.from(
      view.onDidExpandElement(e => remember(e.element, true)),
      view.onDidCollapseElement(e => remember(e.element, false)),
      this.state.onDidChange(() => void update()),
      manuscripts.onDidChange(() => void update()),
    );
  }

  currentModel(): Promise<EvidenceModel> {
    return this.state.model().then(m => (this.model = m));
  }

  async getChildren(element?: EvidenceElement): Promise<EvidenceElement[]> {
    const model = await this.currentModel();
    if (!element) {
      const roots = model.groups.map(g => classElement(g.id));
      // Guidance documents follow the classes, unless a filter is narrowing the studies.
      if (model.kb.evidence.guidance.length > 0 && !isFilterActive(this.state.filter)) roots.push(GUIDANCE_SECTION);
      return roots;
    }
    const parsed = parseElement(element);
    if (element === GUIDANCE_SECTION) return model.kb.evidence.guidance.map(g => guidanceElement(g.study));
    if (parsed?.kind === 'class') return model.classById.get(parsed.id)?.drugs.map(d => drugElement(d.id)) ?? [];
    if (parsed?.kind === 'drug') return model.drugById.get(parsed.id)?.records.map(r => studyElement(r.id)) ?? [];
    return [];
  }

  getParent(element: EvidenceElement): EvidenceElement | undefined {
    const parsed = parseElement(element);
    if (!parsed || parsed.kind === 'class' || parsed.kind === 'section') return undefined;
    if (parsed.kind === 'guidance') return GUIDANCE_SECTION;
    if (parsed.kind === 'drug') return classElement(parsed.id.split('/')[0]);
    const record = this.model?.recordById.get(parsed.id);
    return record ? drugElement(`${record.class}/${record.drug}`) : undefined;
  }

  resolveTreeItem(item: vscode.TreeItem, element: EvidenceElement): vscode.TreeItem {
    const parsed = parseElement(element);
    const r = parsed?.kind === 'study' ? this.model?.recordById.get(parsed.id) : undefined;
    if (r && this.model && !item.tooltip) item.tooltip = recordTooltip(r, this.model, EvidenceState.studyLabel(this.model.kb, r.study, r.year));
    return item;
  }

  getTreeItem(element: EvidenceElement): vscode.TreeItem {
    const model = this.model;
    const parsed = parseElement(element);
    if (!model || !parsed) return new vscode.TreeItem(element);
    const filter = this.state.filter;
    const filtered = isFilterActive(filter);
    const collapsible = (leading: boolean) => {
      if (filtered) return vscode.TreeItemCollapsibleState.Expanded;
      if (this.memento.get<string[]>(EXPANDED_KEY, []).includes(element)) return vscode.TreeItemCollapsibleState.Expanded;
      if (this.memento.get<string[]>(COLLAPSED_KEY, []).includes(element)) return vscode.TreeItemCollapsibleState.Collapsed;
      return leading ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    };
    // Under a filter the items get ids of their own, so they open expanded without touching the saved state.
    const id = filtered ? `${element}?${hash(JSON.stringify(filter))}` : element;
    if (parsed.kind === 'class') {
      const g = model.classById.get(parsed.id);
      if (!g) return new vscode.TreeItem(element);
      const item = new vscode.TreeItem(g.info.name, collapsible(LEADING_CLASSES.includes(g.id)));
      item.id = id;
      item.description = describeCounts(g.studies, g.patients);
      item.contextValue = 'vexasEvidenceClass';
      // A drug class: the pill-shaped "package" of drugs it holds.
      item.iconPath = new vscode.ThemeIcon('package');
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${escapeMarkdown(g.info.name)}**`);
      if (g.info.target) md.appendMarkdown(` · target: ${escapeMarkdown(g.info.target)}`);
      md.appendMarkdown(`\n\n${escapeMarkdown(describeCounts(g.studies, g.patients))}. Patients are summed per therapy record ` +
        '(a patient given two therapies of the class counts twice).');
      for (const s of g.info.summary ?? []) md.appendMarkdown(`\n\n- ${escapeMarkdown(s.text)}`);
      item.tooltip = md;
      item.accessibilityInformation = { label: `${g.info.name}, drug class, ${describeCounts(g.studies, g.patients)}` };
      return item;
    }
    if (parsed.kind === 'section') {
      const n = model.kb.evidence.guidance.length;
      const item = new vscode.TreeItem('Guidance documents', collapsible(false));
      item.id = id;
      item.description = `${n} document${n === 1 ? '' : 's'} · no figures`;
      item.iconPath = new vscode.ThemeIcon('law');
      item.tooltip = 'Guidance and recommendation documents the dataset lists. Their recommendations are not abstracted: read the documents.';
      return item;
    }
    if (parsed.kind === 'guidance') {
      const g = model.kb.evidence.guidance.find(x => x.study === parsed.id);
      if (!g) return new vscode.TreeItem(element);
      const item = new vscode.TreeItem(EvidenceState.studyLabel(model.kb, g.study, g.year), vscode.TreeItemCollapsibleState.None);
      item.id = id;
      item.description = g.title;
      item.iconPath = new vscode.ThemeIcon('file-text');
      const entry = model.kb.references.get(g.study);
      item.contextValue = entry?.fields.doi || entry?.fields.pmid ? 'vexasEvidenceGuidance:link' : 'vexasEvidenceGuidance';
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${escapeMarkdown(g.title)}**${g.year ? ` (${g.year})` : ''}\n\n`);
      if (g.issuer) md.appendMarkdown(`${escapeMarkdown(g.issuer)}\n\n`);
      if (g.scope) md.appendMarkdown(`Scope: ${escapeMarkdown(g.scope)}\n\n`);
      md.appendMarkdown(g.identifiersSeen && g.identifiersSeen.length > 0
        ? `Identifiers verified: ${g.identifiersSeen.map(escapeMarkdown).join(', ')}\n\n`
        : '_No DOI or PMID verified yet: check the citation before submission._\n\n');
      if (g.note) md.appendMarkdown(`${escapeMarkdown(g.note)}\n\n`);
      md.appendMarkdown('_Recommendations are not abstracted here: read the document._');
      item.tooltip = md;
      return item;
    }
    if (parsed.kind === 'drug') {
      const d = model.drugById.get(parsed.id);
      if (!d) return new vscode.TreeItem(element);
      const item = new vscode.TreeItem(d.label, collapsible(LEADING_CLASSES.includes(d.classId)));
      item.id = id;
      item.description = describeCounts(d.studies, d.patients);
      item.contextValue = 'vexasEvidenceDrug';
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.tooltip = `${d.label}: ${describeCounts(d.studies, d.patients)}`;
      item.accessibilityInformation = { label: `${d.label}, ${describeCounts(d.studies, d.patients)}` };
      return item;
    }
    const r = model.recordById.get(parsed.id);
    if (!r) return new vscode.TreeItem(element);
    const study = EvidenceState.studyLabel(model.kb, r.study, r.year);
    const headline = headlineOutcome(r);
    const listed = isListedOnly(r);
    const small = headline && typeof headline.denominator === 'number' && headline.denominator < SMALL_DENOMINATOR ? ' (small n)' : '';
    const headlineText = listed ? NOT_ABSTRACTED : headline ? truncate(outcomeText(headline), HEADLINE_MAX) + small : 'no outcome figures recorded';
    const item = new vscode.TreeItem(study, vscode.TreeItemCollapsibleState.None);
    item.id = id;
    item.description = `${r.evidenceLevel} · ${designLabel(r.design)} · ${describeTreated(r)} · ${headlineText}`;
    const entry = model.kb.references.get(r.study);
    item.contextValue = entry?.fields.doi || entry?.fields.pmid ? 'vexasEvidenceStudy:link' : 'vexasEvidenceStudy';
    const [icon, colour] = listed ? ['book', undefined] : LEVEL_ICONS[r.evidenceLevel] ?? ['circle-outline', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
    if (r.origin?.kind === 'own') item.description = `yours · ${item.description}`;
    // The tooltip formats the reference (citation-js): built when it is first shown (resolveTreeItem).
    item.accessibilityInformation = {
      label: `${study}, ${r.drugLabel}, evidence level ${r.evidenceLevel}, ${designLabel(r.design)}, ${describeTreated(r)}, ${headlineText}`,
    };
    return item;
  }
}

/** The full record: design, population, outcomes with definitions and time points, adverse events, level and the reference. */
export function recordTooltip(r: EvidenceRecord, model: EvidenceModel, study: string): vscode.MarkdownString {
  const full = r as EvidenceRecord & { levelNote?: string; caveats?: readonly string[] };
  const md = new vscode.MarkdownString();
  const e = escapeMarkdown;
  md.appendMarkdown(`**${e(r.drugLabel)}** · ${e(study)} · evidence level **${e(r.evidenceLevel)}**\n\n`);
  if (r.origin?.kind === 'own') md.appendMarkdown(`_Your own extraction, from ${e(r.origin.file)}: not part of the reviewed VEXAS dataset._\n\n`);
  if (isListedOnly(r)) md.appendMarkdown(`**Figures not abstracted: open the paper.** ${r.figuresNote ? e(r.figuresNote) : ''}\n\n`);
  md.appendMarkdown(`${e(designLabel(r.design))}${r.multicentre ? ' (multicentre)' : ''} · ${e(describeTreated(r))}` +
    `${r.target ? ` · ${e(r.target)}` : ''}\n\n`);
  if (r.population?.description) md.appendMarkdown(`**Population:** ${e(r.population.description)}\n\n`);
  if (r.population?.genotypes?.length) md.appendMarkdown(`**Genotypes:** ${r.population.genotypes.map(e).join(', ')}\n\n`);
  if (r.population?.mds) md.appendMarkdown(`**MDS:** ${e(r.population.mds)}\n\n`);
  const outcomes = r.outcomes ?? [];
  md.appendMarkdown('**Outcomes**\n\n');
  if (outcomes.length === 0) md.appendMarkdown(isListedOnly(r) ? '- Not abstracted (see the paper).\n' : '- No outcome figures recorded.\n');
  for (const o of outcomes) {
    const parts = [e(o.result)];
    if (o.definition) parts.push(`definition: ${e(o.definition)}`);
    if (o.timepoint) parts.push(`time point: ${e(o.timepoint)}`);
    if (typeof o.responders === 'number' && typeof o.denominator === 'number') parts.push(`${o.responders}/${o.denominator}`);
    parts.push(`source: ${e(o.where)}`);
    md.appendMarkdown(`- ${parts.join(' — ')}\n`);
  }
  if (r.adverseEvents?.length) {
    md.appendMarkdown('\n**Adverse events**\n\n');
    for (const a of r.adverseEvents) md.appendMarkdown(`- ${e(a.text)} (${e(a.where)})\n`);
  }
  const level = model.kb.evidence.levels[r.evidenceLevel];
  md.appendMarkdown(`\n**Evidence level ${e(r.evidenceLevel)}:** ${level ? e(level) : ''}${full.levelNote ? ` ${e(full.levelNote)}` : ''}\n\n`);
  for (const c of full.caveats ?? []) md.appendMarkdown(`_Caveat:_ ${e(c)}\n\n`);
  const entry = model.kb.references.get(r.study);
  if (entry) {
    md.appendMarkdown(`---\n\n${e(formatReference(entry, citationStyle(), 'text'))}`);
    if (entry.fields.doi) md.appendMarkdown(` [DOI](${doiUrl(entry.fields.doi)})`);
    if (entry.fields.pmid) md.appendMarkdown(` [PubMed](${pubmedUrl(entry.fields.pmid)})`);
    md.appendMarkdown('\n');
  } else {
    md.appendMarkdown(`---\n\n\`${e(r.study)}\``);
  }
  return md;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A short stable hash (FNV-1a) for filter-specific item ids. */
function hash(text: string): string {
  return fnv1a(text).toString(36);
}
