import * as assert from 'assert';
import { parseBibTeX } from '../../../../src/core/bibliography';
import { referenceList } from '../../../../src/core/output/referenceList';

const BIB = parseBibTeX(String.raw`
@article{zeta2020, author = {Zeta, Anna}, title = {Last alphabetically, cited first}, journal = {J Ex}, year = 2020, volume = 1, pages = {1--2}}
@article{alpha2021, author = {Alpha, Ben}, title = {First alphabetically: *not* emphasis}, journal = {J Ex}, year = 2021, volume = 2, pages = {3--4}}
`);
const lookup = (key: string) => BIB.entries.find(e => e.key === key);

describe('core/output: the reference list', () => {
  it('numbered styles list in order of first citation, once each; missing keys apart', () => {
    const list = referenceList(['zeta2020', 'alpha2021', 'zeta2020', 'nowhere'], lookup, 'vancouver', 'text');
    assert.deepStrictEqual(list.keys, ['zeta2020', 'alpha2021']);
    assert.deepStrictEqual(list.missing, ['nowhere']);
    assert.match(list.text, /^1\. Zeta A\. Last alphabetically, cited first\..*\n2\. Alpha B\./s);
    assert.match(list.text, /Not found in any bibliography: nowhere\n$/);
  });

  it('author–year styles list alphabetically; Markdown escapes what would be markup; HTML is a list', () => {
    const md = referenceList(['zeta2020', 'alpha2021'], lookup, 'apa', 'markdown');
    assert.deepStrictEqual(md.keys, ['alpha2021', 'zeta2020']);
    assert.match(md.text, /^- Alpha, B\. \(2021\)\. First alphabetically: \\\*not\\\* emphasis\./);
    const html = referenceList(['zeta2020'], lookup, 'vancouver', 'html');
    assert.match(html.text, /^<ol>\n {2}<li>.*Zeta A.*<\/li>\n<\/ol>\n$/s);
  });
});
