/** @engram/store-postgres: the scale-out storage adapter (PostgreSQL 15+ through `pg`). */

export { POSTGRES_MIGRATIONS } from './migrations/index.js';
export type { PostgresMigration } from './migrations/postgres-migration.js';
export { PostgresCompactionStore } from './postgres-compaction-store.js';
export { PostgresConversationExtractionStore } from './postgres-conversation-extraction-store.js';
export { PostgresConversationStore } from './postgres-conversation-store.js';
export { PostgresEngramStore, type PostgresEngramStoreOptions } from './postgres-engram-store.js';
export { postgresError } from './postgres-error.js';
export { PostgresGraphStore } from './postgres-graph-store.js';
export { PostgresJobStore } from './postgres-job-store.js';
export { PostgresMemoryStore } from './postgres-memory-store.js';
export { applyPostgresMigrations, MIGRATION_LOCK_KEY } from './postgres-migrator.js';
export {
  openPostgresPool,
  PostgresDatabase,
  type PostgresPoolOptions,
  type PostgresQueryable,
} from './postgres-pool.js';
export { PostgresTenancyStore } from './postgres-tenancy-store.js';
export { PostgresTextIndex, type PostgresTextIndexOptions } from './postgres-text-index.js';
export { PostgresVectorIndex, type PostgresVectorIndexOptions } from './postgres-vector-index.js';
