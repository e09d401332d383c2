/**
 * Manuscript structure: bibliography declarations, the TeX root, inline references, and the
 * shared non-prose masking pass (where prose is: knowledge/proseRanges.ts).
 */
export { bibliographyDeclarations } from './bibliographyDeclarations';
export type { BibliographyDeclaration, BibliographySource } from './bibliographyDeclarations';
export { findFrontMatter, parseFrontMatter } from './frontMatter';
export type { FrontMatter } from './frontMatter';
export { inlineReferences } from './inlineReferences';
export type { CslDate, CslName, InlineReference } from './inlineReferences';
export { findNonProseRegions } from './nonProseRegions';
export type { NonProseKind, NonProseRegion } from './nonProseRegions';
export { texRoot } from './texRoot';
export type { TextRange } from './textScan';
export { parseYamlSubset } from './yamlSubset';
export type { YamlNode } from './yamlSubset';
