import * as assert from 'assert';
import { findCitations } from '../../../../src/core/citations';
import { findNonProseRegions } from '../../../../src/core/manuscript';
import { countWords } from '../../../../src/core/output/wordCount';
import type { CitationSyntax } from '../../../../src/core/languages';

const count = (text: string, syntax: CitationSyntax) => {
  const regions = findNonProseRegions(text, syntax);
  return countWords(text, syntax, regions, findCitations(text, syntax, { regions }));
};

describe('core/manuscript: word counts the way journals count', () => {
  it('Markdown: sections, abstract apart, citations/code/math/tables/captions/reference list left out', () => {
    const text = [
      '---',
      'title: "Not counted"',
      'abstract: "Five words in the abstract."', // abstract: 5
      '---',
      '',
      'Lead sentence of three.', // before the first heading: 4 (Lead, sentence, of, three.)
      '',
      '# Introduction', // heading (2 words? 1: Introduction) — apart
      '',
      'VEXAS is caused by somatic *UBA1* variants [@beck2020somatic; @grayson2021vexas].', // 7: VEXAS is caused by somatic *UBA1* variants
      'As @beck2020somatic showed, men predominate.', // in-text key left out: As showed, men predominate. = 4
      '',
      '```python',
      'print("code is not counted")',
      '```',
      '',
      'The rate was $x = 50\\%$ overall.', // The rate was overall. = 4
      '',
      '## Methods {#sec-methods}',
      '',
      '| Drug | Response |', // table: Drug, Response = 2
      '|------|----------|',
      '| Tocilizumab | 5/10 |', // Tocilizumab, 5/10 = 2
      '',
      ': Table 1. Responses by drug.', // caption: Table 1. Responses by drug. = 5
      '',
      '![Figure 1. A chart of responses.](fig1.png)', // caption: Figure 1. A chart of responses. = 6
      '',
      'We reviewed charts.', // 3
      '',
      '# References',
      '',
      'Beck DB, Ferrada MA. Somatic mutations. 2020.', // reference list: 7, not counted
    ].join('\n');
    const c = count(text, 'markdown');
    assert.strictEqual(c.abstract, 5);
    assert.deepStrictEqual(c.sections.map(s => [s.title, s.words]), [['(before the first heading)', 4], ['Introduction', 7 + 4 + 4], ['Methods', 3]]);
    assert.strictEqual(c.total, 4 + 15 + 3);
    assert.deepStrictEqual(c.apart, { captions: 5 + 6, tables: 4, headings: 1 + 1 + 1 });
    assert.strictEqual(c.excluded.citations, 2);
    assert.strictEqual(c.excluded.codeBlocks, 1);
    assert.strictEqual(c.excluded.math, 1);
    assert.strictEqual(c.excluded.referenceListWords, 7);
    assert.strictEqual(c.figures, 1);
    assert.strictEqual(c.tablesCount, 1);
    assert.strictEqual(c.references, 2);
  });

  it('Markdown: an Abstract section is the abstract; a # in a code block is no heading', () => {
    const text = '# Abstract\n\nTwo words.\n\n# Background\n\n```\n# not a heading\n```\n\nOne.\n';
    const c = count(text, 'markdown');
    assert.strictEqual(c.abstract, 2);
    assert.deepStrictEqual(c.sections.map(s => [s.title, s.words]), [['Background', 1]]);
  });

  it('LaTeX: preamble, commands, citations, math, figure/table environments (captions apart), abstract and bibliography', () => {
    const text = [
      '\\documentclass{article}',
      '\\usepackage{natbib}',
      '\\title{Not counted here}',
      '\\begin{document}',
      '\\begin{abstract}',
      'An abstract of six words here.', // 6
      '\\end{abstract}',
      '\\section{Introduction}', // heading apart: 1
      'VEXAS is \\emph{rare} in women~\\citep{beck2020somatic}.', // VEXAS is rare in women = 5 (the citation group excluded)
      '% a comment of five words',
      'Inflammation $\\alpha + \\beta$ persists.', // Inflammation persists. = 2
      '\\begin{figure}',
      '\\includegraphics{fig.pdf}',
      '\\caption{Responses to \\emph{tocilizumab}.}', // caption: Responses to tocilizumab. = 3
      '\\end{figure}',
      '\\begin{table}',
      '\\caption{Cohort.}', // caption: 1
      '\\begin{tabular}{ll} Drug & N \\\\ Ruxolitinib & 12 \\end{tabular}', // table text: Drug N Ruxolitinib 12 ... plus "ll" = 5
      '\\end{table}',
      '\\section{Methods}',
      'We counted.', // 2
      '\\bibliography{refs}',
      '\\end{document}',
    ].join('\n');
    const c = count(text, 'latex');
    assert.strictEqual(c.abstract, 6);
    assert.deepStrictEqual(c.sections.map(s => [s.title, s.words]), [['Introduction', 5 + 2], ['Methods', 2]]);
    assert.strictEqual(c.total, 9);
    assert.strictEqual(c.apart.captions, 3 + 1);
    assert.strictEqual(c.apart.tables, 5);
    assert.strictEqual(c.figures, 1);
    assert.strictEqual(c.tablesCount, 1);
    assert.strictEqual(c.excluded.citations, 1);
  });
});
