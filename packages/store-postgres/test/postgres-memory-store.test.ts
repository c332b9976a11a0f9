import { memoryStoreConformanceSuite } from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

memoryStoreConformanceSuite('postgres', postgresStoreFactory());
