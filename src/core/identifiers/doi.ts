/** A DOI without the resolver prefix people paste with it (`https://doi.org/`, `dx.doi.org/`, `doi:`). */
export function stripDoiPrefix(doi: string): string {
  return doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** Whether `doi` (without a resolver prefix) has a DOI's shape: `10.`, a registrant, `/`, a suffix without spaces. */
export function isDoi(doi: string): boolean {
  return /^10\.\d{4,9}\/\S+$/.test(doi);
}

/** The form DOIs are compared in: DOIs are case-insensitive, and the prefix is not part of one. */
export function normalizeDoi(doi: string): string {
  return stripDoiPrefix(doi).toLowerCase();
}
