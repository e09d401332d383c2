import * as assert from 'assert';
import { normalizeDoi, stripDoiPrefix } from '../../../../src/core/identifiers/doi';

describe('core/bibliography/doi', () => {
  const cases: Array<[string, string]> = [
    ['10.1186/s10020-024-00922-8', '10.1186/s10020-024-00922-8'],
    ['https://doi.org/10.1056/NEJMoa2026834', '10.1056/NEJMoa2026834'],
    ['HTTP://DX.DOI.ORG/10.1056/NEJMoa2026834', '10.1056/NEJMoa2026834'],
    ['doi: 10.1177/15353702231165030 ', '10.1177/15353702231165030'],
  ];
  for (const [input, stripped] of cases) {
    it(`${JSON.stringify(input)} → ${stripped}`, () => {
      assert.strictEqual(stripDoiPrefix(input), stripped);
      assert.strictEqual(normalizeDoi(input), stripped.toLowerCase());
    });
  }
});
