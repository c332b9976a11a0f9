import { compactionStoreConformanceSuite, instanceSettingsConformanceSuite } from '@engram/core/test-support';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

compactionStoreConformanceSuite('sqlite', sqliteStoreFactory('compactions'));
instanceSettingsConformanceSuite('sqlite', sqliteStoreFactory('settings'));
