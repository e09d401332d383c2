export * from './types';
export { Glossary, type TermMatch, type TermCompletion, type FormKind } from './glossary';
export { EvidenceIndex } from './evidenceIndex';
export { KnowledgeBase, LazyKnowledgeBase, KNOWLEDGE_FILES, BUNDLED_LIBRARY_ID, type ReadDataFile } from './knowledgeBase';
