import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, workspaceFolder } from './helpers';

const ENTRIES = 50_000;

/** A Better-BibTeX-like library: many authors, accents, abstracts; about 30 MB. */
function generateBibliography(n: number): string {
  const surnames = ['Müller', 'García', 'Nguyen', 'Smith', "O'Brien", 'Kowalski', 'Dubois', 'Rossi', 'Tanaka', 'Andersson'];
  const words = ['inflammation', 'ubiquitin', 'myeloid', 'somatic', 'clonal', 'vasculitis', 'cohort', 'therapy', 'marrow', 'cytokine'];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = surnames[i % surnames.length];
    const authors = Array.from({ length: 1 + (i % 8) }, (_, k) => `${surnames[(i + k) % surnames.length]}, A. ${String.fromCharCode(65 + (k % 26))}.`).join(' and ');
    const title = Array.from({ length: 8 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
    const abstract = Array.from({ length: 60 }, (_, k) => words[(i + k) % words.length]).join(' ');
    parts.push(`@article{${s.toLowerCase().replace(/[^a-z]/g, '')}${1950 + (i % 75)}${words[i % words.length]}${i},\n  author = {${authors}},\n  title = {${title}},\n  journal = {Journal ${i % 300}},\n  year = {${1950 + (i % 75)}},\n  doi = {10.1000/test.${i}},\n  abstract = {${abstract}}\n}\n`);
  }
  return parts.join('\n');
}

describe('a 50,000-entry bibliography in the extension host', () => {
  before(activateExtension);

  it('completes citation keys, first (indexing) and then warm', async () => {
    const folder = workspaceFolder().uri;
    const text = generateBibliography(ENTRIES);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'big', 'library.bib'), new TextEncoder().encode(text));
    const docUri = vscode.Uri.joinPath(folder, 'big', 'paper.md');
    await vscode.workspace.fs.writeFile(docUri, new TextEncoder().encode('---\nbibliography: library.bib\n---\n\nSee [@tanaka\n'));
    const doc = await vscode.workspace.openTextDocument(docUri);
    const at = new vscode.Position(4, 12);
    const complete = () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);

    let t = Date.now();
    const first = await complete();
    const firstMs = Date.now() - t;
    t = Date.now();
    const warm = await complete();
    const warmMs = Date.now() - t;
    const labels = warm.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    console.log(`      [50k] ${(text.length / 1e6).toFixed(1)} MB: first completion (read + index) ${firstMs} ms, ` +
      `warm ${warmMs} ms, ${warm.items.length} items`);
    assert.ok(first.items.length > 0);
    assert.ok(labels.length >= 50 && labels.every(l => l.startsWith('tanaka')), labels.slice(0, 5).join());
    assert.ok(warmMs < 1000, `warm completion took ${warmMs} ms`);
  });
});
