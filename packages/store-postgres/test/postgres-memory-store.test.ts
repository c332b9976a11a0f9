import { memoryStoreConformanceSuite } from '../../core/test-support/memory-store-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

memoryStoreConformanceSuite('postgres', postgresStoreFactory());
