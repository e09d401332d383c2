import * as assert from 'assert';
import { SERVED_LANGUAGE_IDS, syntaxForLanguageId } from '../../../src/core/languages';

describe('core/languages', () => {
  const cases: Array<[string, 'markdown' | 'latex' | undefined]> = [
    ['markdown', 'markdown'],
    ['quarto', 'markdown'],
    ['rmd', 'markdown'],
    ['latex', 'latex'],
    ['tex', 'latex'],
    ['plaintext', undefined],
    ['bibtex', undefined],
    ['toString', undefined], // an Object.prototype name is not a language
  ];
  for (const [id, expected] of cases) {
    it(`${id} -> ${expected ?? 'not served'}`, () => {
      assert.strictEqual(syntaxForLanguageId(id), expected);
    });
  }

  it('every activation language in package.json is served', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../../../package.json') as { activationEvents: string[] };
    const activated = manifest.activationEvents
      .filter(e => e.startsWith('onLanguage:'))
      .map(e => e.slice('onLanguage:'.length))
      .filter(id => id !== 'bibtex'); // .bib files activate the extension for their diagnostics, not as manuscripts
    for (const id of activated) assert.ok(SERVED_LANGUAGE_IDS.includes(id), `${id} activates but is not served`);
  });
});
