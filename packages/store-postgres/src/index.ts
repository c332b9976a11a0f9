/** @engram/store-postgres: the scale-out storage adapter (PostgreSQL 15+ through `pg`). */

export { POSTGRES_MIGRATIONS } from './migrations/index.js';
export type { PostgresMigration } from './migrations/postgres-migration.js';
export {
  CHANGE_CHANNEL,
  changeOfPayload,
  PostgresChangeFeed,
  type PostgresChangeFeedOptions,
} from './postgres-change-feed.js';
export { PostgresCompactionStore } from './postgres-compaction-store.js';
export { PostgresConversationExtractionStore } from './postgres-conversation-extraction-store.js';
export { PostgresConversationStore } from './postgres-conversation-store.js';
export { PostgresEngramStore, type PostgresEngramStoreOptions } from './postgres-engram-store.js';
export { PostgresErasureStore } from './postgres-erasure-store.js';
export { postgresError } from './postgres-error.js';
export { PostgresGraphStore } from './postgres-graph-store.js';
export { PostgresInstanceArchiveStore } from './postgres-instance-archive-store.js';
export { PostgresInstanceConfigStore } from './postgres-instance-config-store.js';
export { PostgresInstanceSettingsStore } from './postgres-instance-settings-store.js';
export { PostgresJobStore } from './postgres-job-store.js';
export { PostgresMemoryAdminStore } from './postgres-memory-admin-store.js';
export { PostgresMemoryStore } from './postgres-memory-store.js';
export { applyPostgresMigrations, MIGRATION_LOCK_KEY } from './postgres-migrator.js';
export { PostgresOperatorConsoleStore } from './postgres-operator-console-store.js';
export {
  openPostgresPool,
  PostgresDatabase,
  type PostgresPoolOptions,
  type PostgresQueryable,
} from './postgres-pool.js';
export { PostgresTenancyStore } from './postgres-tenancy-store.js';
export { PostgresTextIndex, type PostgresTextIndexOptions } from './postgres-text-index.js';
export { PostgresVectorIndex, type PostgresVectorIndexOptions } from './postgres-vector-index.js';
export { PostgresWebhookStore } from './postgres-webhook-store.js';
