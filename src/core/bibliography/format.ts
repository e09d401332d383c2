/**
 * Formatted references (Vancouver, AMA, APA, Harvard) via citation-js/citeproc, one entry at a
 * time and only when asked (hover, picker detail), cached per entry, style and format.
 */
import type { plugins as CitationJsPlugins } from '@citation-js/core';
import type { BibEntry } from './types';
import { toCslItem } from './cslFromEntry';
import { AMA_STYLE_XML } from './amaStyle';
import { ownTable } from '../ownTable';

export type ReferenceStyle = 'vancouver' | 'ama' | 'apa' | 'harvard';
export type ReferenceFormat = 'text' | 'html';

/** Our style names → citation-js template names (Vancouver, APA and Harvard ship with plugin-csl). */
const TEMPLATE_NAMES: Readonly<Record<ReferenceStyle, string>> = ownTable({
  vancouver: 'vancouver',
  ama: 'vexas-ama',
  apa: 'apa',
  harvard: 'harvard1',
});

/** Numeric styles print a list number the document assigns; a single formatted reference has none. */
export const NUMERIC_STYLES: ReadonlySet<ReferenceStyle> = new Set(['vancouver', 'ama']);

const cache = new WeakMap<BibEntry, Map<string, string>>();
let citationJs: typeof CitationJsPlugins | undefined;

/**
 * citation-js and its CSL engine, loaded at the first formatted reference: starting them costs about
 * 80 ms and 18 MB, which neither activation nor indexing a bibliography should pay. (`require` of a
 * package: bundlers resolve it statically and run it lazily, in Node and in a browser build alike.)
 */
function citeproc(): typeof CitationJsPlugins {
  if (!citationJs) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load (see above)
    const core = require('@citation-js/core') as { plugins: typeof CitationJsPlugins };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- registers the CSL output plugin
    require('@citation-js/plugin-csl');
    const templates = core.plugins.config.get('@csl').templates;
    if (!templates.has(TEMPLATE_NAMES.ama)) templates.add(TEMPLATE_NAMES.ama, AMA_STYLE_XML);
    citationJs = core.plugins;
  }
  return citationJs;
}

/** One reference, formatted; never throws (a citeproc failure yields a plain fallback). */
export function formatReference(entry: BibEntry, style: ReferenceStyle, format: ReferenceFormat = 'text'): string {
  const cacheKey = style + '/' + format;
  let perEntry = cache.get(entry);
  const cached = perEntry?.get(cacheKey);
  if (cached !== undefined) return cached;
  let formatted: string;
  try {
    const raw = citeproc().output.format('bibliography', [toCslItem(entry)], { template: TEMPLATE_NAMES[style], format, lang: 'en-US' });
    formatted = format === 'html' ? cleanHtml(raw, NUMERIC_STYLES.has(style)) : cleanText(raw, NUMERIC_STYLES.has(style));
    // "Beck, D. B., & et al." / "Beck, D.B. and et al." → "…, et al." for author lists ending in `and others`.
    formatted = formatted.replace(/,?\s+(?:&amp;|&#38;|&|and)\s+et al\./, ', et al.');
  } catch {
    formatted = fallback(entry, format);
  }
  if (!perEntry) cache.set(entry, (perEntry = new Map()));
  perEntry.set(cacheKey, formatted);
  return formatted;
}

function cleanText(raw: string, numeric: boolean): string {
  const text = raw.trim();
  return numeric ? text.replace(/^\d+\.\s*/, '') : text;
}

function cleanHtml(raw: string, numeric: boolean): string {
  let html = raw.trim();
  if (numeric) {
    html = html.replace(/<div class="csl-left-margin">[^<]*<\/div>/, '');
    html = html.replace(/<div class="csl-right-inline">([\s\S]*?)<\/div>(\s*<\/div>)/, '$1$2');
  }
  // citeproc indents its markup; spaces next to our block boundaries are layout, not content.
  html = html.replace(/(<div[^>]*>)\s+/g, '$1').replace(/\s+(<\/div>)/g, '$1').trim();
  // One entry needs no bibliography wrapper.
  return html.replace(/^<div class="csl-bib-body">([\s\S]*)<\/div>$/, '$1');
}

function fallback(entry: BibEntry, format: ReferenceFormat): string {
  const f = entry.fields;
  const text = [f.author, f.title, f.journal ?? f.booktitle ?? f.publisher, f.year].filter(Boolean).join('. ') + '.';
  return format === 'html' ? escapeHtml(text) : text;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
