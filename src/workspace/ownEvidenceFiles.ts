import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import * as vscode from 'vscode';
import { readOwnEvidence, type OwnEvidence, type RecordCheck } from '../core/evidence/ownEvidence';
import type { EvidenceClass, EvidenceRecord } from '../core/knowledge';
import { compileGlob } from '../core/glob';
import { LineIndex } from '../core/lineIndex';
import { mayRead } from './access';
import { readText } from './textFiles';

const FILES_SETTING = 'evidence.files';
const DEFAULT_GLOBS = ['**/vexas-evidence.json'];
const DEBOUNCE_MS = 400;

/**
 * The author's own extraction files (`vexas-evidence.json` anywhere in the workspace, or the globs in
 * `vexas.evidence.files`): read, each record checked against the shipped schema, problems shown in
 * the file, the valid records handed to the evidence views. Re-read when a file changes.
 */
export class OwnEvidenceFiles implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('vexas-evidence');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];
  private cached: Promise<OwnEvidence> | undefined;
  private checks: Promise<{ record: RecordCheck; klass: RecordCheck }> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly matchers = new Map<string, (path: string) => boolean>();

  constructor(private readonly extensionUri: vscode.Uri) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const touched = (uri: vscode.Uri) => { if (this.isExtractionFile(uri)) this.invalidateSoon(); };
    this.disposables.push(
      watcher, watcher.onDidChange(touched), watcher.onDidCreate(touched), watcher.onDidDelete(touched),
      vscode.workspace.onDidChangeTextDocument(e => touched(e.document.uri)),
      // Opening a file re-reads it too: a file-system event can be missed (or come late) on some hosts.
      vscode.workspace.onDidOpenTextDocument(d => touched(d.uri)),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(`vexas.${FILES_SETTING}`)) this.invalidateSoon(); }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Every valid record and class of every extraction file (read once, until one changes). */
  load(): Promise<OwnEvidence> {
    this.cached ??= this.read().catch(e => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  private invalidateSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cached = undefined;
      this.changed.fire();
    }, DEBOUNCE_MS);
  }

  private globs(folder?: vscode.WorkspaceFolder): string[] {
    const globs = vscode.workspace.getConfiguration('vexas', folder).get<string[]>(FILES_SETTING, DEFAULT_GLOBS);
    return Array.isArray(globs) ? globs.filter(g => typeof g === 'string' && g.trim() !== '') : DEFAULT_GLOBS;
  }

  /** Compiled once per pattern: every edit in any document asks whether it was an extraction file. */
  private matcher(glob: string): (path: string) => boolean {
    let match = this.matchers.get(glob);
    if (!match) {
      if (this.matchers.size > 50) this.matchers.clear();
      this.matchers.set(glob, match = compileGlob(glob));
    }
    return match;
  }

  private isExtractionFile(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return this.globs(folder).some(g => this.matcher(g)(relative));
  }

  private async read(): Promise<OwnEvidence> {
    const checks = await (this.checks ??= this.compileChecks());
    const records: EvidenceRecord[] = [];
    const classes: EvidenceClass[] = [];
    this.problems.clear();
    let index = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uris = new Map<string, vscode.Uri>();
      for (const glob of this.globs(folder)) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 50)) uris.set(uri.toString(), uri);
      }
      for (const uri of uris.values()) {
        if (!mayRead(uri)) continue;
        let text: string;
        try {
          text = (await readText(uri)).text;
        } catch (e) {
          this.problems.set(uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `This evidence file cannot be read: ${e instanceof Error ? e.message : String(e)}`, vscode.DiagnosticSeverity.Error)]);
          continue;
        }
        const own = readOwnEvidence(text, vscode.workspace.asRelativePath(uri), index++, checks.record, checks.klass);
        records.push(...own.records);
        classes.push(...own.classes);
        const lines = LineIndex.of(text);
        const at = (offset: number) => { const p = lines.positionAt(offset); return new vscode.Position(p.line, p.character); };
        this.problems.set(uri, own.problems.map(p => {
          const d = new vscode.Diagnostic(new vscode.Range(at(p.start), at(p.end)), p.message, vscode.DiagnosticSeverity.Error);
          d.source = 'VEXAS';
          return d;
        }));
      }
    }
    return { records, classes, problems: [] };
  }

  /** The shipped schema's record and class definitions, compiled once. */
  private async compileChecks(): Promise<{ record: RecordCheck; klass: RecordCheck }> {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'data', 'schema', 'evidence.schema.json'));
    const schema = JSON.parse(new TextDecoder('utf-8').decode(bytes)) as { $id?: string };
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    ajv.addSchema(schema, 'evidence');
    const check = (validate: ValidateFunction): RecordCheck => value => (validate(value) ? [] : (validate.errors ?? []).map(describeError));
    return {
      record: check(ajv.compile({ $ref: 'evidence#/$defs/record' })),
      klass: check(ajv.compile({ $ref: 'evidence#/$defs/class' })),
    };
  }
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the record';
  const allowed = e.keyword === 'enum' ? `: one of ${(e.params as { allowedValues?: unknown[] }).allowedValues?.map(v => JSON.stringify(v)).join(', ')}` : '';
  const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty?: string }).additionalProperty})` : '';
  return `${where} ${e.message ?? 'is not valid'}${allowed}${extra}`;
}
