import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatReference, registerCslStyle } from '../../../../src/core/bibliography/format';
import { parseBibTeX } from '../../../../src/core/bibliography';

describe('core/bibliography: an author\'s CSL style', () => {
  it('formats with a registered style, and refuses what is not one, saying why', () => {
    const xml = fs.readFileSync(path.resolve(__dirname, '../../../../../test/fixtures/styles/house.csl'), 'utf8');
    const style = registerCslStyle(xml);
    assert.ok(style.ok);
    assert.strictEqual(style.numeric, false);
    assert.deepStrictEqual(registerCslStyle(xml), style, 'the same XML, the same name');
    const entry = parseBibTeX('@article{k, author = {Beck, David and Grayson, Peter}, title = {Somatic}, year = 2020}').entries[0];
    assert.strictEqual(formatReference(entry, style.name, 'text'), 'HOUSE: Beck and Grayson / Somatic / 2020');
    const refused = (text: string) => { const r = registerCslStyle(text); return r.ok ? 'ok' : r.message; };
    assert.match(refused('<html/>'), /no <style> element in the CSL namespace/);
    assert.match(refused('<style xmlns="http://purl.org/net/xbiblio/csl"><citation/></style>'), /no <bibliography> layout/);
    assert.match(refused('<style xmlns="http://purl.org/net/xbiblio/csl"><bibliography><layout><text variable="title"></layout></bibliography></style>'), /^citeproc cannot run it/);
  });
});
