import * as assert from 'assert';
import { LineIndex } from '../../../src/core/lineIndex';

/** What an editor shows: count the line breaks before the offset. */
function naive(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('core/lineIndex', () => {
  it('gives the line and character of every offset, CRLF and empty lines included', () => {
    for (const text of ['', 'one line', '\n', 'a\nb', 'a\r\nb\r\n\r\nc', '\n\nx\n', '@article{k,\n  title = {Ω “x”},\n}\n']) {
      const lines = LineIndex.of(text);
      assert.strictEqual(lines.lineCount, text.split('\n').length);
      for (let offset = 0; offset <= text.length; offset++) assert.deepStrictEqual(lines.positionAt(offset), naive(text, offset), `${JSON.stringify(text)} @${offset}`);
    }
  });

  it('built in steps, it is the same index', async () => {
    const text = 'a\nbb\n\nccc\r\n'.repeat(1_000_000); // 4 million lines, 11 million characters: three steps
    let yields = 0;
    const stepped = await LineIndex.create(text, async () => { yields++; });
    const whole = LineIndex.of(text);
    assert.strictEqual(yields, 2);
    assert.strictEqual(stepped.lineCount, whole.lineCount);
    for (let offset = 0; offset <= text.length; offset += 99_991) assert.deepStrictEqual(stepped.positionAt(offset), whole.positionAt(offset));
    assert.deepStrictEqual(stepped.positionAt(text.length), { line: 4_000_000, character: 0 });
  });

  it('places offsets across a 200,000-line text', () => {
    const text = 'x = {value},\n'.repeat(200_000);
    const lines = LineIndex.of(text);
    for (let i = 0; i < 10_000; i++) {
      const offset = (i * 2_600_003) % text.length;
      assert.strictEqual(lines.positionAt(offset).line, Math.floor(offset / 13));
    }
  });
});
