/**
 * Citation keys from another source (the desktop's Zotero) in completion. Completion must answer at
 * once, so the source is asked only from 3 typed characters, given a short budget, and its answers
 * are kept: one that comes late serves the next keystroke (the list is marked incomplete, so VS Code
 * asks again). A source that fails is left alone for a while: no request per keystroke to a closed Zotero.
 */
import type * as vscode from 'vscode';
import type { ExtraSources, SourceRow } from './citationSources';

const MIN_PREFIX = 3;
/** How long completion waits for the source before showing what it has. */
const BUDGET_MS = 300;
/** After a failure, the source is not asked from completion for this long. */
const BACK_OFF_MS = 30_000;
/** Answers kept, by typed prefix, and for how long (the library changes too). */
const KEPT = 50;
const KEPT_MS = 60_000;

export class SourceCompletion {
  private readonly answers = new Map<string, { rows: readonly SourceRow[]; at: number }>();
  private readonly asking = new Map<string, Promise<void>>();
  private failedAt = -Infinity;

  constructor(private readonly sources: ExtraSources) {}

  /** The source's rows for `prefix`, if it has answered (now or before) within the budget; none otherwise. */
  async rows(prefix: string, token: vscode.CancellationToken): Promise<readonly SourceRow[]> {
    const source = this.sources.extra;
    const query = prefix.trim();
    if (!source || query.length < MIN_PREFIX || !source.usable()) return [];
    const known = this.answers.get(query);
    if (known && Date.now() - known.at < KEPT_MS) return known.rows;
    if (Date.now() - this.failedAt < BACK_OFF_MS) return [];
    let asked = this.asking.get(query);
    if (!asked) {
      asked = source.search(query).then(found => {
        if (found.ok) this.keep(query, found.rows);
        else this.failedAt = Date.now();
      }).finally(() => this.asking.delete(query));
      this.asking.set(query, asked);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([asked, new Promise<void>(resolve => { timer = setTimeout(resolve, BUDGET_MS); token.onCancellationRequested(() => resolve()); })]);
    clearTimeout(timer);
    return this.answers.get(query)?.rows ?? [];
  }

  private keep(query: string, rows: readonly SourceRow[]): void {
    this.answers.delete(query);
    this.answers.set(query, { rows, at: Date.now() });
    for (const old of this.answers.keys()) { if (this.answers.size <= KEPT) break; this.answers.delete(old); }
  }
}
