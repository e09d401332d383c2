import * as assert from 'assert';
import { autoExportMatcher, exportFreshness, exportReport, staleExportStatus, EXPORT_GRACE_MS, type ExportCheck } from '../../../../src/core/zotero/autoExports';
import { parseLastChange } from '../../../../src/core/zotero/zoteroResponses';

const at = (iso: string) => Date.parse(iso);
const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('core/zotero: Better BibTeX auto-exports', () => {
  describe('which files the author named', () => {
    const file = (relative: string | undefined, absolute: string) => ({ relative, absolute });

    it('matches workspace-relative paths and globs, and absolute paths against the absolute path only', () => {
      const named = autoExportMatcher(['references.bib', './exports/*.json', '**/zotero-*.bib', '/home/ana/Zotero/my library.bib', 'C:\\Users\\ana\\lib.bib'], false);
      assert.ok(named(file('references.bib', '/w/references.bib')));
      assert.ok(named(file('exports/vexas.json', '/w/exports/vexas.json')));
      assert.ok(!named(file('exports/deep/vexas.json', '/w/exports/deep/vexas.json')), '* stays within a folder');
      assert.ok(named(file('zotero-a.bib', '/w/zotero-a.bib')), '**/ also matches at the top');
      assert.ok(named(file('papers/one/zotero-b.bib', '/w/papers/one/zotero-b.bib')));
      assert.ok(named(file(undefined, '/home/ana/Zotero/my library.bib')), 'a file outside the workspace, by its absolute path');
      assert.ok(named(file(undefined, 'C:/Users/ana/lib.bib')), 'Windows paths, either slash');
      assert.ok(!named(file('home/ana/Zotero/my library.bib', '/w/home/ana/Zotero/my library.bib')), 'an absolute pattern is not a relative one');
      assert.ok(!named(file('library.bib', '/w/library.bib')));
      assert.ok(!named(file('Xreferences.bib', '/w/Xreferences.bib')), 'the whole path, not a suffix');
    });

    it('takes regular-expression characters literally, names nothing by an empty or unclosed pattern, and folds case only when asked', () => {
      assert.ok(autoExportMatcher(['refs (1).bib'], false)(file('refs (1).bib', '/w/refs (1).bib')));
      assert.ok(!autoExportMatcher(['refs.bib'], false)(file('refsXbib', '/w/refsXbib')));
      assert.ok(autoExportMatcher(['{a,b}.bib'], false)(file('b.bib', '/w/b.bib')) && !autoExportMatcher(['{a,b}.bib'], false)(file('c.bib', '/w/c.bib')));
      assert.ok(!autoExportMatcher(['{a,b.bib', '', '   '], false)(file('a.bib', '/w/a.bib')));
      assert.ok(!autoExportMatcher(['References.bib'], false)(file('references.bib', '/w/references.bib')));
      assert.ok(autoExportMatcher(['References.bib'], true)(file('references.bib', '/w/references.bib')));
    });
  });

  describe('the library\'s latest change, as Zotero\'s local API answers it', () => {
    it('reads data.dateModified (ISO 8601, UTC), the key and the title; null for an empty library', () => {
      const text = JSON.stringify([{ key: 'ZK7QF2XA', version: 12, data: { key: 'ZK7QF2XA', itemType: 'journalArticle', title: 'Ruxolitinib', dateModified: '2024-05-03T10:00:00Z' } }]);
      assert.deepStrictEqual(parseLastChange(text), { at: at('2024-05-03T10:00:00Z'), key: 'ZK7QF2XA', title: 'Ruxolitinib' });
      assert.strictEqual(parseLastChange('[]'), null);
    });

    it('refuses anything else: HTML, an object, a date that is not ISO 8601, no key', () => {
      for (const text of ['<html>Zotero Connector</html>', '{"key":"A"}', '[{"key":"A","data":{"dateModified":"yesterday"}}]',
        '[{"key":"A","data":{"dateModified":"2024-05-03"}}]', '[{"data":{"dateModified":"2024-05-03T10:00:00Z"}}]', '[{"key":"A"}]']) {
        assert.strictEqual(parseLastChange(text), undefined, text);
      }
    });
  });

  describe('whether an export is behind the library', () => {
    const change = { at: at('2024-05-03T10:00:00Z'), key: 'ZK7QF2XA', title: 'Ruxolitinib in a fictional VEXAS series' };
    const later = (ms: number) => change.at + ms;

    it('fresh when written after the latest change, or in the same second (Zotero keeps whole seconds), or for an empty library', () => {
      assert.strictEqual(exportFreshness(later(5_000), change, later(600_000)), 'fresh');
      assert.strictEqual(exportFreshness(later(400), change, later(600_000)), 'fresh');
      assert.strictEqual(exportFreshness(later(-1), null, later(600_000)), 'fresh');
    });

    it('pending for a minute after a change the file does not have yet, then stale', () => {
      const written = later(-3_600_000);
      assert.strictEqual(exportFreshness(written, change, later(10_000)), 'pending');
      assert.strictEqual(exportFreshness(written, change, later(EXPORT_GRACE_MS - 1)), 'pending');
      assert.strictEqual(exportFreshness(written, change, later(EXPORT_GRACE_MS)), 'stale');
      assert.strictEqual(exportFreshness(later(-1_000), change, later(EXPORT_GRACE_MS + 5)), 'stale', 'a second older is older');
    });

    it('the status names the file, both times and the changed item, and says what to check in Better BibTeX', () => {
      const checks: ExportCheck[] = [{ name: 'zotero.bib', writtenMs: at('2024-05-03T09:00:00Z'), freshness: 'stale' }, { name: 'other.bib', writtenMs: later(1_000), freshness: 'fresh' }];
      const status = staleExportStatus(checks, change, true, time);
      assert.strictEqual(status?.text, '$(warning) zotero.bib behind Zotero');
      assert.match(status.tooltip, /^zotero\.bib \(a Better BibTeX auto-export\) was written 09:00; your Zotero library changed 10:00 \("Ruxolitinib in a fictional VEXAS series"\)\./);
      assert.match(status.tooltip, /Better BibTeX → Automatic export: "On Change" .* "When Idle" .* "Paused"/);
      assert.doesNotMatch(status.tooltip, /not running/);
      assert.match(staleExportStatus(checks, change, false, time)!.tooltip, /Zotero is not running now/);
      assert.strictEqual(staleExportStatus([{ ...checks[0], freshness: 'stale' }, { ...checks[1], freshness: 'stale' }], change, true, time)?.text, '$(warning) 2 Zotero exports behind');
    });

    it('no status when nothing is stale (fresh, or still being written)', () => {
      assert.strictEqual(staleExportStatus([{ name: 'a.bib', writtenMs: later(1_000), freshness: 'fresh' }, { name: 'b.bib', writtenMs: 0, freshness: 'pending' }], change, true, time), undefined);
    });

    it('the check command\'s report says for each file whether it is up to date', () => {
      const report = exportReport([{ name: 'a.bib', writtenMs: later(60_000), freshness: 'fresh' }], change, true, time);
      assert.strictEqual(report, 'a.bib is up to date: written 10:01, and your Zotero library last changed 10:00 ("Ruxolitinib in a fictional VEXAS series").');
      assert.match(exportReport([{ name: 'a.bib', writtenMs: 0, freshness: 'pending' }], change, true, time), /Better BibTeX usually rewrites it within a minute\.$/);
      assert.match(exportReport([{ name: 'a.bib', writtenMs: 0, freshness: 'fresh' }], null, true, time), /your Zotero library is empty/);
      assert.match(exportReport([{ name: 'a.bib', writtenMs: 0, freshness: 'stale' }], change, true, time), /^a\.bib is behind: .* Automatic export/);
    });
  });
});
