/** A Better-BibTeX-like library: many authors, accents, abstracts; about 30 MB. */
export function generateBibliography(n: number): string {
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
