import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { parseBibTeX } from '../../../src/core/bibliography/parseBibTeX';
import { Glossary } from '../../../src/core/knowledge/glossary';
import { offlineFindings } from '../../../src/core/lookup/referenceCheck';
import type { EvidenceFile, TermsFile } from '../../../src/core/knowledge/types';

/**
 * Validates the curated knowledge base in data/: every file against its JSON Schema, and the
 * cross-checks no schema can express (keys used exist, no alias claimed twice, identifiers well-formed).
 */
const DATA = path.resolve(__dirname, '../../../../data');
const read = (name: string) => fs.readFileSync(path.join(DATA, name), 'utf8');
const readJson = <T>(name: string) => JSON.parse(read(name)) as T;

const DOI_RE = /^10\.\d{4,9}\/\S+$/;
const PMID_RE = /^[1-9]\d{0,8}$/;

describe('data/ knowledge base', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const terms = readJson<TermsFile>('terms.json');
  const evidence = readJson<EvidenceFile>('evidence.json');
  const bibText = read('references.bib');
  const bib = parseBibTeX(bibText);
  const keys = new Set(bib.entries.map(e => e.key));

  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  function assertValid(schemaFile: string, data: unknown, what: string): void {
    let validate = validators.get(schemaFile);
    if (!validate) {
      validate = ajv.compile(readJson<object>(path.join('schema', schemaFile)));
      validators.set(schemaFile, validate);
    }
    const ok = validate(data);
    assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  }

  describe('references.bib', () => {
    it('parses without a single error', () => {
      assert.deepStrictEqual(bib.errors.map(e => `${e.message} at ${e.start}`), []);
    });
    it('holds at least 40 references', () => {
      assert.ok(bib.entries.length >= 40, `${bib.entries.length} entries`);
    });
    it('has no duplicate keys, DOIs or PMIDs', () => {
      for (const field of ['key', 'doi', 'pmid'] as const) {
        const seen = new Map<string, string>();
        for (const e of bib.entries) {
          const v = field === 'key' ? e.key : e.fields[field]?.toLowerCase();
          if (!v) continue;
          assert.ok(!seen.has(v), `${field} ${v} is used by ${seen.get(v)} and ${e.key}`);
          seen.set(v, e.key);
        }
      }
    });
    it('every entry validates against schema/references.schema.json', () => {
      for (const e of bib.entries) {
        assertValid('references.schema.json', { key: e.key, type: e.type, fields: { ...e.fields } }, e.key);
      }
    });
    it('identifiers are well-formed (DOI 10.x/…, PMID digits)', () => {
      for (const e of bib.entries) {
        if (e.fields.doi) assert.match(e.fields.doi, DOI_RE, `${e.key} doi`);
        if (e.fields.pmid) assert.match(e.fields.pmid, PMID_RE, `${e.key} pmid`);
      }
    });
    it('passes the reference check\'s offline checks (what Check References runs without the network)', () => {
      assert.deepStrictEqual(offlineFindings(bib.entries), []);
    });
    it('includes the seed review and the papers it lists', () => {
      for (const k of ['li2024navigating', 'beck2020somatic', 'beck2023estimated', 'alhakim2023update',
        'beecher2022recurrent', 'bindoli2023jak']) {
        assert.ok(keys.has(k), `${k} is in the library`);
      }
      const li = bib.entries.find(e => e.key === 'li2024navigating');
      assert.strictEqual(li?.fields.doi, '10.1186/s10020-024-00922-8');
    });
    it('starts with a provenance record', () => {
      assert.match(bibText.slice(0, 2000), /@comment\{[^}]*Last reviewed: \d{4}-\d{2}-\d{2}/i);
    });
  });

  describe('terms.json', () => {
    it('validates against schema/terms.schema.json', () => assertValid('terms.schema.json', terms, 'terms.json'));
    it('holds at least 220 terms', () => assert.ok(terms.terms.length >= 220, `${terms.terms.length} terms`));
    it('every term cites at least one source, and every source key exists', () => {
      for (const t of terms.terms) {
        assert.ok(t.sources.length > 0, `${t.id} has sources`);
        for (const s of t.sources) assert.ok(keys.has(s.key), `${t.id} cites unknown key ${s.key}`);
      }
    });
    it('no written form belongs to two terms, and no discouraged form is also accepted', () => {
      const owner = new Map<string, string>();
      for (const t of terms.terms) {
        for (const form of new Set([t.term, ...t.aliases, ...t.abbreviations].map(f => f.toLowerCase()))) {
          assert.ok(!owner.has(form) || owner.get(form) === t.id, `"${form}" belongs to ${owner.get(form)} and ${t.id}`);
          owner.set(form, t.id);
        }
      }
      for (const t of terms.terms) {
        for (const d of t.discouraged) {
          assert.ok(!owner.has(d.form.toLowerCase()), `discouraged "${d.form}" (${t.id}) is accepted for ${owner.get(d.form.toLowerCase())}`);
        }
      }
    });
    it('ids are unique and every related id exists', () => {
      const ids = new Set<string>();
      for (const t of terms.terms) { assert.ok(!ids.has(t.id), `duplicate id ${t.id}`); ids.add(t.id); }
      for (const t of terms.terms) for (const r of t.related) assert.ok(ids.has(r), `${t.id} relates to unknown ${r}`);
    });
    it('every category is declared', () => {
      for (const t of terms.terms) assert.ok(t.category in terms.categories, `${t.id}: ${t.category}`);
    });
  });

  describe('evidence.json', () => {
    it('validates against schema/evidence.schema.json', () => assertValid('evidence.schema.json', evidence, 'evidence.json'));
    it('keeps the bundled conventions the schema leaves open to authors\' own files', () => {
      const file = evidence as unknown as Record<string, unknown>;
      for (const part of ['provenance', 'evidenceLevels', 'classes']) assert.ok(file[part], `evidence.json has ${part}`);
      const known = ['il6', 'jak', 'glucocorticoids', 'hma', 'hsct', 'il1', 'tnf', 'dmard', 'other'];
      for (const c of evidence.classes) assert.ok(known.includes(c.id), `class ${c.id}`);
      for (const r of evidence.records) {
        assert.match(r.study, /^[a-z]+[0-9]{4}[a-z]+$/, `${r.id}: study key convention`);
        assert.match(r.id, /^[a-z0-9-]+--[a-z]+[0-9]{4}[a-z]+$/, `${r.id}: record id convention`);
        assert.strictEqual(r.id, `${r.drug}--${r.study}`, `${r.id} is <drug>--<study>`);
      }
    });
    it('record ids are unique; classes and study keys exist', () => {
      const ids = new Set<string>();
      const classes = new Set(evidence.classes.map(c => c.id));
      for (const r of evidence.records) {
        assert.ok(!ids.has(r.id), `duplicate record ${r.id}`);
        ids.add(r.id);
        assert.ok(classes.has(r.class), `${r.id}: unknown class ${r.class}`);
        assert.ok(keys.has(r.study), `${r.id}: unknown study ${r.study}`);
        assert.ok(r.evidenceLevel in evidence.evidenceLevels, `${r.id}: undefined level ${r.evidenceLevel}`);
      }
      for (const c of evidence.classes) {
        for (const s of c.summary ?? []) {
          assert.ok(s.studies.length > 0, `${c.id}: summary sentence without a study`);
          for (const k of s.studies) assert.ok(keys.has(k), `${c.id} summary cites unknown ${k}`);
        }
      }
    });
    it('every outcome says where in its source it comes from; counts are consistent', () => {
      for (const r of evidence.records) {
        for (const o of r.outcomes ?? []) {
          assert.ok(o.where && o.where.length > 0, `${r.id}: outcome without a location`);
          assert.ok(!/secondary/i.test(o.where), `${r.id}: outcome from a secondary report`);
          if (o.responders !== undefined || o.denominator !== undefined) {
            assert.ok(Number.isInteger(o.responders) && Number.isInteger(o.denominator), `${r.id}: responders and denominator come together`);
            assert.ok(o.responders! <= o.denominator!, `${r.id}: ${o.responders}/${o.denominator}`);
          }
        }
      }
    });
    it('evidence levels follow the documented rules', () => {
      for (const r of evidence.records) {
        if (r.patients !== undefined && r.patients < 5) assert.strictEqual(r.evidenceLevel, 'D', `${r.id}: fewer than 5 treated`);
        if (r.patients === undefined) assert.ok(r.evidenceLevel >= 'C', `${r.id}: number treated not reported`);
        if (r.design === 'systematic-review') assert.ok(r.evidenceLevel >= 'C', `${r.id}: review of published cases`);
        if (r.evidenceLevel === 'A') assert.match(r.design, /trial|prospective/, `${r.id}: level A needs a prospective trial`);
      }
    });
    it('every drug or drug class in the evidence has a glossary term', () => {
      const glossary = new Glossary(terms);
      for (const r of evidence.records) {
        const label = r.drugLabel.replace(/\s*\(.*\)\s*$/, '');
        const term = glossary.lookup(label) ?? glossary.lookup(label.replace(/^Other /, ''));
        assert.ok(term, `${r.id}: no term for "${label}"`);
      }
      const used = new Set(evidence.records.map(r => r.drug));
      for (const c of evidence.classes) for (const d of c.drugs ?? []) assert.ok(used.has(d), `${c.id} lists ${d}, which no record uses`);
    });
    it('covers the drug classes in use, IL-6 and JAK inhibitors first', () => {
      const order = evidence.classes.map(c => c.id);
      assert.deepStrictEqual(order.slice(0, 2), ['il6', 'jak']);
      const withRecords = new Set(evidence.records.map(r => r.class));
      for (const c of ['il6', 'jak', 'glucocorticoids', 'hma', 'hsct', 'il1', 'tnf', 'dmard']) {
        assert.ok(withRecords.has(c), `class ${c} has records`);
      }
    });
  });
});
