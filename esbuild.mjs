// Build script.
//   node esbuild.mjs               bundle src/extension.ts -> dist/extension.js (development, source maps)
//   node esbuild.mjs --production  the same, minified (used by `vsce package`)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       transpile src/ and test/ to out/ for mocha (unit) and the extension host (integration)
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Every .ts file below `dir` (declaration files excluded). */
function tsFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map(e => join(e.parentPath ?? e.path, e.name));
}

/** @type {import('esbuild').BuildOptions} */
const extensionOptions = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // VS Code 1.85 (the oldest editor we support) runs extensions on Node 18.
  target: 'node18',
  external: ['vscode'],
  // ESM builds first: jsonc-parser's UMD "main" loads its parts with a dynamic require that a bundle cannot follow.
  mainFields: ['module', 'main'],
  sourcemap: true,
  sourcesContent: false,
  minify: production,
  legalComments: 'linked',
  // Problems only: esbuild's size table marks any output over 1 MB with a warning sign, which reads
  // like a fault to someone running npm start for the first time (the bundle carries citation-js).
  logLevel: 'warning',
  // The scanners' loop-progress checks (src/core/progress.ts) run in tests only.
  define: { VEXAS_CHECK_PROGRESS: 'false' },
};

if (args.has('--tests')) {
  rmSync('out', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [...tsFiles('src'), ...tsFiles('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    sourcemap: 'inline',
    logLevel: 'warning',
    define: { VEXAS_CHECK_PROGRESS: 'true' },
  });
} else if (args.has('--watch')) {
  const ctx = await esbuild.context(extensionOptions);
  await ctx.watch();
  console.log('[watch] watching src/ for changes');
} else {
  await esbuild.build(extensionOptions);
}
