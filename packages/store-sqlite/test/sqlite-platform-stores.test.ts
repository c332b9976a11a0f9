import { platformStoreConformanceSuite } from '@engram/core/test-support';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

platformStoreConformanceSuite('sqlite', sqliteStoreFactory('platform'));
