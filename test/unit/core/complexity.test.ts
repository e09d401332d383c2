import * as assert from 'assert';
import * as fs from 'fs';
import { FAMILIES } from '../../fuzz/adversarial';
import { TARGETS, type Target } from '../../fuzz/targets';

/**
 * Size-doubling tests: every scanner, on every adversarial family of its grammar, at n and 8n
 * characters. Linear code takes about 8 times as long; the limit is 16 times (a quadratic scanner
 * takes 64 times). Timing is the best of three runs, each repeated for at least 5 ms; a ratio over
 * the limit is measured twice more before the test fails. (Beyond a few hundred thousand characters
 * of live results V8's garbage collector itself grows faster than linearly: 8,000 → 64,000 measures
 * the scanners, not the collector.)
 * `VEXAS_COMPLEXITY_REPORT=file.md` writes the measured ratios as a table.
 */
const SMALL = 8_000;
const FACTOR = 8;
const MAX_RATIO = 16;
/** Below this, at 8n, a run is too short for its ratio to mean anything (and too fast to matter). */
const NOISE_FLOOR_MS = 5;

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
    if (file) fs.writeFileSync(file, `| target | input family | n (characters) | ms at n | ms at 8n | ratio |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
  });

  for (const family of FAMILIES) {
    for (const target of TARGETS.filter(t => t.grammar === family.grammar || t.grammar === 'any')) {
      it(`${target.name}: ${family.name}`, async () => {
        const n = SMALL;
        const small = family.make(n);
        await target.run(small); // warm up
        let t1 = await bestTime(target, small);
        const large = family.make(n * FACTOR);
        let t8 = await bestTime(target, large);
        let ratio = t8 / Math.max(t1, 1e-3);
        for (let retry = 0; retry < 2 && ratio > MAX_RATIO && t8 >= NOISE_FLOOR_MS; retry++) {
          // Again before failing (the best of the attempts counts): a busy machine or one collection can
          // slow one measurement; a superlinear scanner is over the limit every time.
          const a1 = await bestTime(target, small);
          const a8 = await bestTime(target, large);
          if (a8 / Math.max(a1, 1e-3) < ratio) {
            t1 = a1;
            t8 = a8;
            ratio = a8 / Math.max(a1, 1e-3);
          }
        }
        rows.push(`| ${target.name} | ${family.name.replace(/\|/g, '\\|')} | ${small.length} | ${t1.toFixed(2)} | ${t8.toFixed(2)} | ${ratio.toFixed(1)} |`);
        if (t8 >= NOISE_FLOOR_MS) {
          assert.ok(ratio <= MAX_RATIO, `${large.length} characters took ${t8.toFixed(1)} ms, ${ratio.toFixed(1)}x the ${t1.toFixed(1)} ms of ${small.length}`);
        }
      });
    }
  }
});
