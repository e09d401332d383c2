export * from './types';
export { Glossary, type TermMatch, type TermCompletion, type FormKind } from './glossary';
export { EvidenceIndex } from './evidenceIndex';
export { ReferenceLibrary, normaliseDoi } from './referenceLibrary';
export { KnowledgeBase, LazyKnowledgeBase, KNOWLEDGE_FILES, type ReadDataFile } from './knowledgeBase';
export { foldForMatch } from './textFolding';
