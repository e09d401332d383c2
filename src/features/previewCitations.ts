/**
 * Citations in VS Code's Markdown preview (and `markdown.api.render`). VS Code parses a document once
 * per version (its tokens are cached) and renders many times, and only rendering knows which
 * document it is. So parsing marks each pandoc citation with an inline placeholder carrying what it
 * cites, and a reference-list placeholder at `::: {#refs}` or at the end; rendering turns them into
 * the manuscript's style with its bibliographies, in document order. Until those are loaded, a
 * citation shows as written, and the preview is refreshed once they are.
 */
import * as vscode from 'vscode';
import { escapeHtml } from '../core/evidence/escape';
import { findCitations } from '../core/citations';
import { syntaxForLanguageId } from '../core/languages';
import { findNonProseRegions } from '../core/manuscript/nonProseRegions';
import { referenceList } from '../core/output/referenceList';
import { citationGroups, CitationFormatter, type CitationGroup } from '../core/output/renderCitations';
import type { Bibliographies, DocumentBibliography } from '../workspace/bibliographies';
import { citationStyle } from '../workspace/settings';

interface Token { content: string }
type RenderRule = (tokens: Token[], index: number, options: unknown, env: unknown, self: unknown) => string;
/** The part of markdown-it this uses. */
interface MarkdownItLike {
  core: { ruler: { before(name: string, rule: string, fn: (state: { src: string }) => void): void } };
  renderer: { rules: Record<string, RenderRule | undefined> };
}

const CITE = '<span class="vexas-citation" data-vexas-citation="';
const REFS = '<div class="vexas-references" data-vexas-references="1"';

interface RenderState { formatter: CitationFormatter; bib: DocumentBibliography; style: ReturnType<typeof citationStyle>; nocite: string[] }

export function previewCitations(bibliographies: Bibliographies): (md: MarkdownItLike) => MarkdownItLike {
  const loaded = new Map<string, { version: number; bib: DocumentBibliography }>();
  const loading = new Set<string>();
  const bibFor = (document: vscode.TextDocument): DocumentBibliography | undefined => {
    const key = document.uri.toString();
    const cached = loaded.get(key);
    if ((!cached || cached.version !== document.version) && !loading.has(key)) {
      loading.add(key);
      const version = document.version;
      void bibliographies.forDocument(document, 'markdown').then(bib => {
        loaded.set(key, { version, bib });
        loading.delete(key);
        if (!cached) void vscode.commands.executeCommand('markdown.preview.refresh');
      }, () => loading.delete(key));
    }
    return cached?.bib;
  };
  /** The render's state, made at its first citation (undefined: render citations as written). */
  const stateOf = (env: unknown): RenderState | undefined => {
    const e = env as { currentDocument?: vscode.Uri; vexasCitations?: RenderState | null } | undefined;
    if (!e) return undefined;
    if (e.vexasCitations !== undefined) return e.vexasCitations ?? undefined;
    const document = e.currentDocument && vscode.workspace.textDocuments.find(d => d.uri.toString() === e.currentDocument!.toString());
    const bib = document && syntaxForLanguageId(document.languageId) === 'markdown' ? bibFor(document) : undefined;
    if (!document || !bib) {
      e.vexasCitations = null;
      return undefined;
    }
    const style = citationStyle(document);
    e.vexasCitations = { formatter: new CitationFormatter(key => bib.lookup(key)?.entry, style), bib, style, nocite: [] };
    return e.vexasCitations;
  };

  return md => {
    md.core.ruler.before('normalize', 'vexas_citations', state => { state.src = markCitations(state.src); });
    const inline = md.renderer.rules.html_inline;
    md.renderer.rules.html_inline = (tokens, index, options, env, self) => {
      const content = tokens[index].content;
      if (content.startsWith(CITE)) {
        const group = decode(content);
        if (group) {
          const state = stateOf(env);
          return `<span class="vexas-citation">${escapeHtml(state ? state.formatter.format(group) : group.written)}`;
        }
      }
      return inline ? inline(tokens, index, options, env, self) : content;
    };
    const block = md.renderer.rules.html_block;
    md.renderer.rules.html_block = (tokens, index, options, env, self) => {
      const content = tokens[index].content;
      if (content.startsWith(REFS)) {
        const state = stateOf(env);
        if (!state) return '';
        const nocite = /data-nocite="([^"]*)"/.exec(content)?.[1];
        state.formatter.addUncited(nocite ? decodeURIComponent(nocite).split(',').filter(Boolean) : []);
        const list = referenceList(state.formatter.order, key => state.bib.lookup(key)?.entry, state.style, 'html');
        return `<div class="vexas-references">\n${list.text}</div>\n`;
      }
      return block ? block(tokens, index, options, env, self) : content;
    };
    return md;
  };
}

/** The source with each citation wrapped in a placeholder, and the reference list's placeholder. */
export function markCitations(src: string): string {
  const regions = findNonProseRegions(src, 'markdown');
  const citations = findCitations(src, 'markdown', { regions });
  if (citations.length === 0) return src;
  const { groups, nocite } = citationGroups(src, citations);
  let out = '';
  let at = 0;
  for (const g of groups) {
    const written = src.slice(g.start, g.end);
    // Same line, same length of lines: the preview's scroll sync keeps its place.
    if (written.includes('\n')) continue;
    out += src.slice(at, g.start) + `${CITE}${encodeURIComponent(JSON.stringify({ ...g, written }))}"></span>`;
    at = g.end;
  }
  out += src.slice(at);
  const refs = `${REFS} data-nocite="${encodeURIComponent(nocite.join(','))}"></div>\n`;
  // pandoc places the list in a `::: {#refs}` div when there is one.
  const open = /^::: *\{#refs[^}\n]*\} *$/m.exec(out);
  const close = open ? out.indexOf('\n:::', open.index + open[0].length) : -1;
  if (open && close >= 0) {
    const closeEnd = out.indexOf('\n', close + 4);
    return `${out.slice(0, open.index)}${refs}${closeEnd < 0 ? '' : out.slice(closeEnd + 1)}`;
  }
  return `${out.replace(/\s+$/, '')}\n\n${refs}`;
}

function decode(content: string): (CitationGroup & { written: string }) | undefined {
  const end = content.indexOf('"', CITE.length);
  try {
    return JSON.parse(decodeURIComponent(content.slice(CITE.length, end))) as CitationGroup & { written: string };
  } catch {
    return undefined;
  }
}
