// Shared by both integration launchers: build what the extension host loads, and give the tests
// a scratch copy of the sample workspace (tests edit files; the fixtures in the repo stay untouched).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './vscodeHost.mjs';

export const EXTENSION_TESTS_PATH = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
export const FIXTURE_WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');

export function buildExtensionAndTests() {
  for (const args of [['esbuild.mjs'], ['esbuild.mjs', '--tests']]) {
    const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  }
}

export function scratchWorkspace(prefix = 'vexas-workspace-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return dir;
}
