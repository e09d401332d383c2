import * as assert from 'assert';
import { parseBibTeX } from '../../../../src/core/bibliography/parseBibTeX';
import { formatReference } from '../../../../src/core/bibliography/format';

describe('core/bibliography/format: author lists ending in "and others"', () => {
  const [truncated, complete] = parseBibTeX(
    '@article{a, author = {Beck, David B. and Ferrada, Marcela A. and others}, title = {Somatic mutations}, journal = {N Engl J Med}, year = 2020, volume = 383, pages = {2628--2638}}\n' +
    '@article{b, author = {Beck, David B. and Ferrada, Marcela A.}, title = {Somatic mutations}, journal = {N Engl J Med}, year = 2020, volume = 383, pages = {2628--2638}}').entries;

  const expected: Array<[Parameters<typeof formatReference>[1], RegExp]> = [
    ['vancouver', /^Beck DB, Ferrada MA, et al\. Somatic mutations\./],
    ['ama', /^Beck DB, Ferrada MA, et al\. Somatic mutations\./],
    ['apa', /^Beck, D\. B\., Ferrada, M\. A\., et al\. \(2020\)/],
    ['harvard', /^Beck, D\.B\., Ferrada, M\.A\., et al\. \(2020\)/],
  ];
  for (const [style, re] of expected) {
    it(`${style}: a truncated list says "et al."`, () => assert.match(formatReference(truncated, style, 'text'), re));
    it(`${style}: a complete list does not`, () => assert.doesNotMatch(formatReference(complete, style, 'text'), /et al/));
  }
  it('html output too', () => assert.match(formatReference(truncated, 'apa', 'html'), /Ferrada, M\. A\., et al\./));
});
