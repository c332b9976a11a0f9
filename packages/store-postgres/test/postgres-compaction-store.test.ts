// Compactions (with transcript registration) and extraction cursors on a
// real PostgreSQL server, through the suites SQLite passes.
import {
  compactionStoreConformanceSuite,
  conversationExtractionConformanceSuite,
} from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

compactionStoreConformanceSuite('postgres', postgresStoreFactory());
conversationExtractionConformanceSuite('postgres', postgresStoreFactory());
