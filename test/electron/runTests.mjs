#!/usr/bin/env node
// `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by @vscode/test-electron
// (for machines that can download it). VSCODE_TEST_VERSION picks the version: `stable` (default),
// `insiders`, or a number such as 1.85.2 (the oldest editor this extension supports).
import { rmSync } from 'node:fs';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../host/vscodeHost.mjs';
import { EXTENSION_TESTS_PATH, buildExtensionAndTests, scratchWorkspace } from '../host/prepare.mjs';

buildExtensionAndTests();
const workspace = scratchWorkspace();
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: EXTENSION_TESTS_PATH,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
