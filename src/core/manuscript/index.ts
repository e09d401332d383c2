/**
 * Manuscript structure: bibliography declarations, the TeX root, inline references, and where
 * prose is (built on the shared non-prose masking pass).
 */
export { bibliographyDeclarations } from './bibliographyDeclarations';
export type { BibliographyDeclaration, BibliographySource } from './bibliographyDeclarations';
export { findFrontMatter, parseFrontMatter } from './frontMatter';
export type { FrontMatter } from './frontMatter';
export { inlineReferences } from './inlineReferences';
export type { CslDate, CslName, InlineReference } from './inlineReferences';
export { findNonProseRegions } from './nonProseRegions';
export type { NonProseKind, NonProseRegion } from './nonProseRegions';
export { isProseAt, proseRanges } from './proseRanges';
export { texRoot } from './texRoot';
export type { TextRange } from './textScan';
export { parseYamlSubset } from './yamlSubset';
export type { YamlNode } from './yamlSubset';
