import { releaseMemory } from './memory';

/** Characters scanned between yields when built in steps (a few ms each). */
const STEP_CHARS = 4 << 20;

/**
 * Line and character (UTF-16 code units) of offsets in a text, as editors count them. Built once
 * per text in one `indexOf` pass; each look-up is a binary search, so placing every diagnostic of a
 * 35 MB bibliography stays linear instead of rescanning the text from the top per offset.
 */
export class LineIndex {
  /** `starts`: offset where each line starts, ascending; line 0 starts at 0. */
  private constructor(private readonly starts: Int32Array) {}

  static of(text: string): LineIndex {
    const builder = new LineStarts();
    builder.scan(text, 0, text.length);
    return new LineIndex(builder.finish());
  }

  /** The same, yielding between steps of a few MB: a 50 MB export has two million lines. */
  static async create(text: string, yieldFn: () => Promise<void>): Promise<LineIndex> {
    const builder = new LineStarts();
    for (let at = 0; at < text.length; at += STEP_CHARS) {
      if (at > 0) await yieldFn();
      builder.scan(text, at, Math.min(text.length, at + STEP_CHARS));
    }
    return new LineIndex(builder.finish());
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): { line: number; character: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }
}

/** Line starts collected in a typed array that doubles (the old one released at once). */
class LineStarts {
  private starts = new Int32Array(1024);
  private count = 1; // line 0 starts at 0

  /** Line breaks as editors count them: `\n`, `\r\n` and a lone `\r` (old Mac files). */
  scan(text: string, from: number, to: number): void {
    const cr = text.indexOf('\r', from);
    if (cr < 0 || cr >= to) {
      for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) this.push(i + 1);
      return;
    }
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) this.push(i + 1);
    }
  }

  private push(lineStart: number): void {
    if (this.count === this.starts.length) {
      const bigger = new Int32Array(this.count * 2);
      bigger.set(this.starts);
      releaseMemory(this.starts);
      this.starts = bigger;
    }
    this.starts[this.count++] = lineStart;
  }

  finish(): Int32Array {
    const exact = this.starts.slice(0, this.count);
    releaseMemory(this.starts);
    return exact;
  }
}
