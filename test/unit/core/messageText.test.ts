import * as assert from 'assert';
import { inertText } from '../../../src/core/messageText';
import { exportReport, staleExportStatus } from '../../../src/core/zotero/autoExports';

// VS Code's notifications link `[label](target)` (command: targets included); both they and status bar items draw `$(icon)`.
const LINK = /\[[^\]]+\]\((?:https?:|command:|file:)/;

describe('core/messageText: untrusted text in notifications', () => {
  it('keeps links and icons from becoming live, and is idempotent', () => {
    const evil = '[Fix it](command:workbench.action.reloadWindow) $(warning)';
    assert.doesNotMatch(inertText(evil), LINK);
    assert.doesNotMatch(inertText(evil), /\$\(/);
    assert.strictEqual(inertText(inertText(evil)), inertText(evil));
    assert.strictEqual(inertText('Beck et al. (2020) [p. 3]'), 'Beck et al. (2020) [p. 3]', 'ordinary brackets are untouched');
  });

  it('a Zotero title or an export\'s file name shaped like a command link stays text in the report and the status', () => {
    const change = { at: Date.parse('2026-11-30T10:00:00Z'), key: 'ABCD2345', title: '[Open](command:workbench.action.terminal.new)' };
    const checks = [{ name: '[x](command:evil).bib', writtenMs: Date.parse('2026-11-30T09:00:00Z'), freshness: 'stale' as const }];
    const time = (ms: number) => new Date(ms).toISOString();
    assert.doesNotMatch(exportReport(checks, change, true, time), LINK);
    const status = staleExportStatus(checks, change, true, time)!;
    assert.doesNotMatch(status.text, LINK);
    assert.ok(status.text.startsWith('$(warning) '), 'our own icon stays');
  });
});
