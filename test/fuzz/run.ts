/**
 * `npm run fuzz [-- --seed N] [--minutes M] [--max-size S]`: the fuzz suite in a worker thread,
 * watched from here, so that even an endless loop is reported (with its seed and input) instead of
 * hanging the run. Failing inputs are written to fuzz-failures/ to reproduce.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { fixtures, fuzz, inputFor, type FuzzFailure } from './fuzz';
import { TARGETS } from './targets';

interface Options { seed: number; minutes: number; maxSize: number; root: string }

const ROOT = path.resolve(__dirname, '../../..');
/** A target that has not returned after this long is hung. */
const HANG_MS = 20_000;

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    seed: Number(get('seed') ?? Math.floor(Math.random() * 2 ** 31)),
    minutes: Number(get('minutes') ?? 1),
    maxSize: Number(get('max-size') ?? 4096),
    root: ROOT,
  };
}

function save(failure: FuzzFailure, index: number): string {
  const dir = path.join(ROOT, 'fuzz-failures');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${failure.seed}-${index}.txt`);
  fs.writeFileSync(file, failure.input);
  return path.relative(ROOT, file);
}

if (isMainThread) {
  const options = parseArgs(process.argv.slice(2));
  console.log(`fuzz: seed ${options.seed}, ${options.minutes} min, inputs up to ${options.maxSize} characters, ${TARGETS.length} targets`);
  const worker = new Worker(__filename, { workerData: options });
  let last = { target: '', seed: 0, at: Date.now() };
  const watchdog = setInterval(() => {
    if (Date.now() - last.at < HANG_MS) return;
    clearInterval(watchdog);
    void worker.terminate();
    const grammar = TARGETS.find(t => t.name === last.target)?.grammar;
    const input = grammar && grammar !== 'any' ? inputFor(last.seed, grammar, fixtures(ROOT), options.maxSize) : '';
    const file = save({ target: last.target, seed: last.seed, input, problem: 'hang' }, 0);
    console.error(`HANG: ${last.target} did not return within ${HANG_MS / 1000} s on seed ${last.seed} (input in ${file})`);
    process.exitCode = 1;
  }, 1000);
  worker.on('message', (m: { kind: string; target?: string; seed?: number; report?: { inputs: number; byTarget: [string, number][]; failures: FuzzFailure[]; elapsedMs: number } }) => {
    if (m.kind === 'input') {
      last = { target: m.target!, seed: m.seed!, at: Date.now() };
      return;
    }
    clearInterval(watchdog);
    const report = m.report!;
    console.log(`${report.inputs} inputs in ${(report.elapsedMs / 1000).toFixed(1)} s`);
    for (const [target, runs] of report.byTarget) console.log(`  ${target.padEnd(32)} ${runs} runs`);
    report.failures.forEach((f, i) => console.error(`FAIL ${f.target} (seed ${f.seed}, input in ${save(f, i + 1)}): ${f.problem.slice(0, 500)}`));
    console.log(report.failures.length === 0 ? 'no failures' : `${report.failures.length} failures`);
    if (report.failures.length > 0) process.exitCode = 1;
    void worker.terminate();
  });
  worker.on('error', e => {
    clearInterval(watchdog);
    console.error(`fuzz worker crashed after ${last.target} (seed ${last.seed}): ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  });
} else {
  const options = workerData as Options;
  void fuzz({
    seed: options.seed, durationMs: options.minutes * 60_000, maxSize: options.maxSize, timeLimitMs: 2000, root: options.root,
    onInput: (target, seed) => parentPort!.postMessage({ kind: 'input', target, seed }),
  }).then(report => parentPort!.postMessage({ kind: 'done', report: { ...report, byTarget: [...report.byTarget] } }));
}
