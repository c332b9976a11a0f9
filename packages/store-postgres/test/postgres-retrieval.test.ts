// Core's retrieval and entity-resolution suites over PostgreSQL, the same
// suites store-sqlite runs: ranking, scopes, caching and entity resolution
// must not depend on the store.
import {
  cachedMemoryRetrievalSuite,
  candidateCacheSuite,
  entityResolutionSuite,
  retrievalPipelineSuite,
  retrievalScopesSuite,
} from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

retrievalPipelineSuite('PostgreSQL', postgresStoreFactory);
retrievalScopesSuite('PostgreSQL', postgresStoreFactory);
cachedMemoryRetrievalSuite('PostgreSQL', postgresStoreFactory);
candidateCacheSuite('PostgreSQL', postgresStoreFactory);
entityResolutionSuite('PostgreSQL', postgresStoreFactory());
