/**
 * A CSL-JSON item as parsed from a file is untrusted shape: `"id": {…}`, a name whose `literal` is
 * an object, a title that is a list. Everything downstream (fields, search, citation-js) expects
 * CSL's own types, so each item is reduced to them once, here; what had to go is named, so the
 * caller can say so at the item.
 */
import type { CslItem } from './types';

/** CSL name variables (CSL 1.0.2). */
const NAME_VARIABLES = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator',
  'director', 'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'interviewer', 'illustrator',
  'narrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author',
  'script-writer', 'series-creator', 'translator',
]);

/** CSL date variables. */
const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

const NAME_PARTS = new Set(['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix', 'literal']);
const NAME_FLAGS = new Set(['comma-suffix', 'static-ordering', 'parse-names']);

export interface SanitizedCslItem {
  item: CslItem;
  /** Variables dropped or cut down because their value had the wrong type. */
  dropped: string[];
}

/** The item with only well-typed CSL values; `id` is a string when it was a string or a number. */
export function sanitizeCslItem(raw: Record<string, unknown>): SanitizedCslItem {
  // Nearly every item of an export is well typed: it is then used as it is, with no copy.
  if (isWellTyped(raw)) {
    if (typeof raw.id === 'number') raw.id = String(raw.id);
    return { item: raw as CslItem, dropped: [] };
  }
  return copyWellTyped(raw);
}

function isWellTyped(raw: Record<string, unknown>): boolean {
  for (const variable in raw) {
    const value = raw[variable];
    if (variable === 'id') {
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) return false;
    } else if (NAME_VARIABLES.has(variable)) {
      if (!Array.isArray(value)) return false;
      for (const name of value) {
        if (!isPlainObject(name)) return false;
        let hasPart = false;
        for (const part in name) {
          const v = name[part];
          if (NAME_PARTS.has(part)) {
            if (typeof v !== 'string') return false;
            hasPart = true;
          } else if (!NAME_FLAGS.has(part) || typeof v !== 'boolean') return false;
        }
        if (!hasPart) return false;
      }
    } else if (DATE_VARIABLES.has(variable)) {
      if (!isPlainObject(value)) return false;
      const parts = value['date-parts'];
      if (parts !== undefined && !(Array.isArray(parts) && parts.length <= 2 && parts.every(row => Array.isArray(row) && row.length <= 3 && row.length > 0 && row.every(p => typeof p === 'number' && Number.isFinite(p))))) return false;
      for (const key in value) if (key !== 'date-parts' && !['raw', 'literal', 'season', 'circa'].includes(key)) return false;
      for (const key of ['raw', 'literal', 'season', 'circa']) {
        const v = value[key];
        if (v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
      }
    } else if (!(typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (variable === 'custom' && isPlainObject(value)))) {
      return false;
    }
  }
  return true;
}

function copyWellTyped(raw: Record<string, unknown>): SanitizedCslItem {
  const item: CslItem = {};
  const dropped: string[] = [];
  for (const [variable, value] of Object.entries(raw)) {
    if (variable === 'id') {
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) item.id = String(value);
      else if (value !== undefined && value !== null) dropped.push('id');
    } else if (NAME_VARIABLES.has(variable)) {
      const names = sanitizeNames(value);
      if (names) item[variable] = names.names;
      if (!names || names.partial) dropped.push(variable);
    } else if (DATE_VARIABLES.has(variable)) {
      const date = sanitizeDate(value);
      if (date) item[variable] = date;
      else dropped.push(variable);
    } else if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      item[variable] = value;
    } else if (variable === 'custom' && isPlainObject(value)) {
      item[variable] = value; // CSL's free-form extension object: stored, never shown
    } else if (value !== null && value !== undefined) {
      dropped.push(variable);
    }
  }
  return { item, dropped };
}

function sanitizeNames(value: unknown): { names: Record<string, string | boolean>[]; partial: boolean } | undefined {
  if (!Array.isArray(value)) return undefined;
  let partial = false;
  const names: Record<string, string | boolean>[] = [];
  for (const raw of value) {
    if (!isPlainObject(raw)) {
      partial = true;
      continue;
    }
    const name: Record<string, string | boolean> = {};
    for (const [part, v] of Object.entries(raw)) {
      if (NAME_PARTS.has(part) && (typeof v === 'string' || typeof v === 'number')) name[part] = String(v);
      else if (NAME_FLAGS.has(part) && (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number')) name[part] = v === true || v === 'true' || v === 1;
      else partial = true;
    }
    if (Object.keys(name).some(k => NAME_PARTS.has(k))) names.push(name);
    else partial = true;
  }
  return { names, partial };
}

function sanitizeDate(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  const date: Record<string, unknown> = {};
  const parts = value['date-parts'];
  if (Array.isArray(parts)) {
    const rows = parts
      .filter(Array.isArray)
      .map(row => (row as unknown[]).slice(0, 3).filter(p => (typeof p === 'number' && Number.isFinite(p)) || (typeof p === 'string' && /^-?\d{1,5}$/.test(p.trim()))).map(Number))
      .filter(row => row.length > 0)
      .slice(0, 2);
    if (rows.length > 0) date['date-parts'] = rows;
  }
  for (const key of ['raw', 'literal', 'season', 'circa'] as const) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') date[key] = v;
  }
  return Object.keys(date).length > 0 ? date : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
