/**
 * Planning the text edit that inserts citations at the cursor. Pure: it returns one minimal edit
 * and never rewrites existing text. Inside an existing citation the missing keys join it, in its
 * own separator style; elsewhere a new citation is written. Keys already cited there are skipped,
 * so repeating an insertion changes nothing.
 */
import type { CitationSyntax } from '../languages';
import { findNonProseRegions } from '../manuscript/nonProseRegions';
import { codePointBefore, isWordCodePoint, rangeContaining, TextRange } from '../manuscript/textScan';
import { findLatexCitationCommandAround } from './latexCitations';
import { findMarkdownCitations } from './markdownCitations';
import { citationKeyProblem } from './keys';
import { formatPandocKey } from './pandocKeys';
import type { Citation } from './types';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CitationInsertionOptions {
  /** Command for a new LaTeX citation, without backslash; default `cite`. */
  latexCommand?: string;
  /** Extra LaTeX citation commands to recognise as existing citations (as in `findCitations`). */
  latexCommands?: string[];
}

export function planCitationInsertion(
  text: string, offset: number, language: CitationSyntax, keys: readonly string[], options: CitationInsertionOptions = {},
): TextEdit {
  const at = Math.max(0, Math.min(offset, text.length));
  // A key that would break out of the citation is never written (the adapters say which and why).
  const wanted = uniqueKeys(keys).filter(k => citationKeyProblem(k, language) === undefined);
  if (wanted.length === 0) return { start: at, end: at, newText: '' };
  return language === 'latex' ? planLatex(text, at, wanted, options) : planMarkdown(text, at, wanted);
}

function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const k of keys) {
    const key = k.trim();
    if (key) seen.add(key);
  }
  return [...seen];
}

function planMarkdown(text: string, offset: number, keys: string[]): TextEdit {
  const citations = findMarkdownCitations(text, findNonProseRegions(text, 'markdown'));
  const bracketed = citations.find(c => c.kind !== 'nocite' && text.charCodeAt(c.group.start) === 0x5b &&
    c.group.start < offset && offset < c.group.end);
  if (bracketed) return extendMarkdownGroup(text, citations, bracketed, keys, '; ', ';');
  const nocite = citations.find(c => c.kind === 'nocite' && c.group.start <= offset && offset <= c.group.end);
  if (nocite) return extendMarkdownGroup(text, citations, nocite, keys, ', ', ',');

  // The cursor inside `[]` (an editor's auto-closed bracket): fill it.
  if (text.charCodeAt(offset - 1) === 0x5b && text.charCodeAt(offset) === 0x5d) {
    return { start: offset, end: offset, newText: keys.map(formatPandocKey).join('; ') };
  }
  // Never split an in-text `@key`: the new citation goes after it (and its locator).
  const inText = citations.find(c => c.keyList.start < offset && offset < c.keyList.end && c.kind !== 'nocite');
  const pos = inText ? inText.group.end : offset;
  // pandoc style puts a space between the text and its citation.
  const prev = codePointBefore(text, pos);
  const space = prev >= 0 && (isWordCodePoint(prev) || prev === 0x5d || prev === 0x29) ? ' ' : '';
  return { start: pos, end: pos, newText: `${space}[${keys.map(formatPandocKey).join('; ')}]` };
}

/** Appends the keys missing from `group`'s citation after its last entry, in its separator style. */
function extendMarkdownGroup(
  text: string, citations: Citation[], member: Citation, keys: string[], defaultSeparator: string, separatorChar: string,
): TextEdit {
  const present = new Set(citations.filter(c => sameRange(c.group, member.group)).map(c => c.key));
  const missing = keys.filter(k => !present.has(k));
  const list = member.keyList;
  if (missing.length === 0) return { start: list.end, end: list.end, newText: '' };
  const separator = separatorStyle(text.slice(list.start, list.end), separatorChar, defaultSeparator);
  return appendToList(text, list.start, list.end, separator, missing.map(formatPandocKey).join(separator));
}

function planLatex(text: string, offset: number, keys: string[], options: CitationInsertionOptions): TextEdit {
  const regions = findNonProseRegions(text, 'latex');
  const command = findLatexCitationCommandAround(text, offset, regions, options.latexCommands, false);
  const inComment = rangeContaining(regions, Math.max(0, offset - 1));
  if (command && command.start < offset && offset < command.end && !(inComment && inComment.kind === 'comment')) {
    const present = new Set(command.keyArguments.flatMap(a => a.keys.map(k => k.key)));
    const missing = keys.filter(k => !present.has(k));
    const arg = command.keyArguments.find(a => a.open < offset && offset <= a.close)
      ?? command.keyArguments[command.keyArguments.length - 1];
    if (missing.length === 0) return { start: arg.close, end: arg.close, newText: '' };
    const separator = separatorStyle(text.slice(arg.open + 1, arg.close), ',', ', ');
    // An empty list gets the compact style of a new citation.
    return appendToList(text, arg.open + 1, arg.close, separator, missing.join(arg.keys.length === 0 ? ',' : separator));
  }
  const requested = (options.latexCommand ?? 'cite').replace(/^\\/, '').trim();
  const name = /^[A-Za-z]+\*?$/.test(requested) ? requested : 'cite';
  return { start: offset, end: offset, newText: `\\${name}{${keys.join(',')}}` };
}

/**
 * Where and what to insert to append `body` to the list in `[listStart, listEnd)`: after its last
 * entry with a separator, or into the space after a dangling separator (`[@a; ]`), or alone.
 */
function appendToList(text: string, listStart: number, listEnd: number, separator: string, body: string): TextEdit {
  let end = listEnd;
  while (end > listStart && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= listStart) return { start: end, end, newText: body };
  if (text[end - 1] === separator[0]) {
    return end < listEnd ? { start: end + 1, end: end + 1, newText: body } : { start: end, end, newText: separator.slice(1) + body };
  }
  return { start: end, end, newText: separator + body };
}

/** The separator a list already uses (`;` vs `; `, `,` vs `, `), or the default. */
function separatorStyle(list: string, separatorChar: string, fallback: string): string {
  const at = list.indexOf(separatorChar);
  if (at < 0 || at === list.trimEnd().length - 1) return fallback;
  const next = list.charCodeAt(at + 1);
  return next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09 ? separatorChar + ' ' : separatorChar;
}

function sameRange(a: TextRange, b: TextRange): boolean {
  return a.start === b.start && a.end === b.end;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
