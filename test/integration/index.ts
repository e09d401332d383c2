import * as path from 'path';
import * as fs from 'fs';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import SummaryReporter from '../support/summaryReporter';

/**
 * Entry point loaded by the extension host (`extensionTestsPath`) under both launchers:
 * the offline code-server host (test/host/integration.mjs) and @vscode/test-electron.
 */
export function run(): Promise<void> {
  console.log(`Integration suite in VS Code ${vscode.version} (${vscode.env.appName}, host: ${vscode.env.appHost}, ` +
    `ui: ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, node ${process.versions.node})`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: SummaryReporter });
  const only = process.env.VEXAS_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run(failures => failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve());
  });
}
