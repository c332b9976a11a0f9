/**
 * @engram/core/test-support: the conformance suites every store adapter runs
 * from its own package (storage port, memory store, jobs, compactions,
 * platform stores, retrieval, entity resolution) and the fixtures they share. Development
 * only: the published package does not ship this folder.
 */

export * from './compaction-store-conformance.js';
export * from './conversation-extraction-conformance.js';
export * from './entity-resolution-suite.js';
export * from './job-store-conformance.js';
export * from './memory-fixtures.js';
export * from './memory-index-conformance-cases.js';
export * from './memory-store-conformance.js';
export * from './platform-store-conformance.js';
export { cachedMemoryRetrievalSuite } from './retrieval/cached-memory-retrieval-suite.js';
export { candidateCacheSuite } from './retrieval/candidate-cache-suite.js';
export {
  type FreshStoreFactory,
  hashedEmbedder,
  INSTANCE,
  NOW,
  ownerOf,
  pipelineOver,
  requestOf,
  Seeder,
  targetOf,
} from './retrieval/retrieval-fixtures.js';
export { retrievalPipelineSuite } from './retrieval/retrieval-pipeline-suite.js';
export { retrievalScopesSuite } from './retrieval/retrieval-scopes-suite.js';
export * from './store-conformance.js';
export * from './worker-pool-conformance.js';
