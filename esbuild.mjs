// Build script.
//   node esbuild.mjs               bundle src/extension.ts -> dist/extension.js (Node) and
//                                  src/web/extension.ts -> dist/web/extension.js (web worker), with source maps
//   node esbuild.mjs --production  the same, minified (used by `vsce package`)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       transpile src/ and test/ to out/ for mocha (unit) and the extension host (integration)
//   node esbuild.mjs --web-tests   bundle test/web/suite/ -> out-web/suite/index.js for the web worker host (and its registry stand-in)
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
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

/**
 * The web build runs in a browser's web worker: a Node built-in imported anywhere in its graph is a
 * build error naming the importer (esbuild's own message would suggest building for Node instead).
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, ({ path, importer }) => {
      const bare = path.replace(/^node:/, '').split('/')[0];
      if (!path.startsWith('node:') && !builtins.has(bare)) return undefined;
      if (!importer.includes('node_modules') || path.startsWith('node:')) {
        return { errors: [{ text: `"${path}" is a Node built-in: the web build runs in a browser's web worker, where it does not exist. Keep Node-only code behind src/extension.ts (the desktop entry).` }] };
      }
      return undefined; // a dependency's own import: its package.json "browser" field or an npm polyfill decides
    });
  },
};

/** Node globals left in the web bundle: each would throw a ReferenceError in the web worker (`Buffer` is left out: the npm polyfill a dependency bundles defines its own). */
function nodeGlobalsIn(file) {
  const text = readFileSync(file, 'utf8');
  return [...new Set([...text.matchAll(/\b(process\.[A-Za-z]+|global\.[A-Za-z]+|__dirname|__filename|setImmediate\()/g)].map(m => m[1]))];
}

/** @type {import('esbuild').BuildOptions} */
const webOptions = {
  ...extensionOptions,
  entryPoints: ['src/web/extension.ts'],
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  plugins: [noNodeBuiltins],
  define: {
    ...extensionOptions.define,
    // citation-js reads these two when it thinks it runs in Node (no `document`), as a web worker has
    // none: its User-Agent string for fetching (which we never let it do) and a console for its logger.
    'process.version': '"web"',
    'process.stderr': 'undefined',
  },
};

async function buildWeb(options) {
  await esbuild.build(options);
  const found = nodeGlobalsIn(options.outfile);
  if (found.length > 0) throw new Error(`${options.outfile} uses Node globals that a web worker lacks: ${found.join(', ')}`);
}

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
} else if (args.has('--web-tests')) {
  rmSync('out-web', { recursive: true, force: true });
  await esbuild.build({
    ...webOptions,
    entryPoints: ['test/web/suite/index.ts', 'test/web/screenshot.ts'],
    outfile: undefined,
    outdir: 'out-web',
    minify: false,
    define: { VEXAS_CHECK_PROGRESS: 'false' },
    // The `assert` polyfill (and `util` under it) reads `process`, which a web worker lacks: the test
    // bundle gets a local one (the host wraps each bundle in a function, so it is not global and the
    // tests can still see that the worker itself has none).
    banner: { js: 'var process = { env: {}, nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)) };' },
    plugins: [],
  });
  // The registry stand-in the runner starts in Node for the web suite's lookups.
  await esbuild.build({ entryPoints: ['test/web/registryStandIn.ts'], outfile: 'out-web/registryStandIn.js',
    bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning' });
} else if (args.has('--watch')) {
  const contexts = [await esbuild.context(extensionOptions), await esbuild.context(webOptions)];
  await Promise.all(contexts.map(c => c.watch()));
  console.log('[watch] watching src/ for changes');
} else {
  await esbuild.build(extensionOptions);
  await buildWeb(webOptions);
}
