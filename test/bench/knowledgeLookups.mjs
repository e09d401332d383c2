#!/usr/bin/env node
// Times the bundled knowledge base: first load, and each kind of look-up (µs per call).
// Run after `node esbuild.mjs --tests` (npm run bench does both).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url).pathname;
const { KnowledgeBase } = require(join(root, 'out/src/core/knowledge/index.js'));
const read = async name => readFileSync(join(root, 'data', name), 'utf8');

const t0 = performance.now();
const kb = await KnowledgeBase.load(read);
const loadMs = performance.now() - t0;

function perCall(fn, n = 100_000) {
  for (let i = 0; i < 1000; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t) * 1000) / n;
}
const sentence = 'Most patients carry p.Met41Thr and present with relapsing polychondritis treated with tocilizumab.';
const entries = kb.referenceEntries;
const withDoi = entries.filter(e => e.fields.doi);
const withPmid = entries.filter(e => e.fields.pmid);
const rows = [
  ['term by text (glossary.lookup)', perCall(i => kb.glossary.lookup(i % 2 ? 'Tocilizumab' : 'M41T'))],
  ['term under cursor in a sentence (matchAt)', perCall(i => kb.glossary.matchAt(sentence, (i * 7) % sentence.length))],
  ['term completion (complete "tocil")', perCall(() => kb.glossary.complete('tocil'), 20_000)],
  ['reference by key', perCall(i => kb.references.get(entries[i % entries.length].key))],
  ['reference by DOI', perCall(i => kb.references.byDoi(withDoi[i % withDoi.length].fields.doi))],
  ['reference by PMID', perCall(i => kb.references.byPmid(withPmid[i % withPmid.length].fields.pmid))],
  ['evidence by drug', perCall(i => kb.evidence.forDrug(i % 2 ? 'tocilizumab' : 'Ruxolitinib'))],
  ['evidence by class', perCall(() => kb.evidence.forClass('jak'))],
  ['evidence by study', perCall(i => kb.evidence.forStudy(kb.evidence.records[i % kb.evidence.records.length].study))],
];
console.log(`knowledge base: ${kb.glossary.terms.length} terms, ${entries.length} references, ` +
  `${kb.evidence.records.length} evidence records; first load ${loadMs.toFixed(1)} ms`);
for (const [what, us] of rows) console.log(`  ${what.padEnd(44)} ${us.toFixed(2).padStart(8)} µs/call`);
