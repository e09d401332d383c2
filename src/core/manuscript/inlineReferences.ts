/**
 * References written into the front matter (`references:`), as pandoc and Quarto accept them,
 * read into CSL-JSON-like objects: names into `{family, given}`, dates into `date-parts`, other
 * fields kept as written. Entries without an `id` are skipped. Never throws.
 */
import { parseFrontMatter } from './frontMatter';
import { YamlNode, yamlMappingValue } from './yamlSubset';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  [part: string]: string | undefined;
}

export interface CslDate {
  'date-parts'?: number[][];
  literal?: string;
}

export interface InlineReference {
  id: string;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  DOI?: string;
  [field: string]: unknown;
}

const NAME_FIELDS = new Set([
  'author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director',
  'editorial-director', 'illustrator', 'interviewer', 'original-author', 'recipient', 'reviewed-author',
]);
const DATE_FIELDS = new Set(['issued', 'accessed', 'submitted', 'original-date', 'event-date']);

export function inlineReferences(text: string): InlineReference[] {
  const references = yamlMappingValue(parseFrontMatter(text), 'references');
  if (references?.kind !== 'sequence') return [];
  const result: InlineReference[] = [];
  for (const item of references.items) {
    const entry = toReference(item);
    if (entry) result.push(entry);
  }
  return result;
}

function toReference(node: YamlNode): InlineReference | undefined {
  if (node.kind !== 'mapping') return undefined;
  const fields: Record<string, unknown> = {};
  for (const { key, value } of node.entries) {
    if (!value) continue;
    if (NAME_FIELDS.has(key)) fields[key] = toNames(value);
    else if (DATE_FIELDS.has(key)) {
      const date = toDate(value);
      if (date) fields[key] = date;
    } else fields[key] = toPlain(value);
  }
  const id = fields.id;
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  return { ...fields, id: id.trim() };
}

function toNames(node: YamlNode): CslName[] {
  const items = node.kind === 'sequence' ? node.items : [node];
  const names: CslName[] = [];
  for (const item of items) {
    if (item.kind === 'scalar') {
      const name = nameFromString(item.value);
      if (name) names.push(name);
    } else if (item.kind === 'mapping') {
      const name: CslName = {};
      for (const { key, value } of item.entries) {
        if (value?.kind === 'scalar' && value.value !== '') name[key] = value.value;
      }
      if (Object.keys(name).length > 0) names.push(name);
    }
  }
  return names;
}

/** "Family, Given" or a literal name. */
function nameFromString(raw: string): CslName | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  const comma = value.indexOf(',');
  if (comma > 0) {
    const given = value.slice(comma + 1).trim();
    return given ? { family: value.slice(0, comma).trim(), given } : { family: value.slice(0, comma).trim() };
  }
  return { literal: value };
}

/** A year, `2020-05-01`, `{year, month, day}`, `{date-parts: [[…]]}`, `{literal}`, or a list of these. */
function toDate(node: YamlNode): CslDate | undefined {
  if (node.kind === 'scalar') {
    const m = /^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$/.exec(node.value);
    if (!m) return node.value.trim() ? { literal: node.value.trim() } : undefined;
    return { 'date-parts': [m.slice(1).filter((p): p is string => p !== undefined).map(Number)] };
  }
  if (node.kind === 'sequence') {
    const parts = node.items.map(toDate).flatMap(d => d?.['date-parts'] ?? []);
    return parts.length > 0 ? { 'date-parts': parts } : undefined;
  }
  const dateParts = yamlMappingValue(node, 'date-parts');
  if (dateParts) {
    const plain = toPlain(dateParts);
    const rows = (Array.isArray(plain) ? plain : [plain]).map(row => (Array.isArray(row) ? row : [row]));
    const parts = rows.map(row => row.map(Number).filter(n => Number.isFinite(n))).filter(row => row.length > 0);
    return parts.length > 0 ? { 'date-parts': parts } : undefined;
  }
  const year = scalarNumber(yamlMappingValue(node, 'year'));
  if (year !== undefined) {
    const part = [year];
    const month = scalarNumber(yamlMappingValue(node, 'month'));
    const day = scalarNumber(yamlMappingValue(node, 'day'));
    if (month !== undefined) {
      part.push(month);
      if (day !== undefined) part.push(day);
    }
    return { 'date-parts': [part] };
  }
  const literal = yamlMappingValue(node, 'literal') ?? yamlMappingValue(node, 'raw');
  return literal?.kind === 'scalar' ? { literal: literal.value } : undefined;
}

function scalarNumber(node: YamlNode | undefined): number | undefined {
  if (node?.kind !== 'scalar') return undefined;
  const n = Number(node.value.trim());
  return node.value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

function toPlain(node: YamlNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'sequence') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const { key, value } of node.entries) out[key] = value ? toPlain(value) : null;
  return out;
}
