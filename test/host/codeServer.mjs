// Start and stop a private code-server bound to 127.0.0.1: its own user-data, extensions and XDG dirs
// in a temp folder (nothing written to ~), no auth, no telemetry, no update or gallery queries.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

/** A free TCP port on 127.0.0.1: `preferred` when it is free, else one the system picks. */
export async function freePort(preferred) {
  const tryPort = port => new Promise(resolvePort => {
    const s = createServer();
    s.once('error', () => resolvePort(undefined));
    s.listen(port, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolvePort(p)); });
  });
  return (preferred ? await tryPort(preferred) : undefined) ?? await tryPort(0);
}

/**
 * Starts code-server. Returns { url(payload), remoteUri(path), stop(), process, tmp }.
 * `settings` become the user settings of this private profile.
 */
export async function startCodeServer({ codeServerDir, folder, port, settings = {}, verbose = false, onExit }) {
  const tmp = mkdtempSync(join(tmpdir(), 'vexas-code-server-'));
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) mkdirSync(join(tmp, d), { recursive: true });
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  writeFileSync(join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    ...settings,
  }, null, 2));

  const child = spawn(process.execPath, [join(codeServerDir, 'out', 'node', 'entry.js'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(tmp, 'config.yaml'),
    '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened'], {
    detached: true,   // its own process group, so stop() ends the extension host and pty host too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
      XDG_DATA_HOME: join(tmp, 'xdg-data'),
      TMPDIR: join(tmp, 'tmp'),
      EXTENSIONS_GALLERY: '{}',
    },
  });
  const output = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', d => { output.push(d.toString()); if (verbose) process.stderr.write(`[code-server] ${d}`); });
  }
  let stopping = false;
  child.on('exit', (code, signal) => { if (!stopping) onExit?.(code ?? signal, output.join('')); });

  const base = `http://127.0.0.1:${port}`;
  const folderQuery = `folder=${encodeURIComponent(folder)}`;
  let html;
  for (const deadline = Date.now() + 60_000; ;) {
    try {
      const r = await fetch(`${base}/?${folderQuery}`);
      if (r.ok) { html = await r.text(); break; }
    } catch { /* not listening yet */ }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`code-server did not answer on ${base}:\n${output.join('').slice(-2000)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const config = html.match(/id="vscode-workbench-web-configuration" data-settings="([^"]*)"/);
  const remoteAuthority = config
    ? JSON.parse(config[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).remoteAuthority
    : 'remote';

  function remoteUri(absolutePath) {
    return `vscode-remote://${remoteAuthority}${absolutePath.split(sep).map(encodeURIComponent).join('/')}`;
  }
  function url(payload) {
    const p = payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
    return `${base}/?${folderQuery}${p}`;
  }
  async function stop() {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise(r => { const t = setTimeout(r, 3000); child.once('exit', () => { clearTimeout(t); r(); }); });
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  return { base, url, remoteUri, stop, process: child, tmp };
}

/** Headless Debian Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium(executablePath, tmp) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_CACHE_HOME: join(tmp, 'xdg-cache'), TMPDIR: join(tmp, 'tmp') },
    // Without the background-networking flags Chromium keeps trying hosts this offline machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
