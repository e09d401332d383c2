import * as assert from 'assert';
import * as path from 'path';
import { fuzz } from '../fuzz/fuzz';

/**
 * The short, fixed-seed fuzz run that CI does on every change (`npm run fuzz -- --minutes 10` is
 * the long one): every parser and scanner on random and mutated inputs, no throw, no slow input,
 * sorted in-bounds ranges, every good bibliography entry kept around broken ones.
 */
describe('fuzz: a short fixed-seed run', function () {
  this.timeout(60_000);

  it('finds nothing in 8 seconds of inputs (seed 20261130)', async () => {
    const report = await fuzz({ seed: 20261130, durationMs: 8_000, maxSize: 2048, timeLimitMs: 1500, root: path.resolve(__dirname, '../../..') });
    assert.ok(report.inputs > 200, `only ${report.inputs} inputs`);
    assert.deepStrictEqual(report.failures.map(f => `${f.target} (seed ${f.seed}): ${f.problem.slice(0, 300)}`), []);
  });
});
