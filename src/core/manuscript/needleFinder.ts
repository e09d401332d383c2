/**
 * `indexOf` for a fixed needle during a forward scan, remembering its last answer: when a scan
 * meets many openers (`<!--`, `\(`, `$$`) before one far closer, or none at all, each later query
 * is answered without searching again, which keeps the whole pass linear.
 */
export class NeedleFinder {
  private answeredFrom = Number.POSITIVE_INFINITY;
  private answer = -1;

  constructor(private readonly text: string, private readonly needle: string) {}

  /** First index >= `from` where the needle occurs, or -1. */
  find(from: number): number {
    if (from >= this.answeredFrom && (this.answer < 0 || from <= this.answer)) return this.answer;
    this.answeredFrom = from;
    this.answer = this.text.indexOf(this.needle, from);
    return this.answer;
  }
}
