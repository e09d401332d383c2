import * as assert from 'assert';
import { findCitations } from '../../../../src/core/citations';
import { expectedTriples, parseMarked } from './markedText';

/** [what, input with every expected key marked ⟦…⟧]. */
const CASES: Array<[string, string]> = [
  // Bracketed citations
  ['single bracketed', '[@⟦doe99⟧]'],
  ['two keys', '[@⟦a⟧; @⟦b⟧]'],
  ['three keys without spaces', '[@⟦a⟧;@⟦b⟧;@⟦c⟧]'],
  ['prefix and locator', 'Blah [see @⟦doe99⟧, pp. 33-35].'],
  ['prefixes, locators and suffixes', '[see @⟦doe99⟧, pp. 33-35; also @⟦smith04⟧, chap. 1]'],
  ['suffix with emphasis', '[@⟦doe99⟧, pp. 33-35, *and elsewhere*]'],
  ['locator with page range', '[@⟦smith04⟧, 33-35, 38-39]'],
  ['key followed by text in brackets', '[@⟦doe99⟧ and others]'],
  ['suppress author', 'Smith says blah [-@⟦smith04⟧].'],
  ['suppress author after prefix', '[see -@⟦smith04⟧, p. 4]'],
  ['mixed suppress and plain', '[-@⟦a⟧; @⟦b⟧]'],
  ['citation split over lines', '[see @⟦a⟧;\n  @⟦b⟧]'],
  ['citation at end of sentence', 'As shown [@⟦a⟧].'],
  ['nested bracket pair', '[see [@⟦a⟧]]'],
  ['citation in a heading', '# Background [@⟦a⟧]'],
  ['citation in a list item', '- item [@⟦a⟧]\n- item @⟦b⟧'],
  ['citation in a block quote', '> quoted [@⟦a⟧]'],
  ['citation inside emphasis', '*see [@⟦a⟧]*'],
  ['citation in a footnote', 'Text.^[A note citing @⟦a⟧.]'],
  ['citation in a footnote definition', '[^1]: Note [@⟦a⟧].'],
  ['citation directly after a word', 'word[@⟦a⟧]'],
  // Author-in-text
  ['in-text', '@⟦smith04⟧ says blah.'],
  ['in-text with locator', '@⟦smith04⟧ [p. 33] says blah.'],
  ['in-text mid sentence', 'As @⟦doe99⟧ shows.'],
  ['in-text after parenthesis', '(@⟦doe99⟧)'],
  ['in-text followed by comma', '@⟦a⟧, @⟦b⟧ and @⟦c⟧.'],
  ['in-text at line start after newline', 'see\n@⟦a⟧'],
  ['in-text followed by possessive', "@⟦doe99⟧'s view"],
  // Key grammar
  ['trailing period is not part of the key', 'See @⟦Foo_bar.baz⟧.'],
  ['double hyphen ends the key', '@⟦Foo_bar⟧--baz'],
  ['internal punctuation', '@⟦a:b.c#d$e%f&g-h+i?j<k>l~m/n⟧'],
  ['colon at end excluded', '@⟦doe99⟧: said'],
  ['key starting with digit', '[@⟦2020doe⟧]'],
  ['key starting with underscore', '[@⟦_private⟧]'],
  ['URL-like key with ://', '@⟦http://example.com/x⟧'],
  ['braced key with space', '@{⟦odd key⟧}'],
  ['braced key in brackets', '[@{⟦https://example.com/bib?name=foobar&date=2000⟧}, p. 33]'],
  ['braced key with nested braces', '[@{⟦a{b}c⟧}]'],
  ['empty braces are not a key', '@{} and @{ }'],
  ['non-ASCII key', '[@⟦Müller2020⟧]'],
  ['CJK key', '[@⟦田中2020⟧]'],
  ['key with non-BMP letter', '[@⟦𝐀lpha⟧]'],
  ['at sign alone', 'a @ b'],
  ['at followed by punctuation', '@. @, @;'],
  // Not citations
  ['e-mail address', 'Write to name@host.org today.'],
  ['e-mail in brackets', '[name@host.org]'],
  ['e-mail next to a citation', 'me@x.org [@⟦a⟧]'],
  ['escaped at', '\\@notakey and \\\\@⟦key⟧'],
  ['\\[…\\] is display math, as the brief asks', '\\[@a\\] @⟦b⟧'],
  ['inline code', '`@notakey` @⟦key⟧'],
  ['double backtick code span containing a backtick', '``a ` @no`` @⟦yes⟧'],
  ['code span over two lines', '`a\n@no` @⟦yes⟧'],
  ['unmatched backtick is literal', '` @⟦yes⟧'],
  ['fenced code block', '```\n@no\n```\n@⟦yes⟧'],
  ['fenced code with info string', '```{r}\nx <- "@no"\n```\n[@⟦yes⟧]'],
  ['tilde fence', '~~~python\n@no\n~~~\n@⟦yes⟧'],
  ['longer closing fence', '````\n```\n@no\n````\n@⟦yes⟧'],
  ['shorter fence does not close', '````\n@no\n```\n@no\n````\n@⟦yes⟧'],
  ['unclosed fence runs to end', '@⟦yes⟧\n```\n@no\n\n@no'],
  ['indented fence in a list', '1. item\n\n   ```\n   @no\n   ```\n@⟦yes⟧'],
  ['indented code block', 'Para.\n\n    @no\n    [@no]\n\n@⟦yes⟧'],
  ['tab-indented code block', 'Para.\n\n\t@no\n\n@⟦yes⟧'],
  ['indented line continuing a paragraph', 'Para\n    @⟦yes⟧'],
  ['indented text in a list is not code', '- item\n\n    more @⟦yes⟧'],
  ['html comment', '<!-- @no --> @⟦yes⟧'],
  ['multi-line html comment', '<!--\n@no\n\n    [@no]\n-->\n@⟦yes⟧'],
  ['unclosed html comment is text', '<!-- @⟦yes⟧'],
  ['inline math', '$x@no$ @⟦yes⟧'],
  ['display math', '$$\n@no\n$$ @⟦yes⟧'],
  ['dollar amounts are not math', 'It cost $5 and @⟦yes⟧ paid $6.'],
  ['opening dollar followed by space', '$ @⟦yes⟧ $'],
  ['closing dollar preceded by space', '$a @⟦yes⟧ $'],
  ['escaped dollar', '\\$a @⟦yes⟧$'],
  ['math does not cross a blank line', '$a\n\n@⟦yes⟧$'],
  ['backslash paren math', '\\(a@no\\) @⟦yes⟧'],
  ['backslash bracket math', '\\[ @no \\] @⟦yes⟧'],
  ['autolink', '<https://example.com/@no> @⟦yes⟧'],
  ['e-mail autolink', '<me@example.com>'],
  ['link destination', '[text](https://medium.com/@no) @⟦yes⟧'],
  ['link definition', '[ref]: https://example.com/@no\n\n@⟦yes⟧'],
  ['raw html attribute', '<span title="@no">[@⟦yes⟧]</span>'],
  // Cross-references
  ['Quarto figure', 'See @fig-plot and [@⟦a⟧].'],
  ['Quarto table, equation, section', '@tbl-one, @eq-two, @sec-three'],
  ['Quarto listing and theorem kinds', '@lst-a @thm-b @lem-c @cor-d @prp-e @cnj-f @def-g @exm-h @exr-i @sol-j @rem-k'],
  ['Quarto capitalised', '@Fig-plot shows'],
  ['pandoc-crossref prefixes', '@fig:a @tbl:b @eq:c @sec:d @lst:e'],
  ['crossref in brackets next to a citation', '[@fig-a; @⟦b⟧]'],
  ['crossref-like but not a prefix', '@⟦figure-one⟧ @⟦fig⟧'],
  ['suppressed crossref', '[-@fig-a]'],
  // Front matter
  ['front matter is not prose', '---\ntitle: "@no"\n---\n@⟦yes⟧'],
  ['front matter closed by dots', '---\ntitle: x\nabstract: "[@no]"\n...\n[@⟦yes⟧]'],
  ['nocite block scalar', '---\nnocite: |\n  @⟦a⟧, @⟦b⟧\n---\nText @⟦c⟧.'],
  ['nocite quoted', '---\nnocite: "@⟦a⟧"\n---\n'],
  ['nocite all', '---\nnocite: "@*"\n---\n'],
  ['nocite with all and a key', "---\nnocite: '@*, @⟦a⟧'\n---\n"],
  ['nocite list', '---\nnocite:\n  - "@⟦a⟧"\n  - "@⟦b⟧"\n---\n'],
  ['dashes later in the text are a rule', 'Text\n\n---\n@⟦a⟧\n---\n'],
  // Offsets
  ['emoji before a citation (surrogate pairs)', '😀 [@⟦a⟧] 🎉 @⟦b⟧'],
  ['emoji directly before @', '😀@⟦a⟧'],
  ['CRLF line endings', 'Line one.\r\n\r\n[@⟦a⟧;\r\n @⟦b⟧]\r\n@⟦c⟧'],
  ['CRLF fenced code', '```\r\n@no\r\n```\r\n@⟦yes⟧'],
  ['CRLF front matter nocite', '---\r\nnocite: |\r\n  @⟦a⟧\r\n---\r\n@⟦b⟧'],
  ['BOM before front matter', '\uFEFF---\ntitle: x\n---\n@⟦a⟧'],
  ['many citations in order', '@⟦a⟧ [@⟦b⟧; -@⟦c⟧] @⟦d⟧ [see @⟦e⟧, p. 1]'],
  ['empty text', ''],
];

describe('core/citations: pandoc Markdown', () => {
  for (const [what, input] of CASES) {
    it(what, () => {
      const marked = parseMarked(input);
      const found = findCitations(marked.text, 'markdown').map(c => [c.key, c.start, c.end]);
      assert.deepStrictEqual(found, expectedTriples(marked));
      for (const c of findCitations(marked.text, 'markdown')) {
        assert.strictEqual(marked.text.slice(c.start, c.end), c.key);
      }
    });
  }
});
