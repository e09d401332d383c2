import * as assert from 'assert';
import { parseBibTeX } from '../../../../src/core/bibliography';
import { findCitations } from '../../../../src/core/citations';
import { citationGroups, CitationFormatter } from '../../../../src/core/output/renderCitations';

const BIB = parseBibTeX(String.raw`
@article{beck2020, author = {Beck, David and Ferrada, Marcela and Sikora, Keith}, title = {Somatic}, year = 2020}
@article{grayson2021, author = {Grayson, Peter and Beck, David}, title = {VEXAS}, year = 2021}
`);
const lookup = (key: string) => BIB.entries.find(e => e.key === key);
const render = (text: string, style: 'vancouver' | 'apa') => {
  // As the preview does: the groups read from the source, then formatted in document order.
  const { groups, nocite } = citationGroups(text, findCitations(text, 'markdown'));
  const formatter = new CitationFormatter(lookup, style);
  const replacements = groups.map(g => ({ start: g.start, end: g.end, text: formatter.format(g) }));
  formatter.addUncited(nocite);
  let out = text;
  for (const x of [...replacements].reverse()) out = out.slice(0, x.start) + x.text + out.slice(x.end);
  return { out, order: formatter.order, unknown: formatter.unknown };
};

describe('core/output: citations rendered for the preview', () => {
  const text = 'A [see @grayson2021, p. 3; @beck2020]. B [-@beck2020]. As @beck2020 [p. 5] showed. C [@nowhere].';
  it('numbered (Vancouver): numbers in order of first citation, locators and prefixes kept, unknown keys marked', () => {
    const r = render(text, 'vancouver');
    assert.strictEqual(r.out, 'A [see 1, p. 3, 2]. B [2]. As Beck et al. [2, p. 5] showed. C [@nowhere?].');
    assert.deepStrictEqual(r.order, ['grayson2021', 'beck2020']);
    assert.deepStrictEqual(r.unknown, ['nowhere']);
  });
  it('author–year (APA): names and years, suppress-author, in-text', () => {
    const r = render(text, 'apa');
    assert.strictEqual(r.out, 'A (see Grayson & Beck, 2021, p. 3; Beck et al., 2020). B (2020). As Beck et al. (2020, p. 5) showed. C (@nowhere?).');
    assert.deepStrictEqual(r.order, ['grayson2021', 'beck2020'], 'cited works, for the list (sorted there)');
  });
});
