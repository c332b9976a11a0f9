// The extraction cursor on a real SQLite file (the shared conformance suite).
import { conversationExtractionConformanceSuite } from '@engram/core/test-support';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

conversationExtractionConformanceSuite('sqlite', sqliteStoreFactory('cursors'));
