// Compactions (with transcript registration) and extraction cursors on a
// real PostgreSQL server, through the suites SQLite passes.
import { compactionStoreConformanceSuite } from '../../core/test-support/compaction-store-conformance.js';
import { conversationExtractionConformanceSuite } from '../../core/test-support/conversation-extraction-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

compactionStoreConformanceSuite('postgres', postgresStoreFactory());
conversationExtractionConformanceSuite('postgres', postgresStoreFactory());
