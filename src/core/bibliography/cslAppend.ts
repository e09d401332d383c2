/**
 * Appending items to a CSL-JSON bibliography as an edit of its text: before the array's closing `]`,
 * in the file's own indentation, with nothing else touched. Undefined when the text is not an array
 * that ends with `]` (then the caller must not guess).
 */
import type { CslItem } from './cslJson';

export interface TextInsertion {
  offset: number;
  text: string;
}

export function planCslJsonAppend(text: string, items: readonly CslItem[]): TextInsertion | undefined {
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  if (end === 0 || text.charCodeAt(end - 1) !== 0x5d) return undefined; // no closing `]`
  const close = end - 1;
  let first = 0;
  if (text.charCodeAt(0) === 0xfeff) first = 1;
  while (first < close && isBlank(text.charCodeAt(first))) first++;
  if (text.charCodeAt(first) !== 0x5b) return undefined; // not an array
  let last = close;
  while (last > first + 1 && isBlank(text.charCodeAt(last - 1))) last--;
  const empty = last === first + 1;
  const indent = itemIndentation(text, first + 1, close);
  const body = items.map(item => indentLines(JSON.stringify(item, null, indent.unit), indent.item)).join(',\n');
  // After the last item (its closing brace), or inside the empty brackets.
  return empty
    ? { offset: first + 1, text: `\n${body}\n` }
    : { offset: last, text: `,\n${body}` };
}

/** The indentation of the existing items (first line opening one), and of one level within them. */
function itemIndentation(text: string, from: number, to: number): { item: string; unit: string } {
  const m = /\n([ \t]*)\{/.exec(text.slice(from, Math.min(to, from + 65536)));
  const item = m ? m[1] : '  ';
  const nested = m ? /\n([ \t]+)"/.exec(text.slice(from + m.index + m[0].length, Math.min(to, from + m.index + 4096))) : null;
  const unit = nested && nested[1].startsWith(item) && nested[1].length > item.length ? nested[1].slice(item.length) : item.includes('\t') ? '\t' : '  ';
  return { item, unit };
}

function indentLines(json: string, indent: string): string {
  return json.split('\n').map(line => indent + line).join('\n');
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
