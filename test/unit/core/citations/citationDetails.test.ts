import * as assert from 'assert';
import { Citation, findCitations } from '../../../../src/core/citations';

/** `key kind command «group text» «keyList text»` per citation, for compact expectations. */
function describeAll(text: string, language: 'markdown' | 'latex', latexCommands?: string[]): string[] {
  return findCitations(text, language, { latexCommands }).map((c: Citation) =>
    `${c.key} ${c.kind} ${c.command}${c.starred ? '*' : ''} «${text.slice(c.group.start, c.group.end)}» «${text.slice(c.keyList.start, c.keyList.end)}»`);
}

describe('core/citations: kinds, commands and groups', () => {
  const cases: Array<[string, string, 'markdown' | 'latex', string[]]> = [
    ['bracketed group', 'x [see @a, p. 1; @b] y', 'markdown', [
      'a bracketed pandoc «[see @a, p. 1; @b]» «see @a, p. 1; @b»',
      'b bracketed pandoc «[see @a, p. 1; @b]» «see @a, p. 1; @b»',
    ]],
    ['suppress-author in brackets', '[-@a]', 'markdown', ['a suppress-author pandoc «[-@a]» «-@a»']],
    ['in-text with locator', '@a [p. 33] says', 'markdown', ['a in-text pandoc «@a [p. 33]» «@a»']],
    ['in-text locator on the next line', '@a\n[p. 33]', 'markdown', ['a in-text pandoc «@a\n[p. 33]» «@a»']],
    ['in-text followed by a citation is not a locator', '@a [@b]', 'markdown', [
      'a in-text pandoc «@a» «@a»',
      'b bracketed pandoc «[@b]» «@b»',
    ]],
    ['braced in-text', '@{odd key} says', 'markdown', ['odd key in-text pandoc «@{odd key}» «@{odd key}»']],
    ['nocite', '---\nnocite: |\n  @a, @b\n---\n', 'markdown', [
      'a nocite pandoc «@a, @b» «@a, @b»',
      'b nocite pandoc «@a, @b» «@a, @b»',
    ]],
    ['latex group with optional args', 'x \\citep[see][p.~3]{a, b} y', 'latex', [
      'a latex citep «\\citep[see][p.~3]{a, b}» «a, b»',
      'b latex citep «\\citep[see][p.~3]{a, b}» «a, b»',
    ]],
    ['starred latex', '\\citet*{a}', 'latex', ['a latex citet* «\\citet*{a}» «a»']],
    ['latex nocite', '\\nocite{a}', 'latex', ['a nocite nocite «\\nocite{a}» «a»']],
    ['multi-cite: one group, a key list per argument', '\\cites[p.~1]{a}{b,c}', 'latex', [
      'a latex cites «\\cites[p.~1]{a}{b,c}» «a»',
      'b latex cites «\\cites[p.~1]{a}{b,c}» «b,c»',
      'c latex cites «\\cites[p.~1]{a}{b,c}» «b,c»',
    ]],
    ['user command name', '\\mycite{a}', 'latex', ['a latex mycite «\\mycite{a}» «a»']],
  ];
  for (const [what, text, language, expected] of cases) {
    it(what, () => assert.deepStrictEqual(describeAll(text, language, ['mycite']), expected));
  }

  it('scans a long document quickly and in order', () => {
    const paragraph = 'VEXAS [@beck2020; see @li2024, p. 3] and @doe2021 [p. 4]; `@x` $a@b$ me@x.org.\n\n';
    const text = paragraph.repeat(2000);
    const found = findCitations(text, 'markdown');
    assert.strictEqual(found.length, 6000);
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].start < found[i].start);
  });
});
