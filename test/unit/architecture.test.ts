import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';

// The shape rules the developers' guide sets: no import circles (between files, or between folders
// through any chain), and the pure core free of `vscode` and Node built-ins.
const root = path.resolve(__dirname, '../../..');
const src = path.join(root, 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(d => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? tsFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(m => m[1]);
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.join(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
}

/** Strongly connected components with more than one node (Tarjan, iterative over an explicit stack). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, next); low.set(start, next++); stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const w = edges[frame.edge++];
        if (!index.has(w)) {
          index.set(w, next); low.set(w, next++); stack.push(w); onStack.add(w);
          work.push({ node: w, edge: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== frame.node);
        if (component.length > 1) found.push(component.map(f => path.relative(root, f)));
      }
    }
  }
  return found;
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
}

describe('architecture', () => {
  const files = tsFiles(src);
  const fileGraph = new Map(files.map(f => [f, imports(f).map(s => resolveLocal(f, s)).filter((r): r is string => !!r)]));

  it('has no import circles between files', () => {
    assert.deepStrictEqual(cycles(fileGraph), []);
  });

  it('has no import circles between folders', () => {
    const folderGraph = new Map<string, string[]>();
    for (const [file, deps] of fileGraph) {
      const from = path.dirname(file);
      const edges = folderGraph.get(from) ?? [];
      for (const d of deps) if (path.dirname(d) !== from && !edges.includes(path.dirname(d))) edges.push(path.dirname(d));
      folderGraph.set(from, edges);
    }
    assert.deepStrictEqual(cycles(folderGraph), []);
  });

  it('keeps the core free of vscode and Node built-ins', () => {
    const offending = files.filter(f => f.startsWith(path.join(src, 'core') + path.sep))
      .flatMap(f => imports(f).filter(s => s === 'vscode' || isNodeBuiltin(s)).map(s => `${path.relative(root, f)}: ${s}`));
    assert.deepStrictEqual(offending, []);
  });

  it('keeps Node built-ins out of everything the web entry reaches', () => {
    const reached = new Set([path.join(src, 'web', 'extension.ts')]);
    for (const file of reached) for (const dep of fileGraph.get(file) ?? []) reached.add(dep);
    assert.ok(reached.has(path.join(src, 'activation.ts')), 'the web entry shares the activation');
    const offending = [...reached].flatMap(f => imports(f).filter(isNodeBuiltin).map(s => `${path.relative(root, f)}: ${s}`));
    assert.deepStrictEqual(offending, []);
  });
});
