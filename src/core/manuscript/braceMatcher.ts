/**
 * Matching braces within one line (pandoc's `@{key}`, LaTeX `\url{…}`): the `}` closing a `{`, with
 * nested pairs. Each search records the answer of every `{` it passes (closed where, or unclosed at
 * the line's end), so a line of unclosed openers is read once, not once per opener.
 */
export class BraceMatcher {
  private readonly known = new Map<number, number>();

  constructor(private readonly text: string) {}

  close(open: number): number {
    const known = this.known.get(open);
    if (known !== undefined) return known;
    const text = this.text;
    const pending = [open];
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x7b) pending.push(i);
      else if (c === 0x7d) {
        const inner = pending.pop()!;
        if (pending.length === 0) return i;
        this.known.set(inner, i);
      }
    }
    for (const p of pending) this.known.set(p, -1);
    return -1;
  }
}

