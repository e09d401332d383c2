import * as assert from 'assert';
import * as fs from 'fs';
import { FAMILIES } from '../../fuzz/adversarial';
import { TARGETS, type Target } from '../../fuzz/targets';

/**
 * Size-doubling tests: every scanner, on every adversarial family of its grammar, at n and 8n
 * characters. Linear code takes about 8 times as long; the limit is 16 times (a quadratic scanner
 * takes 64 times). Timing is the best of three runs, each repeated for at least 5 ms; a ratio over
 * the limit is measured once more before the test fails.
 * `VEXAS_COMPLEXITY_REPORT=file.md` writes the measured ratios as a table.
 */
const SMALL = 8_000;
const FACTOR = 8;
const MAX_RATIO = 16;
/** Below this, at 8n, a run is too short for its ratio to mean anything (and too fast to matter). */
const NOISE_FLOOR_MS = 2;

async function bestTime(target: Target, text: string): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 3; trial++) {
    let runs = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      await target.run(text);
      runs++;
      elapsed = performance.now() - start;
    } while (elapsed < 5);
    best = Math.min(best, elapsed / runs);
  }
  return best;
}

const rows: string[] = [];

describe('complexity: n -> 8n stays within 16x the time', function () {
  this.timeout(120_000);

  after(() => {
    const file = process.env.VEXAS_COMPLEXITY_REPORT;
    if (file) fs.writeFileSync(file, `| target | input family | ms at n | ms at 8n | ratio |\n|---|---|---|---|---|\n${rows.join('\n')}\n`);
  });

  for (const family of FAMILIES) {
    for (const target of TARGETS.filter(t => t.grammar === family.grammar || t.grammar === 'any')) {
      it(`${target.name}: ${family.name}`, async () => {
        const small = family.make(SMALL);
        const large = family.make(SMALL * FACTOR);
        await target.run(small); // warm up
        let t1 = await bestTime(target, small);
        let t8 = await bestTime(target, large);
        let ratio = t8 / Math.max(t1, 1e-3);
        if (ratio > MAX_RATIO && t8 >= NOISE_FLOOR_MS) {
          // Once more before failing: a busy machine can slow one measurement; a superlinear scanner fails twice.
          t1 = Math.min(t1, await bestTime(target, small));
          t8 = Math.min(t8, await bestTime(target, large));
          ratio = t8 / Math.max(t1, 1e-3);
        }
        rows.push(`| ${target.name} | ${family.name.replace(/\|/g, '\\|')} | ${t1.toFixed(2)} | ${t8.toFixed(2)} | ${ratio.toFixed(1)} |`);
        if (t8 >= NOISE_FLOOR_MS) {
          assert.ok(ratio <= MAX_RATIO, `${large.length} characters took ${t8.toFixed(1)} ms, ${ratio.toFixed(1)}x the ${t1.toFixed(1)} ms of ${small.length}`);
        }
      });
    }
  }
});
