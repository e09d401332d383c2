/**
 * The author's own extractions: a workspace file in the format of data/evidence.json (at least its
 * `records`, optionally `classes`), read with positions so that each invalid record is reported at
 * its place while every valid one is used. Records are validated one by one with the shipped JSON
 * Schema (the caller passes the compiled check), so one bad record costs only itself.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { EvidenceClass, EvidenceRecord } from '../knowledge/types';

export interface OwnEvidenceProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface OwnEvidence {
  readonly records: readonly EvidenceRecord[];
  readonly classes: readonly EvidenceClass[];
  readonly problems: readonly OwnEvidenceProblem[];
}

/** Messages for one value against the schema's record (or class) definition; empty when valid. */
export type RecordCheck = (value: unknown) => readonly string[];

/**
 * Reads one extraction file. Record ids are made unique across files (`own:<fileIndex>:<id>`) so
 * they never collide with the bundled dataset's; each record carries `origin`.
 */
export function readOwnEvidence(text: string, file: string, fileIndex: number, checkRecord: RecordCheck, checkClass: RecordCheck): OwnEvidence {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: OwnEvidenceProblem[] = errors.slice(0, 50).map(e => ({
    message: `Not valid JSON here: ${printParseErrorCode(e.error)}`, start: e.offset, end: e.offset + Math.max(1, e.length),
  }));
  const records: EvidenceRecord[] = [];
  const classes: EvidenceClass[] = [];
  if (!root || root.type !== 'object') {
    if (problems.length === 0) problems.push({ message: 'An evidence file is an object with a "records" array (the format of the bundled data/evidence.json).', start: 0, end: Math.min(1, text.length) });
    return { records, classes, problems };
  }
  const property = (name: string): Node | undefined => root.children?.find(p => p.children?.[0]?.value === name)?.children?.[1];
  const recordList = property('records');
  if (!recordList || recordList.type !== 'array') {
    problems.push({ message: 'No "records" array: nothing to add to the Therapy Evidence view.', start: root.offset, end: root.offset + 1 });
  }
  const ids = new Set<string>();
  (recordList?.children ?? []).forEach((node, i) => {
    const value = getNodeValue(node) as unknown;
    const messages = checkRecord(value);
    const id = (value as { id?: unknown })?.id;
    if (messages.length > 0) {
      problems.push({ message: `Record ${i + 1}${typeof id === 'string' ? ` (${id})` : ''} is not used: ${messages.slice(0, 3).join('; ')}`, start: node.offset, end: node.offset + node.length });
      return;
    }
    const record = value as EvidenceRecord;
    if (ids.has(record.id)) {
      problems.push({ message: `Record ${i + 1}: the id ${record.id} is used twice in this file; the first is used.`, start: node.offset, end: node.offset + node.length });
      return;
    }
    ids.add(record.id);
    records.push({ ...record, id: `own:${fileIndex}:${record.id}`, origin: { kind: 'own', file } });
  });
  const classList = property('classes');
  for (const node of classList?.type === 'array' ? classList.children ?? [] : []) {
    const value = getNodeValue(node) as unknown;
    const messages = checkClass(value);
    if (messages.length > 0) problems.push({ message: `This class is not used: ${messages.slice(0, 3).join('; ')}`, start: node.offset, end: node.offset + node.length });
    else classes.push(value as EvidenceClass);
  }
  return { records, classes, problems };
}
