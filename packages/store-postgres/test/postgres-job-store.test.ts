import { jobStoreConformanceSuite } from '../../core/test-support/job-store-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

// A fresh database per `open`: the suite wants an empty queue for every test.
jobStoreConformanceSuite('postgres', postgresStoreFactory());
