import {
  compactionStoreConformanceSuite,
  instanceSettingsConformanceSuite,
} from '../../core/test-support/compaction-store-conformance.js';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

compactionStoreConformanceSuite('sqlite', sqliteStoreFactory('compactions'));
instanceSettingsConformanceSuite('sqlite', sqliteStoreFactory('settings'));
