/**
 * Pandoc Markdown citations rendered as the reader will see them, for the Markdown preview:
 * numbered styles (Vancouver, AMA) as [1, 2] in order of first citation, author–year styles (APA,
 * Harvard) as (Beck et al., 2020, p. 3); prefixes ("see") and locators kept, `[-@key]` without the
 * authors, `@key` in the text as "Beck et al. [1]" / "Beck et al. (2020)". An unknown key is shown
 * as itself, marked, never dropped.
 *
 * Two steps, because the preview parses once and renders many times: `citationGroups` reads the
 * source (no bibliography needed), `CitationFormatter` renders groups in document order.
 */
import { familyNames } from '../bibliography/names';
import { NUMERIC_STYLES, type ReferenceStyle } from '../bibliography/format';
import type { BibEntry } from '../bibliography/types';
import type { Citation } from '../citations/types';

export interface CitationItem { readonly key: string; readonly prefix: string; readonly suffix: string; readonly suppressAuthor: boolean }

export interface CitationGroup {
  /** Source range the rendering replaces. */
  readonly start: number;
  readonly end: number;
  readonly inText: boolean;
  readonly items: readonly CitationItem[];
}

/** The citation groups of `text` in document order, and the `nocite` keys. */
export function citationGroups(text: string, citations: readonly Citation[]): { groups: CitationGroup[]; nocite: string[] } {
  const byGroup = new Map<string, Citation[]>();
  const nocite: string[] = [];
  for (const c of citations) {
    if (c.kind === 'nocite') { nocite.push(c.key); continue; }
    const id = c.kind === 'in-text' ? `in-text:${c.start}` : `${c.group.start}:${c.group.end}`;
    const list = byGroup.get(id) ?? [];
    list.push(c);
    byGroup.set(id, list);
  }
  const groups: CitationGroup[] = [];
  for (const [id, list] of byGroup) {
    if (id.startsWith('in-text:')) {
      const c = list[0];
      // `@key [p. 3]`: the bracket after an in-text citation is its locator.
      const locator = c.group.end > c.end ? text.slice(c.end, c.group.end).replace(/^\s*\[/, '').replace(/\]\s*$/, '').trim() : '';
      groups.push({ start: c.start - 1, end: Math.max(c.end, c.group.end), inText: true, items: [{ key: c.key, prefix: '', suffix: locator, suppressAuthor: false }] });
    } else {
      groups.push({ start: list[0].group.start, end: list[0].group.end, inText: false,
        items: list.map(c => ({ key: c.key, ...affixes(text, c, list), suppressAuthor: c.kind === 'suppress-author' })) });
    }
  }
  groups.sort((a, b) => a.start - b.start);
  return { groups, nocite };
}

/** Renders groups in document order, numbering keys at their first citation. */
export class CitationFormatter {
  private readonly numbers = new Map<string, number>();
  private readonly unknownKeys = new Set<string>();
  readonly numbered: boolean;

  constructor(private readonly lookup: (key: string) => BibEntry | undefined, private readonly style: ReferenceStyle) {
    this.numbered = NUMERIC_STYLES.has(style);
  }

  /** Keys in order of first citation (what a numbered list follows). */
  get order(): string[] {
    return [...this.numbers.keys()];
  }

  get unknown(): string[] {
    return [...this.unknownKeys];
  }

  /** `nocite` keys join the list after the cited ones. */
  addUncited(keys: readonly string[]): void {
    for (const key of keys) if (!this.numbers.has(key) && this.lookup(key)) this.number(key);
  }

  format(group: CitationGroup): string {
    if (group.inText) {
      const { key, suffix } = group.items[0];
      const entry = this.entry(key);
      const name = entry ? shortAuthors(entry, this.style) : `@${key}?`;
      const ref = this.numbered ? `[${entry ? this.number(key) : '?'}${suffix ? `, ${suffix}` : ''}]` : `(${entry ? year(entry) : '?'}${suffix ? `, ${suffix}` : ''})`;
      return `${name} ${ref}`;
    }
    const items = group.items.map(({ key, prefix, suffix, suppressAuthor }) => {
      const entry = this.entry(key);
      const core = !entry ? `@${key}?` : this.numbered ? String(this.number(key)) : suppressAuthor ? year(entry) : `${shortAuthors(entry, this.style)}, ${year(entry)}`;
      return [prefix, core + (suffix ? `, ${suffix}` : '')].filter(Boolean).join(' ');
    });
    return this.numbered ? `[${items.join(', ')}]` : `(${items.join('; ')})`;
  }

  /** The key's entry; a known key takes its place in the order (numbered or not) at its first citation. */
  private entry(key: string): BibEntry | undefined {
    const entry = this.lookup(key);
    if (!entry) this.unknownKeys.add(key);
    else this.number(key);
    return entry;
  }

  private number(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size + 1));
    return n;
  }
}

/** "see" before a key and ", p. 3" after it, within its part of a bracketed group. */
function affixes(text: string, c: Citation, group: readonly Citation[]): { prefix: string; suffix: string } {
  const index = group.indexOf(c);
  const from = index === 0 ? c.keyList.start : group[index - 1].end;
  const to = index === group.length - 1 ? c.keyList.end : group[index + 1].start;
  let before = text.slice(from, c.start);
  const semicolon0 = before.lastIndexOf(';');
  if (semicolon0 >= 0) before = before.slice(semicolon0 + 1); // what follows the previous part's locator
  before = before.replace(/-?@\{?$/, '').trim();
  let after = text.slice(c.end, to).replace(/^\}/, '');
  const semicolon = after.indexOf(';');
  if (semicolon >= 0) after = after.slice(0, semicolon);
  after = after.replace(/^\s*,?\s*/, '').trim();
  return { prefix: before, suffix: after };
}

function shortAuthors(entry: BibEntry, style: ReferenceStyle): string {
  const names = familyNames(entry.field('author') ?? entry.field('editor') ?? '');
  if (names.length === 0) return entry.field('title')?.split(/\s+/).slice(0, 3).join(' ') ?? entry.key;
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} ${style === 'apa' ? '&' : 'and'} ${names[1]}`;
  return `${names[0]} et al.`;
}

function year(entry: BibEntry): string {
  return /\d{4}/.exec(entry.field('year') ?? entry.field('date') ?? '')?.[0] ?? 'n.d.';
}
