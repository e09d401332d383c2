/**
 * Formatted references (Vancouver, AMA, APA, Harvard, or any CSL style the author brings) via
 * citation-js/citeproc, one entry at a time and only when asked (hover, picker detail), cached per
 * entry, style and format.
 */
import type { plugins as CitationJsPlugins } from '@citation-js/core';
import type { BibEntry } from './types';
import { toCslItem } from './cslFromEntry';
import { AMA_STYLE_XML } from './amaStyle';
import { ownTable } from '../ownTable';
import { fnv1a } from '../hash';

/** A built-in style, or the name `registerCslStyle` gave an author's CSL style. */
export type ReferenceStyle = 'vancouver' | 'ama' | 'apa' | 'harvard' | `csl:${string}`;
export type ReferenceFormat = 'text' | 'html';

/** Our style names → citation-js template names (Vancouver, APA and Harvard ship with plugin-csl). */
const TEMPLATE_NAMES: Readonly<Record<string, string | undefined>> = ownTable({
  vancouver: 'vancouver',
  ama: 'vexas-ama',
  apa: 'apa',
  harvard: 'harvard1',
});

/** Authors' CSL styles: name → citation-js template. */
const CUSTOM_TEMPLATES = new Map<string, string>();

/** Numeric styles print a list number the document assigns; a single formatted reference has none. */
export const NUMERIC_STYLES: Set<ReferenceStyle> = new Set(['vancouver', 'ama']);

/**
 * Registers an author's CSL style (the XML of a `.csl` file): its name for formatReference, and
 * whether it is numeric; or why it cannot be used (not CSL, no bibliography layout, citeproc fails on
 * it). The same XML gets the same name; nothing is registered when it fails.
 */
export function registerCslStyle(xml: string): { ok: true; name: ReferenceStyle; numeric: boolean; title?: string } | { ok: false; message: string } {
  if (xml.length > 2_000_000) return { ok: false, message: 'it is over 2 MB' };
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) return { ok: false, message: 'it has no <style> element in the CSL namespace' };
  if (!/<bibliography\b/.test(xml)) return { ok: false, message: 'it has no <bibliography> layout (a dependent or citation-only style cannot format a reference list)' };
  const name = `csl:${fnv1a(xml).toString(16)}` as const;
  const template = `vexas-${name.slice(4)}`;
  const numeric = /<category\b[^>]*citation-format="numeric"/.test(xml);
  const title = /<title>([^<]{1,200})<\/title>/.exec(xml)?.[1];
  const templates = citeproc().config.get('@csl').templates;
  if (!templates.has(template)) {
    templates.add(template, xml);
    try {
      // A style citeproc cannot run fails here, not at the author's first hover.
      citeproc().output.format('bibliography', [{ id: 'probe', type: 'article-journal', title: 'Probe', author: [{ family: 'Probe', given: 'A' }], issued: { 'date-parts': [[2020]] } }], { template, format: 'text', lang: 'en-US' });
    } catch (e) {
      templates.delete(template);
      return { ok: false, message: `citeproc cannot run it (${e instanceof Error ? e.message.split('\n')[0].slice(0, 120) : String(e)})` };
    }
  }
  CUSTOM_TEMPLATES.set(name, template);
  if (numeric) NUMERIC_STYLES.add(name);
  return { ok: true, name, numeric, title };
}

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
    if (!templates.has('vexas-ama')) templates.add('vexas-ama', AMA_STYLE_XML);
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
    const raw = citeproc().output.format('bibliography', [toCslItem(entry)], { template: TEMPLATE_NAMES[style] ?? CUSTOM_TEMPLATES.get(style) ?? TEMPLATE_NAMES.vancouver, format, lang: 'en-US' });
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
