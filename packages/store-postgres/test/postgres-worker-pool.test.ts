import { workerPoolConformanceSuite } from '../../core/test-support/worker-pool-conformance.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

workerPoolConformanceSuite('postgres', postgresStoreFactory());
