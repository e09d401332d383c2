/**
 * A service's published manners: at most `concurrency` requests at a time, at least `intervalMs`
 * between starts, and a pause when it answers 429 with Retry-After. One limiter per service,
 * shared by every command, so two commands together still keep the limit.
 */
export class RateLimiter {
  private running = 0;
  private lastStart = -Infinity;
  private pausedUntil = 0;
  private readonly waiting: Array<() => void> = [];
  private timerPending = false;

  constructor(
    private readonly intervalMs: number,
    private readonly concurrency: number,
    private readonly setTimeout: (fn: () => void, ms: number) => unknown,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` when the limits allow. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>(resolve => { this.waiting.push(resolve); this.pump(); });
    try {
      return await task();
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** No request starts for `seconds` (the service's Retry-After). */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.running < this.concurrency) {
      const wait = Math.max(this.lastStart + this.intervalMs, this.pausedUntil) - this.now();
      if (wait > 0) {
        if (!this.timerPending) {
          this.timerPending = true;
          this.setTimeout(() => { this.timerPending = false; this.pump(); }, wait);
        }
        return;
      }
      this.running++;
      this.lastStart = this.now();
      this.waiting.shift()!();
    }
  }
}
