import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { KnowledgeBase, LazyKnowledgeBase } from '../../../../src/core/knowledge';

const DATA = path.resolve(__dirname, '../../../../../data');
const readData = async (name: string) => fs.readFileSync(path.join(DATA, name), 'utf8');

describe('core/knowledge: the bundled knowledge base', () => {
  let kb: KnowledgeBase;
  before(async () => { kb = await KnowledgeBase.load(readData); });

  it('answers a term by any written form, in prose case', () => {
    assert.strictEqual(kb.glossary.lookup('Tocilizumab')?.term.term, 'tocilizumab');
    assert.strictEqual(kb.glossary.lookup('UBA1')?.term.id, 'uba1');
    const m41t = kb.glossary.lookup('M41T');
    assert.strictEqual(m41t?.term.term, 'p.Met41Thr');
    assert.strictEqual(m41t?.kind, 'discouraged');
  });

  it('finds a term under the cursor in a sentence', () => {
    const text = 'Most patients carry p.Met41Thr and present with relapsing polychondritis.';
    assert.strictEqual(kb.glossary.matchAt(text, text.indexOf('Met41'))?.term.term, 'p.Met41Thr');
    const rp = kb.glossary.matchAt(text, text.indexOf('polychondritis'));
    assert.strictEqual(text.slice(rp!.start, rp!.end), 'relapsing polychondritis');
  });

  it('finds a study by the drugs the evidence links it to, below studies that name the drug in their title', () => {
    const keys = (q: string) => kb.references.search(q).map(h => h.item.key);
    for (const r of kb.evidence.records) {
      const drug = r.drugLabel.replace(/\s*\([^)]*\)/g, '');
      assert.ok(keys(drug).includes(r.study), `"${drug}" finds ${r.study}`);
    }
    const jak = keys('JAK');
    assert.ok(jak.indexOf('hadjadj2024efficacy') > jak.indexOf('li2024navigating'), 'title "…IL-6 and JAK inhibitors…" first');
    assert.ok(!keys('ferra').includes('sakuma2024uba1'), 'no typo-tolerant noise (co-author Haferlach) beside Ferrada');
  });

  it('answers references by key, DOI (any case or resolver prefix) and PMID', () => {
    const li = kb.references.get('li2024navigating');
    assert.ok(li);
    assert.strictEqual(kb.references.byDoi('https://doi.org/10.1186/S10020-024-00922-8')?.entry.key, 'li2024navigating');
    const withPmid = kb.referenceEntries.find(e => e.fields.pmid);
    assert.ok(withPmid, 'some entry has a PMID');
    assert.strictEqual(kb.references.byPmid(withPmid.fields.pmid)?.entry.key, withPmid.key);
    assert.strictEqual(kb.references.get('nosuchkey1999'), undefined);
  });

  it('answers evidence by drug, class and study', () => {
    const il6 = kb.evidence.forClass('il6');
    assert.ok(il6.length > 0);
    assert.ok(kb.evidence.forDrug('Tocilizumab').every(r => r.drug === 'tocilizumab'));
    const study = il6[0].study;
    assert.ok(kb.evidence.forStudy(study).some(r => r.id === il6[0].id));
    assert.deepStrictEqual(kb.evidence.classes.slice(0, 2).map(c => c.id), ['il6', 'jak']);
  });

  it('loads once, at first use, for every concurrent caller', async () => {
    let reads = 0;
    const lazy = new LazyKnowledgeBase(async name => { reads++; return readData(name); });
    assert.strictEqual(reads, 0, 'nothing is read before first use');
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    assert.strictEqual(a, b);
    assert.strictEqual(reads, 3);
    await lazy.get();
    assert.strictEqual(reads, 3);
  });

  it('a failed load says which file is broken, and the next use tries again', async () => {
    let broken = true;
    const lazy = new LazyKnowledgeBase(async name => (broken && name === 'terms.json' ? '{ not json' : readData(name)));
    await assert.rejects(lazy.get(), /terms\.json is not valid JSON/);
    broken = false;
    assert.ok((await lazy.get()).glossary.terms.length > 0);
  });
});
