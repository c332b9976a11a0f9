import { workerPoolConformanceSuite } from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

workerPoolConformanceSuite('postgres', postgresStoreFactory());
