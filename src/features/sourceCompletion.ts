/**
 * Citation keys from another source (the desktop's Zotero) in completion. Completion must answer at
 * once, so the source is asked only from 3 typed characters, one request at a time (a newer prefix
 * cancels an older one), with a short budget. Answers are kept by prefix: while the author types on,
 * the answer for the longest prefix already asked is narrowed here, without waiting, and the source
 * is asked again for what is typed now. A source that fails is left alone for a while: no request
 * per keystroke to a closed Zotero.
 */
import type * as vscode from 'vscode';
import type { ExtraSources, SourceRow } from './citationSources';

const MIN_PREFIX = 3;
/** How long completion waits for the source when nothing kept can stand in. */
const BUDGET_MS = 300;
/** After a failure, the source is not asked from completion for this long. */
const BACK_OFF_MS = 30_000;
/** Answers kept, by typed prefix, and for how long (the library changes too). */
const KEPT = 50;
const KEPT_MS = 60_000;

export class SourceCompletion {
  private readonly answers = new Map<string, { rows: readonly SourceRow[]; at: number }>();
  private asking: { query: string; done: Promise<void>; controller: AbortController } | undefined;
  private failedAt = -Infinity;

  constructor(private readonly sources: ExtraSources) {}

  /** The source's rows for `prefix`: kept or narrowed from a shorter prefix's at once, else what it answers within the budget. */
  async rows(prefix: string, token: vscode.CancellationToken): Promise<readonly SourceRow[]> {
    const source = this.sources.extra;
    const query = prefix.trim();
    if (!source || query.length < MIN_PREFIX || !source.usable()) return [];
    const now = Date.now();
    const exact = this.answers.get(query);
    if (exact && now - exact.at < KEPT_MS) return exact.rows;
    if (now - this.failedAt < BACK_OFF_MS) return [];
    const done = this.ask(query);
    const shorter = this.shorterAnswer(query, now);
    if (shorter) return shorter;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled: vscode.Disposable | undefined;
    await Promise.race([done, new Promise<void>(resolve => {
      timer = setTimeout(resolve, BUDGET_MS);
      cancelled = token.onCancellationRequested(() => resolve());
    })]);
    clearTimeout(timer);
    cancelled?.dispose();
    return this.answers.get(query)?.rows ?? [];
  }

  /** Asks the source for `query` unless it is being asked already; cancels a question for another prefix. Never rejects. */
  private ask(query: string): Promise<void> {
    if (this.asking?.query === query) return this.asking.done;
    this.asking?.controller.abort();
    const source = this.sources.extra!;
    const controller = new AbortController();
    const done = source.search(query, controller.signal).then(found => {
      if (found.ok) this.keep(query, found.rows);
      else if (!controller.signal.aborted) this.failedAt = Date.now();
    }, () => { this.failedAt = Date.now(); }).finally(() => {
      if (this.asking?.controller === controller) this.asking = undefined;
    });
    this.asking = { query, done, controller };
    return done;
  }

  /** The rows kept for the longest shorter prefix, narrowed to those still matching what is typed. */
  private shorterAnswer(query: string, now: number): readonly SourceRow[] | undefined {
    for (let end = query.length - 1; end >= MIN_PREFIX; end--) {
      const kept = this.answers.get(query.slice(0, end));
      if (!kept || now - kept.at >= KEPT_MS) continue;
      const q = query.toLowerCase();
      return kept.rows.filter(r => [r.key, r.title, r.description].some(t => t?.toLowerCase().includes(q)));
    }
    return undefined;
  }

  private keep(query: string, rows: readonly SourceRow[]): void {
    this.answers.delete(query);
    this.answers.set(query, { rows, at: Date.now() });
    for (const old of this.answers.keys()) { if (this.answers.size <= KEPT) break; this.answers.delete(old); }
  }
}
