import { jobStoreConformanceSuite } from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

// A fresh database per `open`: the suite wants an empty queue for every test.
jobStoreConformanceSuite('postgres', postgresStoreFactory());
