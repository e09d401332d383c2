/**
 * Reporting checklists for the study types VEXAS papers mostly are: CARE (case reports, 2013, 13
 * items) and STROBE (observational studies, 22 items). Item numbers and topics are the official
 * ones; the summaries are ours (the official wording is at the linked checklists). Whether the
 * manuscript appears to address an item is a hint from its headings and words, nothing more: the
 * author ticks and notes where. The links are to the statements' own sites.
 */
export interface ChecklistItem {
  /** The official item number. */
  readonly id: string;
  readonly topic: string;
  /** What the item asks, in our words. */
  readonly summary: string;
  /** Headings or phrases (lowercase) that suggest the item is addressed. */
  readonly cues: readonly string[];
}

export interface Checklist {
  readonly id: 'care' | 'strobe';
  readonly name: string;
  readonly studyType: string;
  /** The official checklist. */
  readonly url: string;
  readonly items: readonly ChecklistItem[];
}

export const CARE: Checklist = {
  id: 'care', name: 'CARE', studyType: 'case report', url: 'https://www.care-statement.org/',
  items: [
    { id: '1', topic: 'Title', summary: 'Name the case\'s focus and say it is a case report in the title.', cues: ['case report', 'case study'] },
    { id: '2', topic: 'Keywords', summary: 'Give two to five key words for the case.', cues: ['keywords', 'key words'] },
    { id: '3', topic: 'Abstract', summary: 'Summarise what the case adds, the presentation (symptoms, findings, diagnoses, interventions, outcomes) and the lessons.', cues: ['abstract'] },
    { id: '4', topic: 'Introduction', summary: 'Set the case against the relevant literature, briefly.', cues: ['introduction', 'background'] },
    { id: '5', topic: 'Patient information', summary: 'De-identified demographics, main symptoms, medical, family and psychosocial history (genetics where possible), relevant past interventions.', cues: ['patient information', 'case presentation', 'presentation', 'year-old', 'history'] },
    { id: '6', topic: 'Clinical findings', summary: 'The relevant physical examination and other clinical findings.', cues: ['clinical findings', 'examination', 'physical exam'] },
    { id: '7', topic: 'Timeline', summary: 'Important dates and times of the case, as a table or figure.', cues: ['timeline'] },
    { id: '8', topic: 'Diagnostic assessment', summary: 'Diagnostic methods, challenges, reasoning (other diagnoses considered) and prognostic features where they apply.', cues: ['diagnostic assessment', 'diagnosis', 'differential', 'bone marrow', 'sequencing', 'uba1'] },
    { id: '9', topic: 'Therapeutic intervention', summary: 'Types of intervention, how they were given (dose, duration) and changes, with the reasons.', cues: ['therapeutic intervention', 'treatment', 'therapy', 'was treated', 'dose'] },
    { id: '10', topic: 'Follow-up and outcomes', summary: 'Outcomes as assessed by clinician and patient, follow-up results, adherence and tolerability, adverse and unexpected events.', cues: ['follow-up', 'outcome', 'adverse'] },
    { id: '11', topic: 'Discussion', summary: 'Strengths and limitations of the management, the relevant literature, the rationale for conclusions, the main lessons.', cues: ['discussion', 'conclusion'] },
    { id: '12', topic: 'Patient perspective', summary: 'The patient\'s own account of the experience, where possible.', cues: ['patient perspective', 'perspective'] },
    { id: '13', topic: 'Informed consent', summary: 'Whether the patient gave informed consent (provide it if asked).', cues: ['informed consent', 'consent'] },
  ],
};

export const STROBE: Checklist = {
  id: 'strobe', name: 'STROBE', studyType: 'observational study', url: 'https://www.strobe-statement.org/',
  items: [
    { id: '1', topic: 'Title and abstract', summary: 'Name the design in the title or abstract; summarise what was done and found, in balance.', cues: ['abstract', 'cohort', 'case-control', 'cross-sectional', 'retrospective', 'prospective'] },
    { id: '2', topic: 'Background/rationale', summary: 'The scientific background and why the study was done.', cues: ['introduction', 'background'] },
    { id: '3', topic: 'Objectives', summary: 'The specific objectives, with any hypotheses set in advance.', cues: ['objective', 'aim', 'hypothes'] },
    { id: '4', topic: 'Study design', summary: 'The key elements of the design, early in the paper.', cues: ['study design', 'design'] },
    { id: '5', topic: 'Setting', summary: 'Setting, locations and dates: recruitment, exposure, follow-up, data collection.', cues: ['setting', 'between', 'centres', 'centers', 'registry'] },
    { id: '6', topic: 'Participants', summary: 'Eligibility and how participants were selected (and followed, or matched), by design.', cues: ['participants', 'patients', 'inclusion', 'eligib'] },
    { id: '7', topic: 'Variables', summary: 'Define outcomes, exposures, predictors, confounders and effect modifiers; diagnostic criteria.', cues: ['variables', 'outcome', 'defined as', 'criteria'] },
    { id: '8', topic: 'Data sources/measurement', summary: 'Where each variable\'s data came from and how it was measured, and whether groups were assessed alike.', cues: ['data source', 'data collection', 'measure', 'medical records'] },
    { id: '9', topic: 'Bias', summary: 'What was done about possible sources of bias.', cues: ['bias'] },
    { id: '10', topic: 'Study size', summary: 'How the study size was arrived at.', cues: ['study size', 'sample size', 'power'] },
    { id: '11', topic: 'Quantitative variables', summary: 'How quantitative variables were handled, and groupings chosen, with why.', cues: ['quantitative', 'categor', 'continuous'] },
    { id: '12', topic: 'Statistical methods', summary: 'All statistical methods, for confounding, subgroups, missing data, loss to follow-up or matching, and sensitivity analyses.', cues: ['statistical', 'statistics', 'regression', 'analysis'] },
    { id: '13', topic: 'Participants (results)', summary: 'Numbers at each stage, reasons for non-participation; a flow diagram helps.', cues: ['flow', 'were included', 'excluded'] },
    { id: '14', topic: 'Descriptive data', summary: 'Participants\' characteristics and exposures, missing data per variable, follow-up time.', cues: ['characteristics', 'baseline', 'median age', 'table 1'] },
    { id: '15', topic: 'Outcome data', summary: 'Numbers of outcome events or summary measures, as the design requires.', cues: ['outcome', 'events', 'response'] },
    { id: '16', topic: 'Main results', summary: 'Unadjusted and adjusted estimates with precision (e.g. 95% CI), confounders adjusted for, categories, absolute risks where useful.', cues: ['results', '95%', 'confidence interval', 'hazard ratio', 'odds ratio'] },
    { id: '17', topic: 'Other analyses', summary: 'Subgroup, interaction and sensitivity analyses done.', cues: ['subgroup', 'sensitivity analys', 'interaction'] },
    { id: '18', topic: 'Key results', summary: 'The key results, against the objectives.', cues: ['key results', 'in summary', 'we found', 'discussion'] },
    { id: '19', topic: 'Limitations', summary: 'Limitations, sources of bias or imprecision, with their direction and size.', cues: ['limitation'] },
    { id: '20', topic: 'Interpretation', summary: 'A cautious overall interpretation, given objectives, limitations, multiple analyses and other evidence.', cues: ['interpretation', 'conclusion'] },
    { id: '21', topic: 'Generalisability', summary: 'How far the results apply beyond the study (external validity).', cues: ['generalis', 'generaliz', 'external validity'] },
    { id: '22', topic: 'Funding', summary: 'Funding and funders\' roles, for this study and, where relevant, the original study it builds on.', cues: ['funding', 'grant', 'supported by'] },
  ],
};

export const CHECKLISTS: readonly Checklist[] = [CARE, STROBE];

/** CARE for a manuscript whose title or first lines say case report (or case study), else STROBE. */
export function checklistFor(text: string): Checklist {
  const head = text.slice(0, 3000).toLowerCase();
  return /\bcase (report|study)\b/.test(head) ? CARE : STROBE;
}

export interface ItemAssessment {
  readonly item: ChecklistItem;
  /** Where a cue was found: a heading's title, or the line. */
  readonly where?: string;
}

/** Each item, with where it appears to be addressed (undefined: no cue found). Linear in the text per item. */
export function assessChecklist(checklist: Checklist, text: string, headings: ReadonlyArray<{ title: string; start: number }>): ItemAssessment[] {
  const lower = text.toLowerCase();
  const lineOf = (offset: number) => { let line = 1; for (let i = lower.indexOf('\n'); i >= 0 && i < offset; i = lower.indexOf('\n', i + 1)) line++; return line; };
  return checklist.items.map(item => {
    const heading = headings.find(h => item.cues.some(c => h.title.toLowerCase().includes(c)));
    if (heading) return { item, where: `section "${heading.title}"` };
    for (const cue of item.cues) {
      const at = lower.indexOf(cue);
      if (at >= 0) return { item, where: `line ${lineOf(at)} ("${cue}")` };
    }
    return { item };
  });
}
