/** @engram/store-postgres: the scale-out storage adapter (PostgreSQL 15+ through `pg`). */

export { POSTGRES_MIGRATIONS } from './migrations/index.js';
export type { PostgresMigration } from './migrations/postgres-migration.js';
export { PostgresEngramStore, type PostgresEngramStoreOptions } from './postgres-engram-store.js';
export { postgresError } from './postgres-error.js';
export { applyPostgresMigrations, MIGRATION_LOCK_KEY } from './postgres-migrator.js';
export {
  openPostgresPool,
  PostgresDatabase,
  type PostgresPoolOptions,
  type PostgresQueryable,
} from './postgres-pool.js';
