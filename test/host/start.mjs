#!/usr/bin/env node
// `npm start`: build the extension and open it in a real VS Code (code-server, 127.0.0.1 only) on a copy
// of the sample workspace (test/fixtures/workspace). Prints the URL; Ctrl-C stops everything it started.
// PORT picks the port (default: 8080 if free, else any free port).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REPO_ROOT, ensureOfflineHost, offlineHostUnavailableReason, hostVSCodeVersion, chromiumPath } from './vscodeHost.mjs';
import { startCodeServer, freePort, launchChromium } from './codeServer.mjs';
import { scratchWorkspace } from './prepare.mjs';

const { values: opts } = parseArgs({ options: {
  // --check: open the workbench in headless Chromium, wait until the extension is active, then stop (exit 0).
  check: { type: 'boolean', default: false },
  screenshot: { type: 'string' },
  verbose: { type: 'boolean', default: false },
} });
const t0 = Date.now();
const say = m => console.log(`[start ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const unavailable = offlineHostUnavailableReason();
if (unavailable) {
  console.error(`npm start serves VS Code through code-server, which is not available here: ${unavailable}.\n` +
    'In desktop VS Code, open this folder and press F5 (Run Extension) instead.');
  process.exit(1);
}

const codeServerDir = ensureOfflineHost();
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const workspace = scratchWorkspace('vexas-sample-');

let server, browser, stopping = false;
async function stop(code, why) {
  if (stopping) return;
  stopping = true;
  say(`${why}: stopping`);
  try { await browser?.close(); } catch { /* closing anyway */ }
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => stop(0, 'Ctrl-C'));
process.on('SIGTERM', () => stop(0, 'SIGTERM'));

const requested = process.env.PORT ? Number(process.env.PORT) : undefined;
const port = requested ?? await freePort(8080);
if (requested && (await freePort(requested)) !== requested) {
  console.error(`PORT ${requested} is in use; choose another or unset PORT.`);
  process.exit(1);
}
server = await startCodeServer({
  codeServerDir, folder: workspace, port, verbose: opts.verbose,
  onExit: (code, output) => { process.stderr.write(output.slice(-4000)); stop(1, `code-server exited (${code})`); },
});
// The extension is loaded as a development extension, exactly as F5 does in desktop VS Code.
const url = server.url([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)], ['skipWelcome', 'true']]);
say(`VS Code ${hostVSCodeVersion()} with VEXAS Manuscript Assistant, sample workspace ${workspace}`);
console.log(`\n  Open:  ${url}\n\n  Press Ctrl-C to stop.\n`);

if (opts.check) {
  browser = await launchChromium(chromiumPath(), server.tmp);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(url);
  // The extension host logs each activation; an opened manuscript activates the extension (onLanguage:markdown).
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.keyboard.press('Control+P');
  await page.keyboard.type('manuscript.md');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(3000);
  await page.keyboard.press('F1');
  await page.keyboard.type('VEXAS: Show Extension Status');
  await page.keyboard.press('Enter');
  const toast = await page.waitForSelector('text=/VEXAS Manuscript Assistant .* is active/', { timeout: 30_000 });
  say(`extension active: "${(await toast.textContent())?.trim()}"`);
  if (opts.screenshot) { await page.screenshot({ path: opts.screenshot }); say(`screenshot: ${opts.screenshot}`); }
  await stop(0, 'check passed');
}
