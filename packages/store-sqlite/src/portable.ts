/**
 * The parts of this adapter that hold no SQLite: the tokenizer and BM25
 * scoring its text index ranks with, and the in-process vector copy. Another
 * adapter (PostgreSQL) ranks with these same functions so both stores give
 * the same results on the same data. Importing this entry loads no native
 * module.
 */

export {
  type ArchivedConversationRow,
  type ArchivedMessageRow,
  derivedId,
  expandTerms,
  increment,
  toArchivedConversation,
  toArchivedMessage,
} from './archive-rows.js';
export { inverseDocumentFrequency, type ScoredRow, scoreBm25, type WeightedStem } from './bm25-scoring.js';
export { fts5Tokens } from './fts5-tokens.js';
export { quotedTerms, scopeTokenOf, unquotedTerm } from './full-text-query.js';
export { toVersion, type VersionRow } from './instance-config-rows.js';
export { type JobRow, toJob } from './job-rows.js';
export {
  type DocumentRow,
  documentParameters,
  type EdgeRow,
  type EntityRow,
  type MemoryRow,
  memoryParameters,
  type OwnerColumns,
  ownerOf,
  toEntityEdge,
  toStoredDocument,
  toStoredEntity,
  toStoredMemory,
} from './memory-rows.js';
export { DEFAULT_CONTEXT_WEIGHT } from './sqlite-text-index.js';
export { type SupersessionReads, supersessionChain } from './supersession-chain.js';
export { type EncodedTermFrequencies, encodeTermFrequencies, termFrequency } from './term-frequencies.js';
export { isZeroVector } from './vector-blob.js';
export { type DeliveryRow, type EndpointRow, toDelivery, toEndpoint } from './webhook-rows.js';
