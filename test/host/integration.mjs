#!/usr/bin/env node
// `npm run test:integration`: the integration suite (test/integration) inside a real VS Code extension host.
// On Debian-based Linux with Node 20 it uses the offline host (code-server + headless Chromium, installed
// into .vscode-test/ on first use); elsewhere, or with VEXAS_TEST_HOST=electron, @vscode/test-electron.
// Exit code: 0 when every test passed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, chromiumPath, ensureOfflineHost, offlineHostUnavailableReason, hostVSCodeVersion } from './vscodeHost.mjs';
import { startCodeServer, launchChromium, freePort } from './codeServer.mjs';
import { EXTENSION_TESTS_PATH, buildExtensionAndTests, scratchWorkspace } from './prepare.mjs';

const { values: opts } = parseArgs({ options: {
  timeout: { type: 'string', default: process.env.VEXAS_TEST_TIMEOUT ?? '600' },
  verbose: { type: 'boolean', default: !!process.env.VEXAS_TEST_VERBOSE },
} });
const t0 = Date.now();
const log = m => console.error(`[integration ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const forced = process.env.VEXAS_TEST_HOST;
const unavailable = forced === 'electron' ? 'VEXAS_TEST_HOST=electron' : offlineHostUnavailableReason();
if (unavailable) {
  log(`using @vscode/test-electron (${unavailable})`);
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'electron', 'runTests.mjs')], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

let codeServer, browser, finished = false;
const seenAtStart = new Set();
async function finish(code, why) {
  if (finished) return;
  finished = true;
  log(`${why} -> exit code ${code}`);
  try { await browser?.close(); } catch { /* closing anyway */ }
  await codeServer?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

/** Error and warning notifications the workbench raised about this extension's contributions. */
async function startProblems(page) {
  const id = `${PACKAGE.publisher}.${PACKAGE.name}`.toLowerCase();
  // eslint-disable-next-line no-undef -- runs in the workbench page
  const texts = await page.evaluate(() => [...document.querySelectorAll('.notification-list-item')]
    .filter(el => el.querySelector('.codicon-error, .codicon-warning'))
    .map(el => el.getAttribute('aria-label') || el.textContent || ''));
  return [...new Set(texts)].filter(t => t.toLowerCase().includes(`[${id}]`));
}

let workspace;
try {
  const codeServerDir = ensureOfflineHost();
  buildExtensionAndTests();
  workspace = scratchWorkspace();
  log(`VS Code ${hostVSCodeVersion()} (code-server); workspace ${workspace}`);
  setTimeout(() => finish(124, `timed out after ${opts.timeout} s`), Number(opts.timeout) * 1000).unref();

  codeServer = await startCodeServer({
    codeServerDir, folder: workspace, port: await freePort(), verbose: opts.verbose,
    onExit: (code, output) => { process.stderr.write(output.slice(-4000)); finish(3, `code-server exited early (${code})`); },
  });
  browser = await launchChromium(chromiumPath(), codeServer.tmp);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  // In extension-test mode the workbench forwards the extension host's console (mocha's reporter) here,
  // and reports the test run's exit code through codeAutomationExit.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    (console[type] ?? console.log)(...(Array.isArray(args) ? args : [args]));
  });
  await page.exposeFunction('codeAutomationExit', async code => {
    // Problems VS Code found in our manifest at start (an unknown snippet language, say) are shown to
    // extension developers as notifications prefixed with the extension id: any of them fails the run.
    const manifestProblems = [...new Set([...seenAtStart, ...await startProblems(page).catch(e => [`could not read the notifications: ${e}`])])];
    if (manifestProblems.length > 0) {
      for (const p of manifestProblems) console.error(`notification at start: ${p}`);
      return finish(6, `${manifestProblems.length} error or warning notification(s) about the extension's manifest`);
    }
    return finish(code, 'extension host tests finished');
  });
  page.on('pageerror', e => { if (opts.verbose) log(`page error: ${e}`); });
  page.on('crash', () => finish(4, 'the workbench page crashed'));
  if (opts.verbose) page.on('console', m => console.error(`[page] ${m.text()}`));
  // Toasts go when later ones come: watch them while the workbench starts (the first 30 s).
  const watchStart = Date.now();
  const watcher = setInterval(() => {
    if (Date.now() - watchStart > 30_000) return clearInterval(watcher);
    startProblems(page).then(found => found.forEach(p => seenAtStart.add(p))).catch(() => { /* page busy or gone */ });
  }, 500);
  watcher.unref();
  await page.goto(codeServer.url([
    ['extensionDevelopmentPath', codeServer.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', codeServer.remoteUri(EXTENSION_TESTS_PATH)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await finish(5, 'could not run the integration tests');
}
