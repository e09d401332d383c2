/**
 * Better BibTeX auto-exports (files exported with "Keep updated") and whether one is behind the
 * Zotero library. Better BibTeX's JSON-RPC can add an auto-export (`autoexport.add`) but not list
 * them, and the files it writes carry no mark of their origin, so the author names them
 * (`vexas.zotero.autoExports`: paths or glob patterns). Their age on disk is compared with the
 * library's latest change, as Zotero's local API reports it.
 */
import { compileGlob } from '../glob';
import { inertText } from '../messageText';
import type { ZoteroChange } from './zoteroResponses';

/** A bibliography file: its path relative to the manuscript's workspace folder (when inside it) and its absolute path, with `/`. */
export interface BibliographyPath {
  readonly relative?: string;
  readonly absolute: string;
}

/**
 * Which files the author named as auto-exports. A pattern that starts with `/` or a drive letter is
 * absolute; any other is relative to the workspace folder. `*` and `?` stay within a folder, `**`
 * spans folders, `{a,b}` is either.
 */
export function autoExportMatcher(patterns: readonly string[], caseInsensitive: boolean): (file: BibliographyPath) => boolean {
  const compiled = patterns.map(p => p.trim().replace(/\\/g, '/')).filter(p => p !== '')
    .map(p => ({ absolute: isAbsolute(p), match: compileGlob(p.replace(/^\.\//, ''), { caseInsensitive }) }));
  return file => compiled.some(({ absolute, match }) => {
    const path = absolute ? file.absolute.replace(/\\/g, '/') : file.relative;
    return path !== undefined && match(path);
  });
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/**
 * - `fresh`: written after the library's latest change (or the library is empty).
 * - `pending`: the library changed after the file was written, moments ago: Better BibTeX waits a few
 *   seconds after a change ("Delay auto-export for", 5 s by default) and then needs time to write.
 * - `stale`: the library changed after the file was written, longer ago than that.
 */
export type ExportFreshness = 'fresh' | 'pending' | 'stale';

/** How long after a change in Zotero an export not yet rewritten is still taken as being written. */
export const EXPORT_GRACE_MS = 60_000;

export function exportFreshness(writtenMs: number, change: ZoteroChange | null, nowMs: number, graceMs = EXPORT_GRACE_MS): ExportFreshness {
  // Zotero keeps whole seconds: a change within the second the file was written counts as written.
  if (!change || change.at <= Math.floor(writtenMs / 1000) * 1000) return 'fresh';
  return nowMs - change.at < graceMs ? 'pending' : 'stale';
}

export interface ExportCheck {
  /** The file name, as the author knows it (`references.bib`). */
  readonly name: string;
  readonly writtenMs: number;
  readonly freshness: ExportFreshness;
}

/** What the status bar shows when an export is behind the library; undefined when none is. */
export function staleExportStatus(checks: readonly ExportCheck[], change: ZoteroChange, zoteroRunning: boolean, formatTime: (ms: number) => string): { text: string; tooltip: string } | undefined {
  const stale = checks.filter(c => c.freshness === 'stale');
  if (stale.length === 0) return undefined;
  const text = stale.length === 1 ? `$(warning) ${inertText(stale[0].name)} behind Zotero` : `$(warning) ${stale.length} Zotero exports behind`;
  const tooltip = [
    `${stale.map(c => `${c.name} (a Better BibTeX auto-export) was written ${formatTime(c.writtenMs)}`).join('; ')}; ` +
      `your Zotero library changed ${formatTime(change.at)} ("${shorten(change.title)}").`,
    staleAdvice(zoteroRunning),
    'Click to check again.',
  ].join('\n\n');
  return { text, tooltip };
}

/** One sentence per export, for the check command's message. */
export function exportReport(checks: readonly ExportCheck[], change: ZoteroChange | null, zoteroRunning: boolean, formatTime: (ms: number) => string): string {
  const changed = change ? `your Zotero library last changed ${formatTime(change.at)} ("${shorten(change.title)}")` : 'your Zotero library is empty';
  // A notification: names and titles stay text (see inertText).
  const lines = checks.map(c => ({ ...c, name: inertText(c.name) })).map(c => c.freshness === 'fresh'
    ? `${c.name} is up to date: written ${formatTime(c.writtenMs)}, and ${changed}.`
    : c.freshness === 'pending'
      ? `${c.name} was written ${formatTime(c.writtenMs)}, and ${changed}: Better BibTeX usually rewrites it within a minute.`
      : `${c.name} is behind: written ${formatTime(c.writtenMs)}, and ${changed}.`);
  if (checks.some(c => c.freshness === 'stale')) lines.push(staleAdvice(zoteroRunning));
  return lines.join(' ');
}

function staleAdvice(zoteroRunning: boolean): string {
  return (zoteroRunning ? '' : 'Zotero is not running now; Better BibTeX can only write the file while it runs. ') +
    'If the changed item is in the exported collection, Better BibTeX has not rewritten the file: in Zotero\'s settings, ' +
    'Better BibTeX → Automatic export: "On Change" rewrites it within seconds, "When Idle" only once Zotero has been left ' +
    'alone, "Paused" not until it is resumed; the list there also shows where each export is written. ' +
    'A change to an item outside the exported collection leaves the file as it is, and nothing is wrong.';
}

function shorten(title: string): string {
  return inertText(title.length > 80 ? `${title.slice(0, 79)}…` : title);
}
