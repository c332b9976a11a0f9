// The extraction cursor on a real SQLite file (the shared conformance suite).
import { conversationExtractionConformanceSuite } from '../../core/test-support/conversation-extraction-conformance.js';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

conversationExtractionConformanceSuite('sqlite', sqliteStoreFactory('cursors'));
