import { instanceSettingsConformanceSuite, platformStoreConformanceSuite } from '@engram/core/test-support';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

platformStoreConformanceSuite('postgres', postgresStoreFactory());
instanceSettingsConformanceSuite('postgres', postgresStoreFactory());
