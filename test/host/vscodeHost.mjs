// The offline VS Code host: code-server (VS Code server + web workbench, a real Node extension host)
// installed from the npm registry into .vscode-test/, driven by headless Debian Chromium.
// Used by the integration tests (test/host/integration.mjs) and by `npm start` (test/host/start.mjs).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, readFileSync, copyFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// code-server 4.100.x is VS Code 1.100, the newest code-server that runs on Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
// @vscode/ripgrep's postinstall downloads ripgrep unless its cache already holds the asset;
// these are the versions code-server 4.100.3 pins (lib/vscode/npm-shrinkwrap.json, its postinstall.js).
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';
const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'pkg-config', 'build-essential', 'python3'];

export const HOST_DIR = join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_PACKAGE = join(HOST_DIR, 'node_modules', 'code-server');
const COMPLETE_MARKER = join(HOST_DIR, '.install-complete');

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const log = message => console.error(`[vscode-host] ${message}`);

/**
 * Why the offline host cannot run on this machine (undefined when it can). The caller then uses
 * @vscode/test-electron instead: that is the path for macOS, Windows and non-Debian Linux.
 */
export function offlineHostUnavailableReason() {
  if (process.platform !== 'linux') return `the offline host needs Debian packages; this is ${process.platform}`;
  if (!commandExists('dpkg-query') || !commandExists('apt-get')) return 'the offline host needs a Debian-based system (dpkg, apt-get)';
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) return `code-server ${CODE_SERVER_VERSION} needs Node 20 (this is Node ${process.versions.node})`;
  return undefined;
}

function commandExists(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter(p => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function installDebianPackages(packages) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudoWorks = !isRoot && commandExists('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!isRoot && !sudoWorks) {
    throw new Error(
      `The offline VS Code test host needs these Debian packages: ${packages.join(' ')}.\n` +
      `Install them with:  sudo apt-get install --no-install-recommends ${packages.join(' ')}\n` +
      'then run the tests again (or run `npm run test:electron` on a machine that can download VS Code).');
  }
  const run = (argv) => {
    const [cmd, ...rest] = isRoot ? argv : ['sudo', '-n', ...argv];
    const r = spawnSync(cmd, rest, {
      stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status})`);
  };
  log(`installing Debian packages: ${packages.join(' ')}`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** Installs code-server into .vscode-test/ on first use (idempotent); returns the code-server package dir. */
export function ensureOfflineHost() {
  const missing = missingDebianPackages();
  if (missing.length) installDebianPackages(missing);
  if (existsSync(COMPLETE_MARKER) && existsSync(join(CODE_SERVER_PACKAGE, 'out', 'node', 'entry.js'))) {
    return CODE_SERVER_PACKAGE;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} (VS Code 1.100) into ${HOST_DIR}; this happens once`);
  rmSync(HOST_DIR, { recursive: true, force: true });
  mkdirSync(HOST_DIR, { recursive: true });

  // A private temp dir: the ripgrep cache seed lives here, and must be the TMPDIR of the install.
  const tmp = join(HOST_DIR, 'tmp');
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(join(tmp, 'rg'), { recursive: true });
  mkdirSync(rgCache, { recursive: true });
  copyFileSync('/usr/bin/rg', join(tmp, 'rg', 'rg'));
  execFileSync('tar', ['czf', join(rgCache, `ripgrep-${RIPGREP_ASSET_VERSION}-x86_64-unknown-linux-musl.tar.gz`), '-C', join(tmp, 'rg'), 'rg']);

  writeFileSync(join(HOST_DIR, 'package.json'), JSON.stringify({ name: 'vexas-test-host', private: true, allowScripts: { 'code-server': true } }, null, 2));
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',                     // code-server's postinstall refuses root without it
    npm_config_yes: 'true',                             // node-pty's postinstall runs `npx node-gyp`
    npm_config_dangerously_allow_all_scripts: 'true',   // its nested installs build native modules
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';   // Debian's Node headers: no download
  const r = spawnSync('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: HOST_DIR, env, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`installing code-server failed (npm exit ${r.status})`);
  for (const f of [
    join(CODE_SERVER_PACKAGE, 'out', 'node', 'entry.js'),
    join(CODE_SERVER_PACKAGE, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
    join(CODE_SERVER_PACKAGE, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
  ]) {
    if (!existsSync(f)) throw new Error(`code-server install is incomplete: ${f} is missing`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(COMPLETE_MARKER, new Date().toISOString() + '\n');
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return CODE_SERVER_PACKAGE;
}

/** VS Code version of the installed host. */
export function hostVSCodeVersion() {
  return JSON.parse(readFileSync(join(CODE_SERVER_PACKAGE, 'lib', 'vscode', 'package.json'), 'utf8')).version;
}
