#!/usr/bin/env node
// `npm start [-- <folder>]`: build the extension and open it in a real VS Code (code-server, 127.0.0.1
// only). With a folder, that folder is opened and edited in place (your manuscripts); without one, a
// scratch copy of the sample workspace (test/fixtures/workspace) is opened and deleted on Ctrl-C.
// Prints the URL; Ctrl-C stops everything it started and touches nothing in your folder.
// PORT picks the port (default: 8080 if free, else any free port).
//   --check     open the workbench in headless Chromium, wait until the extension is active and the
//               folder is shown, check the folder was not changed, then stop (exit 0)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, ensureOfflineHost, offlineHostUnavailableReason, hostVSCodeVersion, chromiumPath } from './vscodeHost.mjs';
import { startCodeServer, freePort, launchChromium } from './codeServer.mjs';
import { scratchWorkspace } from './prepare.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    check: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const t0 = Date.now();
const say = m => console.log(`[start ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const unavailable = offlineHostUnavailableReason();
if (unavailable && opts.check) {
  console.log(`npm run test:start skipped: ${unavailable} (the integration suite runs through @vscode/test-electron there).`);
  process.exit(0);
}
if (unavailable) {
  console.error(`npm start serves VS Code through code-server, which is not available here: ${unavailable}.\n` +
    'In desktop VS Code, open this folder and press F5 (Run Extension) instead.');
  process.exit(1);
}

// The author's folder, opened as it is; or the sample, copied to a scratch folder first.
const own = positionals[0] ? resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]) : undefined;
if (own && (!existsSync(own) || !statSync(own).isDirectory())) {
  console.error(`${own} is not a folder. Usage: npm start -- <folder with your manuscripts>`);
  process.exit(1);
}

const codeServerDir = ensureOfflineHost();
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const workspace = own ?? scratchWorkspace('vexas-sample-');
const before = own ? snapshot(own) : undefined;

let server, browser, stopping = false;
async function stop(code, why) {
  if (stopping) return;
  stopping = true;
  say(`${why}: stopping`);
  try { await browser?.close(); } catch { /* closing anyway */ }
  await server?.stop();
  if (!own) rmSync(workspace, { recursive: true, force: true }); // the scratch copy only, never your folder
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
say(`VS Code ${hostVSCodeVersion()} with VEXAS Manuscript Assistant`);
console.log(own
  ? `\n  Your folder: ${own}\n  It is opened as it is: edits you make there are saved there.\n`
  : `\n  Sample workspace: a SCRATCH COPY at ${workspace}\n  It is deleted when you press Ctrl-C: nothing written there is kept.\n` +
    '  To work on your own manuscripts instead: npm start -- /path/to/your/folder\n');
console.log(`  Open:  ${url}\n\n  Press Ctrl-C to stop.\n`);

if (opts.check) {
  browser = await launchChromium(chromiumPath(), server.tmp);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The folder is what the workbench shows: its name heads the Explorer and the window title.
  const name = basename(workspace);
  await page.waitForFunction(n => document.title.includes(n), name, { timeout: 30_000 }); // eslint-disable-line no-undef
  say(`the workbench shows the folder "${name}"`);
  const manuscript = own ? findManuscript(own) : 'manuscript.md';
  if (manuscript) {
    await page.keyboard.press('Control+P');
    await page.keyboard.type(manuscript);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(3000);
  }
  await page.keyboard.press('F1');
  await page.keyboard.type('VEXAS: Show Extension Status');
  await page.keyboard.press('Enter');
  const toast = await page.waitForSelector('text=/VEXAS Manuscript Assistant .* is active/', { timeout: 30_000 });
  say(`extension active: "${(await toast.textContent())?.trim()}"`);
  if (opts.screenshot) { await page.screenshot({ path: opts.screenshot }); say(`screenshot: ${opts.screenshot}`); }
  if (own) {
    const after = snapshot(own);
    if (after !== before) {
      console.error(`Your folder changed while it was open:\n--- before\n${before}\n--- after\n${after}`);
      await stop(2, 'check failed');
    }
    say('your folder is unchanged');
  }
  await stop(0, 'check passed');
}

/** Every file below `dir` with its size and modification time: to tell that nothing was changed. */
function snapshot(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => { const p = join(e.parentPath ?? e.path, e.name); const s = statSync(p); return `${p} ${s.size} ${s.mtimeMs}`; })
    .sort().join('\n');
}

/** A Markdown or LaTeX file in the folder (top level first), to open for the check. */
function findManuscript(dir) {
  const names = readdirSync(dir, { recursive: true }).map(String).filter(n => /\.(md|qmd|rmd|tex)$/i.test(n) && !n.includes('node_modules'));
  names.sort((a, b) => a.split('/').length - b.split('/').length);
  return names[0];
}
