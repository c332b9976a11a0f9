import { compactionStoreConformanceSuite } from '@engram/core/test-support';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

compactionStoreConformanceSuite('sqlite', sqliteStoreFactory('compactions'));
