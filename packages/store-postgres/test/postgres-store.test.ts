import { storeConformanceSuite } from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

storeConformanceSuite('postgres', postgresStoreFactory());
