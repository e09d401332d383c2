/**
 * A manuscript's reference list as its style orders it: numbered styles (Vancouver, AMA) in order of
 * first citation, author–year styles (APA, Harvard) alphabetically; as plain text, Markdown or HTML
 * (for word processors). Keys no bibliography defines are listed apart, never dropped silently.
 */
import { formatReference, NUMERIC_STYLES, type ReferenceStyle } from '../bibliography/format';
import type { BibEntry } from '../bibliography/types';
import { escapeHtml, escapeMarkdownText } from '../evidence/escape';

export type ListFormat = 'text' | 'markdown' | 'html';

export interface ReferenceList {
  readonly text: string;
  /** Keys in the order listed. */
  readonly keys: readonly string[];
  /** Cited keys no bibliography defines. */
  readonly missing: readonly string[];
}

/** `citedKeys` in order of first citation (duplicates allowed); `lookup` resolves a key to its entry. */
export function referenceList(citedKeys: readonly string[], lookup: (key: string) => BibEntry | undefined, style: ReferenceStyle, format: ListFormat): ReferenceList {
  const seen = new Set<string>();
  const entries: BibEntry[] = [];
  const missing: string[] = [];
  for (const key of citedKeys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lookup(key);
    if (entry) entries.push(entry);
    else missing.push(key);
  }
  const numbered = NUMERIC_STYLES.has(style);
  const formatted = entries.map(e => ({ key: e.key, text: formatReference(e, style, 'text'), html: format === 'html' ? formatReference(e, style, 'html') : '' }));
  if (!numbered) formatted.sort((a, b) => a.text.localeCompare(b.text, 'en', { sensitivity: 'base' }));
  let text: string;
  if (format === 'html') {
    const items = formatted.map(f => `  <li>${f.html}</li>`).join('\n');
    text = numbered ? `<ol>\n${items}\n</ol>\n` : `<ul style="list-style:none;padding-left:0">\n${items}\n</ul>\n`;
    if (missing.length) text += `<p>Not found in any bibliography: ${missing.map(escapeHtml).join(', ')}</p>\n`;
  } else {
    const escape = format === 'markdown' ? escapeMarkdownText : (s: string) => s;
    text = formatted.map((f, i) => (numbered ? `${i + 1}. ${escape(f.text)}` : format === 'markdown' ? `- ${escape(f.text)}` : escape(f.text))).join(format === 'markdown' && !numbered ? '\n' : '\n') + '\n';
    if (missing.length) text += `\nNot found in any bibliography: ${missing.join(', ')}\n`;
  }
  return { text, keys: formatted.map(f => f.key), missing };
}
