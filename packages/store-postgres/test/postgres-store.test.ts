import { storeConformanceSuite } from '../../core/test-support/store-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

storeConformanceSuite('postgres', postgresStoreFactory());
