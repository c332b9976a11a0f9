// Core's retrieval and entity-resolution suites over SQLite (core itself
// depends on no store, so they run from here).
import {
  cachedMemoryRetrievalSuite,
  candidateCacheSuite,
  entityResolutionSuite,
  retrievalPipelineSuite,
  retrievalScopesSuite,
} from '@engram/core/test-support';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

const fresh = () => sqliteStoreFactory('retrieval');
retrievalPipelineSuite('SQLite', fresh);
retrievalScopesSuite('SQLite', fresh);
cachedMemoryRetrievalSuite('SQLite', fresh);
candidateCacheSuite('SQLite', fresh);
entityResolutionSuite('SQLite', sqliteStoreFactory('entities'));
