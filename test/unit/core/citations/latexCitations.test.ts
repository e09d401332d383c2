import * as assert from 'assert';
import { findCitations } from '../../../../src/core/citations';
import { expectedTriples, parseMarked } from './markedText';

/** [what, input with every expected key marked ⟦…⟧, extra commands]. */
const CASES: Array<[string, string, string[]?]> = [
  // Plain and natbib
  ['cite', '\\cite{⟦doe99⟧}'],
  ['two keys', '\\cite{⟦a⟧,⟦b⟧}'],
  ['spaces after commas', '\\cite{⟦a⟧, ⟦b⟧,  ⟦c⟧}'],
  ['spaces inside braces', '\\cite{ ⟦a⟧ , ⟦b⟧ }'],
  ['empty keys skipped', '\\cite{⟦a⟧,,⟦b⟧,}'],
  ['empty braces', '\\cite{}'],
  ['keys split over lines', '\\cite{⟦a⟧,\n  ⟦b⟧,\n  ⟦c⟧}'],
  ['citet', '\\citet{⟦a⟧}'],
  ['citep with optional args', '\\citep[see][p.~3]{⟦a⟧}'],
  ['citealt and citealp', '\\citealt{⟦a⟧} \\citealp{⟦b⟧}'],
  ['citeauthor, citeyear, citeyearpar', '\\citeauthor{⟦a⟧} \\citeyear{⟦b⟧} \\citeyearpar{⟦c⟧}'],
  ['citenum and citefullauthor', '\\citenum{⟦a⟧} \\citefullauthor{⟦b⟧}'],
  ['capitalised natbib', '\\Citet{⟦a⟧} \\Citep{⟦b⟧} \\Citealt{⟦c⟧} \\Citealp{⟦d⟧} \\Citeauthor{⟦e⟧}'],
  ['starred natbib', '\\citet*{⟦a⟧} \\citep*[p.~1]{⟦b⟧} \\Citet*{⟦c⟧}'],
  ['citetalias and citepalias', '\\citetalias{⟦a⟧} \\citepalias[p.~2]{⟦b⟧}'],
  // biblatex
  ['parencite and Parencite', '\\parencite{⟦a⟧} \\Parencite[p.~3]{⟦b⟧}'],
  ['footcite and footcitetext', '\\footcite{⟦a⟧}\\footcitetext{⟦b⟧}'],
  ['textcite and Textcite', '\\textcite{⟦a⟧} \\Textcite{⟦b⟧}'],
  ['smartcite, supercite, autocite', '\\smartcite{⟦a⟧} \\Smartcite{⟦b⟧} \\supercite{⟦c⟧} \\autocite{⟦d⟧} \\Autocite{⟦e⟧}'],
  ['starred biblatex', '\\autocite*{⟦a⟧} \\parencite*{⟦b⟧} \\textcite*{⟦c⟧}'],
  ['Cite', '\\Cite{⟦a⟧}'],
  ['citetitle, citetitle*, citedate, citeurl', '\\citetitle{⟦a⟧} \\citetitle*{⟦b⟧} \\citedate{⟦c⟧} \\citeurl{⟦d⟧}'],
  ['fullcite and footfullcite', '\\fullcite{⟦a⟧} \\footfullcite{⟦b⟧}'],
  ['nocite', '\\nocite{⟦a⟧,⟦b⟧}'],
  ['nocite all', '\\nocite{*}'],
  ['nocite all and a key', '\\nocite{*,⟦a⟧}'],
  // Multi-cites
  ['cites', '\\cites{⟦a⟧}{⟦b⟧}'],
  ['cites with notes', '\\cites(pre)(post)[see][p.~1]{⟦a⟧}[p.~2]{⟦b⟧,⟦c⟧}'],
  ['parencites and footcites', '\\parencites{⟦a⟧}{⟦b⟧} \\footcites[p.~1]{⟦c⟧}{⟦d⟧}'],
  ['textcites and Textcites', '\\textcites{⟦a⟧}{⟦b⟧} \\Textcites{⟦c⟧}{⟦d⟧}'],
  ['smartcites, supercites, autocites', '\\smartcites{⟦a⟧}{⟦b⟧} \\supercites{⟦c⟧}{⟦d⟧} \\autocites{⟦e⟧}{⟦f⟧} \\Autocites{⟦g⟧}{⟦h⟧}'],
  ['multi-cite over lines', '\\autocites\n  [p.~1]{⟦a⟧}\n  [p.~2]{⟦b⟧}'],
  ['multi-cite stops at text', '\\cites{⟦a⟧} and [x] {b}'],
  ['single cite does not take a second argument', '\\cite{⟦a⟧}{b}'],
  // Arguments
  ['optional arg with nested braces', '\\cite[{see [x]}]{⟦a⟧}'],
  ['optional arg with nested brackets', '\\cite[see [1]]{⟦a⟧}'],
  ['optional arg with a brace group and comma', '\\citep[e.g.,][{p.~3, fig.~2}]{⟦a⟧}'],
  ['space between command and arguments', '\\cite [p.~3] {⟦a⟧}'],
  ['newline between command and argument', '\\cite\n{⟦a⟧}'],
  ['comment between command and argument', '\\cite% why\n  {⟦a⟧}'],
  ['comment inside the key list', '\\cite{⟦a⟧, % first\n  ⟦b⟧}'],
  ['comment right after a key', '\\cite{⟦a⟧%\n,⟦b⟧}'],
  ['blank line ends the search for arguments', '\\cite\n\n{a}'],
  ['unclosed argument', '\\cite{a'],
  ['keys with punctuation', '\\cite{⟦doe:2020-x_y.z⟧}'],
  ['tilde before cite', 'men~\\cite{⟦a⟧}.'],
  // Not citations
  ['citetext is not a citation', '\\citetext{see \\citealp{⟦a⟧}}'],
  ['citestyle is not a citation', '\\citestyle{nature} \\bibliographystyle{plain}'],
  ['unknown command', '\\citex{a} \\mycite{b}'],
  ['comment', '% \\cite{no}\n\\cite{⟦yes⟧}'],
  ['comment after text', 'Text \\cite{⟦a⟧} % \\cite{no}'],
  ['escaped percent is not a comment', '50\\% \\cite{⟦a⟧}'],
  ['double backslash then comment', 'line\\\\% \\cite{no}\n\\cite{⟦a⟧}'],
  ['double backslash is not a command', '\\\\cite{a}'],
  ['verbatim environment', '\\begin{verbatim}\n\\cite{no}\n\\end{verbatim}\n\\cite{⟦yes⟧}'],
  ['Verbatim and lstlisting', '\\begin{Verbatim}\\cite{no}\\end{Verbatim}\\begin{lstlisting}\\cite{no}\\end{lstlisting}\\cite{⟦yes⟧}'],
  ['minted', '\\begin{minted}{latex}\n\\cite{no}\n\\end{minted}\\cite{⟦yes⟧}'],
  ['comment environment', '\\begin{comment}\\cite{no}\\end{comment}\\cite{⟦yes⟧}'],
  ['unclosed verbatim runs to the end', '\\cite{⟦yes⟧}\\begin{verbatim}\\cite{no}'],
  ['verb', '\\verb|\\cite{no}| \\cite{⟦yes⟧}'],
  ['verb with another delimiter', '\\verb+\\cite{no}+ \\verb*!\\cite{no}! \\cite{⟦yes⟧}'],
  ['lstinline', '\\lstinline{\\cite{no}} \\lstinline|\\cite{no}| \\cite{⟦yes⟧}'],
  ['url', '\\url{http://x.org/\\cite{no}} \\cite{⟦yes⟧}'],
  ['citation inside math still cites', '$\\text{\\cite{⟦a⟧}}$'],
  // User commands
  ['user command', '\\mycite{⟦a⟧}', ['mycite']],
  ['user command with backslash and optional args', '\\mycite[p.~1]{⟦a⟧,⟦b⟧}', ['\\mycite']],
  ['user command starred', '\\mycite*{⟦a⟧}', ['mycite']],
  ['user command not configured', '\\mycite{a}', ['othercite']],
  // Offsets
  ['emoji before', '😀 \\cite{⟦a⟧} 🎉 \\citep{⟦b⟧}'],
  ['CRLF', 'Text.\r\n\\cite{⟦a⟧,\r\n  ⟦b⟧} % \\cite{no}\r\n\\cite{⟦c⟧}'],
  ['document order', '\\citet{⟦a⟧} then \\cite{⟦b⟧,⟦c⟧} then \\parencites{⟦d⟧}{⟦e⟧}'],
];

describe('core/citations: LaTeX', () => {
  for (const [what, input, commands] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const found = findCitations(marked.text, 'latex', { latexCommands: commands });
      assert.deepStrictEqual(found.map(c => [c.key, c.start, c.end]), expectedTriples(marked));
    });
  }
});
