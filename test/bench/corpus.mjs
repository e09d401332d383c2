// Deterministic, realistic .bib corpora for the benchmark: Zotero/Better BibTeX-like entries with
// abstracts, long author lists, Unicode and LaTeX accents, @string macros, URLs with % and _, and
// (optionally) a sprinkling of the mistakes real exports contain.

/** mulberry32: small, fast, seeded PRNG — same corpus on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Beck', 'Ferrada', 'Sikora', 'Grayson', 'Kastner', 'Georgin-Lavialle', 'Heiblig', 'Bourbon', 'Obici',
  'Templé', 'Koster', 'Poulter', 'Lacombe', 'Zhao', 'Wang', 'Nguyen', 'Kim', 'Smith', 'Johnson', 'García', 'Martínez',
  'Müller', 'Schröder', 'Øvergaard', 'Łukasik', 'Dvořák', 'Nováková', 'Çelik', 'Yılmaz', 'Sánchez', 'Rossi', 'Bianchi',
  'van der Berg', 'de Vries', 'Al-Hakim', 'Savic', 'Lachmann', 'Hoffmann', 'Ross', "O'Brien", 'Brown', 'Tanaka', 'Sato',
  'Mekinian', 'Terrier', 'Fenaux', 'Comont', 'Hadjadj', 'Kosmider', 'Staels', 'Ciprian', 'Patel', 'Gupta', 'Singh'];
const LATEX_SURNAMES = ['M{\\"u}ller', 'Schr{\\"o}der', 'Templ{\\\'e}', 'Dvo{\\v{r}}{\\\'a}k', '{\\L}ukasik', '{\\O}vergaard',
  'Garc{\\\'\\i}a', 'Mart{\\\'i}nez', '\\c{C}elik', 'Y{\\i}lmaz', 'S{\\\'a}nchez', 'Nov{\\\'a}kov{\\\'a}', 'Fran{\\c c}ois'];
const GIVEN = ['David B.', 'Marcela A.', 'Keith', 'Peter C.', 'Daniel L.', 'Sophie', 'Maël', 'Olivier', 'Arsène', 'Jérôme',
  'Hélène', 'J.', 'A. K.', 'M.-C.', 'Sinisa', 'Helen J.', 'Yuki', 'Chen', 'Ana', 'Lucía', 'Björn', 'Zoë'];
const WORDS = ['somatic', 'mutations', 'UBA1', 'VEXAS', 'syndrome', 'autoinflammatory', 'disease', 'adult-onset',
  'myelodysplastic', 'relapsing', 'polychondritis', 'vacuoles', 'myeloid', 'precursors', 'ruxolitinib', 'tocilizumab',
  'azacitidine', 'allogeneic', 'transplantation', 'outcomes', 'cohort', 'retrospective', 'prospective', 'clinical',
  'features', 'genotype', 'phenotype', 'ubiquitylation', 'X-linked', 'inflammation', 'macrocytic', 'anemia',
  'thrombosis', 'chondritis', 'Sweet', 'neutrophilic', 'dermatosis', 'glucocorticoid', 'therapy', 'survival',
  'prevalence', 'population', 'study', 'variant', 'p.Met41Thr', 'p.Met41Val', 'splice', 'clonal', 'hematopoiesis',
  'interleukin-6', 'JAK', 'inhibitors', 'systematic', 'review', 'meta-analysis', 'case', 'report', 'French',
  'multicenter', 'registry', 'Japanese', 'patients', 'men', 'elderly', 'fever', 'pulmonary', 'infiltrates'];
const LATEX_TITLE_BITS = ['{\\textit{UBA1}}', '{VEXAS}', '\\& ', '{\\emph{in vitro}}', '$\\beta$-cells', '--', '{IL}-6',
  '{Sj\\"{o}gren}', '\\enquote{real-world}', '{M}{\\\'e}ni{\\`e}re'];
const JOURNALS = ['nejm', 'blood', 'arthrheum', 'annrheumdis', 'jallergy', 'haematologica', 'rheumatology'];
const JOURNAL_NAMES = { nejm: 'N Engl J Med', blood: 'Blood', arthrheum: 'Arthritis Rheumatol', annrheumdis: 'Ann Rheum Dis',
  jallergy: 'J Allergy Clin Immunol', haematologica: 'Haematologica', rheumatology: 'Rheumatology (Oxford)' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A .bib text of `count` entries. With `mistakes`, about 1 entry in 200 has a real-world fault
 * (missing comma, unbalanced brace, duplicate key, missing key, stray closing brace).
 * Returns { text, keys } where keys are the keys of entries a correct parser must keep.
 */
export function generateCorpus(count, { seed = 42, mistakes = true } = {}) {
  const rand = prng(seed);
  const pick = a => a[Math.floor(rand() * a.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const parts = ['% Exported by Better BibTeX for Zotero\n% Encoding: UTF-8\n\n'];
  for (const j of JOURNALS) parts.push(`@string{${j} = {${JOURNAL_NAMES[j]}}}\n`);
  parts.push('\n@preamble{ "\\providecommand{\\noopsort}[1]{}" }\n\n');
  const keys = [];
  const usedKeys = new Set();
  for (let i = 0; i < count; i++) {
    const nAuthors = rand() < 0.08 ? int(10, 25) : int(1, 7);
    const authors = [];
    for (let a = 0; a < nAuthors; a++) {
      const family = rand() < 0.12 ? pick(LATEX_SURNAMES) : pick(SURNAMES);
      const braced = family.includes(' ') && rand() < 0.3 ? `{${family}}` : family;
      authors.push(`${braced}, ${pick(GIVEN)}`);
    }
    if (rand() < 0.05) authors.push('others');
    const firstFamily = authors[0].split(',')[0].replace(/[^A-Za-z]/g, '').toLowerCase() || 'anon';
    const year = int(1995, 2025);
    const titleWords = [];
    const nWords = int(6, 18);
    for (let w = 0; w < nWords; w++) titleWords.push(rand() < 0.06 ? pick(LATEX_TITLE_BITS) : pick(WORDS));
    let key = `${firstFamily}${year}${titleWords[0].replace(/[^A-Za-z0-9]/g, '').toLowerCase()}`;
    let n = 0;
    while (usedKeys.has(key)) key = `${firstFamily}${year}${titleWords[0].replace(/[^A-Za-z0-9]/g, '').toLowerCase()}${String.fromCharCode(97 + (n++ % 26))}${n > 26 ? n : ''}`;
    usedKeys.add(key);
    const abstractWords = [];
    const nAbstract = int(2, 9);
    for (let w = 0; w < nAbstract; w++) abstractWords.push(pick(WORDS));
    const journal = rand() < 0.6 ? pick(JOURNALS) : `{${JOURNAL_NAMES[pick(JOURNALS)]}}`;
    const doi = `10.${int(1000, 9999)}/${pick(['nejmoa', 'blood', 'art', 'j.jaci', 'rheum'])}.${year}.${int(100000, 999999)}`;
    const fields = [
      `  author = {${authors.join(' and ')}}`,
      `  title = {${titleWords.join(' ')}}`,
      `  journal = ${journal}`,
      `  year = ${rand() < 0.5 ? year : `{${year}}`}`,
      `  month = ${pick(MONTHS)}`,
      `  volume = {${int(1, 400)}}`,
      `  number = {${int(1, 12)}}`,
      `  pages = {${int(1, 3000)}--${int(3001, 3100)}}`,
      `  doi = {${doi}}`,
      `  pmid = {${int(10000000, 39999999)}}`,
      `  url = {https://example.org/articles/${key}_full%20text?id=${i}}`,
      `  abstract = {${abstractWords.join(' ')}. ${rand() < 0.3 ? 'Results: 95\\% CI 1.2--3.4; p~$<$~0.05.' : ''}}`,
      `  langid = {english}`,
      `  file = {:articles/${key}.pdf:PDF}`,
    ];
    if (rand() < 0.3) fields.push(`  keywords = {${pick(WORDS)}; ${pick(WORDS)}; ${pick(WORDS)}}`);
    let entry = `@article{${key},\n${fields.join(',\n')}\n}\n\n`;
    let kept = true;
    if (mistakes && i > 0 && i % 200 === 100) {
      switch ((i / 200) % 5 | 0) {
        case 0: entry = entry.replace(`,\n  journal`, `\n  journal`); break; // missing comma: entry kept
        case 1: entry = entry.replace('  title = {', '  title = {{'); kept = 'truncated'; break; // unbalanced brace
        case 2: entry = `@article{${keys[keys.length - 1]},\n  title = {Duplicate}\n}\n\n`; kept = false; break; // duplicate key
        case 3: entry = entry.replace(`@article{${key},`, '@article{'); kept = false; break; // missing key
        case 4: entry = entry.replace(`  journal`, `}, journal`); kept = 'truncated'; break; // stray closing brace
      }
    }
    if (kept) keys.push(key);
    parts.push(entry);
  }
  parts.push('@comment{jabref-meta: databaseType:biblatex;}\n');
  return { text: parts.join(''), keys };
}

/** ~200 realistic picker/completion queries drawn from the corpus's own vocabulary. */
export function generateQueries(keys, count = 200, seed = 7) {
  const rand = prng(seed);
  const pick = a => a[Math.floor(rand() * a.length)];
  const queries = [];
  const plainSurnames = SURNAMES.map(s => s.toLowerCase());
  for (let i = 0; i < count; i++) {
    const k = pick(keys);
    switch (i % 10) {
      case 0: queries.push(k.slice(0, 1)); break; // 1-char key prefix
      case 1: queries.push(k.slice(0, 2)); break;
      case 2: queries.push(k.slice(0, 3)); break;
      case 3: queries.push(k.slice(0, 6 + (i % 5))); break; // longer key prefix
      case 4: queries.push(pick(plainSurnames).split(' ')[0]); break; // author surname
      case 5: queries.push(`${pick(plainSurnames).split(' ')[0]} ${1995 + Math.floor(rand() * 31)}`); break; // author + year
      case 6: queries.push(`beck 2020 ${pick(['uba1', 'somatic', 'vexas'])}`); break; // three tokens
      case 7: queries.push(pick(WORDS).toLowerCase().slice(0, 4)); break; // title word prefix
      case 8: queries.push(pick(['muller', 'garcia', 'templé', 'dvorak', 'celik', 'lukasik'])); break; // accent-insensitive
      case 9: queries.push(pick(['10.1', '10.5', 'vexas relapsing', 'ruxolitinib cohort', 'p.met41'])); break; // DOI / phrases
    }
  }
  return queries;
}
