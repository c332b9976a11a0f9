import { platformStoreConformanceSuite } from '../../core/test-support/platform-store-conformance.js';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

platformStoreConformanceSuite('sqlite', sqliteStoreFactory('platform'));
