import * as assert from 'assert';
import { escapeHtml, escapeLatex, escapeMarkdownTableCell, escapeMarkdownText } from '../../../../src/core/evidence';

describe('core/evidence: escaping', () => {
  it('escapes HTML text and attribute values', () => {
    assert.strictEqual(escapeHtml(`<img src=x onerror="alert('1')">&amp;`),
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;');
    assert.strictEqual(escapeHtml('CR 3/15 (20%)'), 'CR 3/15 (20%)');
  });

  it('escapes every LaTeX special', () => {
    assert.strictEqual(escapeLatex('50% & more_x #1 $5 {a} ~ ^ \\ < >'),
      '50\\% \\& more\\_x \\#1 \\$5 \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{}');
    assert.strictEqual(escapeLatex('p.Met41Thr 3/15'), 'p.Met41Thr 3/15');
  });

  it('escapes Markdown markup, citations and table pipes', () => {
    assert.strictEqual(escapeMarkdownText('a *b* _c_ [d] @e $f$ `g`'), 'a \\*b\\* \\_c\\_ \\[d\\] \\@e \\$f\\$ \\`g\\`');
    assert.strictEqual(escapeMarkdownTableCell('a | b\nc'), 'a \\| b c');
  });
});
