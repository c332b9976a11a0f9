import { platformStoreConformanceSuite } from '../../core/test-support/platform-store-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

platformStoreConformanceSuite('postgres', postgresStoreFactory());
