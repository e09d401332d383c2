import * as assert from 'assert';
import { citationCommandLookup, findCitations, latexCitationAliases } from '../../../../src/core/citations';
import { findNonProseRegions } from '../../../../src/core/manuscript';

const builtIn = (name: string) => citationCommandLookup()(name) !== undefined;

describe('core/citations: citation commands a document defines', () => {
  it('finds \\newcommand, \\let, \\def, xparse and biblatex definitions whose body is a citation command', () => {
    const preamble = [
      '\\newcommand{\\mycite}{\\citet}',
      '\\newcommand\\pcite[1]{\\citep{#1}}',
      '\\renewcommand*{\\acite}[2][]{\\parencite[#1]{#2}}',
      '\\let\\lcite=\\cite',
      '\\def\\dcite#1{\\textcite{#1}}',
      '\\NewDocumentCommand{\\xcite}{O{} m}{\\autocite[#1]{#2}}',
      '\\DeclareCiteCommand{\\bcite}{}{}{}{}',
      '\\newcommand{\\chained}{\\mycite}',
      '\\newcommand{\\bold}[1]{\\textbf{#1}}',
      '% \\newcommand{\\commented}{\\cite}',
    ].join('\n');
    assert.deepStrictEqual(latexCitationAliases(preamble, builtIn, findNonProseRegions(preamble, 'latex')),
      ['mycite', 'pcite', 'acite', 'lcite', 'dcite', 'xcite', 'bcite', 'chained']);
  });

  it('an alias cites like \\cite; \\newcite and the apacite forms are built in', () => {
    const text = '\\newcommand{\\mycite}{\\citet}\nAs shown \\mycite[p. 3]{beck2020somatic} and \\newcite{li2024navigating}, \\citeA{x2020y}.';
    const aliases = latexCitationAliases(text, builtIn);
    assert.deepStrictEqual(findCitations(text, 'latex', { latexCommands: aliases }).map(c => `${c.command}:${c.key}`),
      ['mycite:beck2020somatic', 'newcite:li2024navigating', 'citeA:x2020y']);
  });
});
