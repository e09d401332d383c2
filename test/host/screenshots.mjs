#!/usr/bin/env node
// Takes the README's screenshots from the real editor: code-server with the extension (as `npm start`
// runs it), driven by headless Chromium. Writes media/screenshots/*.png.
//   node test/host/screenshots.mjs [--only name] [--verbose]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, ensureOfflineHost, chromiumPath } from './vscodeHost.mjs';
import { startCodeServer, freePort, launchChromium } from './codeServer.mjs';
import { scratchWorkspace } from './prepare.mjs';

const { values: opts } = parseArgs({ options: { only: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const OUT = join(REPO_ROOT, 'media', 'screenshots');
mkdirSync(OUT, { recursive: true });
const log = m => console.log(`[screenshots] ${m}`);

const codeServerDir = ensureOfflineHost();
if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
// The registries cannot be reached here: the reference check is shown against the test suite's local
// stand-in (fictional works under 10.5555), with a manuscript citing them.
if (spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
const requireOut = createRequire(import.meta.url);
const { startRegistryServer } = requireOut(join(REPO_ROOT, 'out', 'test', 'support', 'registryServer.js'));
const { startZoteroServer } = requireOut(join(REPO_ROOT, 'out', 'test', 'support', 'zoteroServer.js'));
const registry = await startRegistryServer();
const zotero = await startZoteroServer({ localApi: true, betterBibtex: true });
const workspace = scratchWorkspace('vexas-screens-');
mkdirSync(join(workspace, 'check'), { recursive: true });
writeFileSync(join(workspace, 'check', 'paper.md'), '---\nbibliography: refs.bib\n---\n\n# Treatment\n\nTocilizumab was studied [@wrongyear] and reviewed [@retracted2022].\n' +
  'A trial followed [@preprint2023; @fine2024].\n');
writeFileSync(join(workspace, 'check', 'refs.bib'), [
  '@article{retracted2022, author = {Withdrawn, Will}, title = {A retracted example}, journal = {Journal of Examples}, year = 2022, doi = {10.5555/vexas.retracted}}',
  '@misc{preprint2023, author = {Preprinter, Pat}, title = {A preprint about {VEXAS} treatment}, year = 2023, doi = {10.1101/2099.01.01.000001}}',
  '@article{fine2024, author = {Dvořák, Zoë}, title = {Somatic {UBA1} variants \\& 50\\% relapse in {VEXAS}: a test\\_cohort}, journal = {J Examples}, year = 2024, doi = {10.5555/vexas.test.1}}',
  '@article{wrongyear, author = {Exampleson, Erin}, title = {Tocilizumab in an example cohort with {VEXAS} syndrome}, year = 2018, pmid = {99000001}}', ''].join('\n'));
const server = await startCodeServer({
  codeServerDir, folder: workspace, port: await freePort(), verbose: opts.verbose,
  settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 15, 'window.commandCenter': false,
    'workbench.tips.enabled': false, 'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false, 'editor.hover.delay': 100, 'breadcrumbs.enabled': false,
    'vexas.network.enabled': true, 'vexas.network.cacheDays': 0, 'vexas.zotero.enabled': true, 'vexas.zotero.url': zotero.url,
    ...Object.fromEntries(Object.entries(registry.endpoints).map(([name, url]) => [`vexas.network.endpoints.${name}`, url])) },
});
const browser = await launchChromium(chromiumPath(), server.tmp);
let failed = false;
try {
  // The default layout authors work in: sidebar and editor side by side in a 1400×900 window.
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 })).newPage();
  await page.goto(server.url([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)], ['skipWelcome', 'true']]));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForTimeout(2500);

  const command = async (title, input) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget:visible');
    await page.keyboard.type(title);
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    if (input !== undefined) {
      await page.waitForTimeout(400);
      await page.keyboard.type(input);
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(400);
  };
  // Quick Open finds files only once the workspace is indexed: try until the editor shows the file.
  const openFile = async name => {
    const base = name.split('/').pop();
    for (let attempt = 1; ; attempt++) {
      await command('Go to File', name);
      try {
        await page.waitForSelector(`.tab.active[aria-label*="${base}"]`, { timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.waitForTimeout(1000);
  };
  const goTo = async (line, column) => command('Go to Line/Column', `${line}:${column}`);
  const shot = async (name, what) => {
    if (opts.only && opts.only !== name) return;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    try {
      const clip = await what();
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(OUT, `${name}.png`), ...(clip ? { clip } : {}) });
      log(`${name}.png`);
    } catch (e) {
      failed = true;
      log(`${name}: ${e instanceof Error ? e.message : e}`);
    }
  };
  // The first hover waits for the knowledge base and the citation formatter: ask again until it shows.
  const showHover = async () => {
    for (let attempt = 1; ; attempt++) {
      await command('Show or Focus Hover');
      try {
        await page.waitForSelector('.monaco-hover:visible', { timeout: 8_000 });
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.waitForTimeout(800);
  };
  const editorClip = { x: 0, y: 0, width: 1400, height: 640 };

  await openFile('manuscript.md');
  await page.waitForTimeout(3000); // first use: the knowledge base and the citation formatter load
  await shot('hover-term', async () => { await goTo(15, 34); await showHover(); return editorClip; });
  await shot('hover-citation', async () => { await goTo(35, 35); await showHover(); return editorClip; });
  await shot('complete-citation', async () => {
    await goTo(21, 41);
    await page.keyboard.press('End');
    await page.keyboard.type(' Azacitidine was reported on [@inflam');
    await page.waitForSelector('.suggest-widget:visible', { timeout: 15_000 });
    return editorClip;
  });
  await shot('complete-term', async () => {
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Most carried M41T; treated with tocil');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget:visible', { timeout: 15_000 });
    return editorClip;
  });
  await shot('diagnostics', async () => {
    await command('Focus on Problems View');
    await page.waitForTimeout(1500);
    return undefined;
  });
  await shot('insert-citation', async () => {
    await command('View: Close Panel');
    await command('VEXAS: Insert Citation');
    await page.waitForTimeout(500);
    await page.keyboard.type('jak');
    await page.waitForTimeout(1200);
    return editorClip;
  });
  await shot('evidence-sidebar', async () => {
    await command('Focus on Therapy Evidence View');
    await page.waitForTimeout(1500);
    for (const label of ['IL-6 inhibitors', 'IL-6 inhibitors (class-level)', 'JAK inhibitors', 'Tocilizumab']) {
      const row = page.locator('.monaco-list-row', { hasText: label }).first();
      await row.click();
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(500);
    }
    return undefined;
  });
  await shot('evidence-details', async () => {
    await command('Focus on Therapy Evidence View');
    await page.waitForTimeout(1500);
    await page.locator('.monaco-list-row', { hasText: 'JAK inhibitors' }).first().click();
    await page.keyboard.press('Control+Alt+D');
    await page.waitForTimeout(3000);
    return undefined;
  });
  await shot('insert-citation-fetch', async () => {
    await page.keyboard.press('Escape');
    await command('View: Close Panel');
    await command('View: Close Editor'); // the details panel: Insert Citation acts on the manuscript
    await openFile('manuscript.md');
    await goTo(16, 20);
    await command('VEXAS: Insert Citation');
    await page.waitForTimeout(500);
    await page.keyboard.type('https://doi.org/10.5555/vexas.test.1');
    await page.waitForTimeout(1200);
    return editorClip;
  });
  await shot('zotero-picker', async () => {
    await page.keyboard.press('Escape');
    await command('VEXAS: Cite from Zotero');
    await page.waitForTimeout(800);
    await page.keyboard.type('vexas');
    await page.waitForTimeout(1500);
    return editorClip;
  });
  await shot('insert-citation-zotero', async () => {
    await page.keyboard.press('Escape');
    await command('VEXAS: Insert Citation');
    await page.waitForTimeout(800);
    await page.keyboard.type('ruxolitinib');
    await page.waitForTimeout(2000);
    return editorClip;
  });
  await page.keyboard.press('Escape');
  await command('File: Revert File');
  await shot('reference-check', async () => {
    await openFile('check/paper.md');
    await command('VEXAS: Check References');
    await page.waitForTimeout(3000);
    await command('Focus on Reference Check View');
    await page.waitForTimeout(1500);
    return undefined;
  });
  await shot('preview-citations', async () => {
    await openFile('manuscript.md');
    await command('Markdown: Open Preview to the Side');
    await page.waitForTimeout(4000);
    return undefined;
  });
  await shot('word-count', async () => {
    await command('View: Close Editor');
    await openFile('manuscript.md');
    await command('VEXAS: Word Count');
    await page.waitForTimeout(1200);
    return undefined;
  });
  await shot('checklist', async () => {
    await page.keyboard.press('Escape');
    await openFile('manuscript.md');
    await command('VEXAS: Focus on Reporting Checklist View');
    await page.waitForTimeout(800);
    // Room for it: the other VEXAS views folded, as an author would while going through the list.
    for (const title of ['Therapy Evidence', 'References', 'Reference Check']) {
      const header = page.locator('.pane-header[aria-expanded="true"]', { has: page.locator('h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) }).first();
      if (await header.count()) await header.click();
    }
    await page.waitForTimeout(1200);
    return undefined;
  });
  await page.keyboard.press('Escape');
  await openFile('manuscript.tex');
  await shot('complete-latex', async () => {
    await goTo(17, 1);
    await page.keyboard.type('It was first described by~\\textcite{bec');
    await page.waitForSelector('.suggest-widget:visible', { timeout: 15_000 });
    return editorClip;
  });
} finally {
  await browser.close();
  await server.stop();
  await registry.close();
  await zotero.close();
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
