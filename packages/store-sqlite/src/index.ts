/** @engram/store-sqlite: the embedded default storage adapter (better-sqlite3 + sqlite-vec + FTS5). */

export { SQLITE_MIGRATIONS } from './migrations/index.js';
export type { SqliteMigration } from './migrations/migration.js';
export { porterStem } from './porter-stemmer.js';
export { SqliteCompactionStore } from './sqlite-compaction-store.js';
export { SqliteConversationStore } from './sqlite-conversation-store.js';
export type { SqliteHandle } from './sqlite-database.js';
export { applyMigrations, openSqliteDatabase } from './sqlite-database.js';
export { SqliteEngramStore, type SqliteEngramStoreOptions } from './sqlite-engram-store.js';
export { SqliteGraphStore } from './sqlite-graph-store.js';
export { SqliteInstanceArchiveStore } from './sqlite-instance-archive-store.js';
export { SqliteInstanceConfigStore } from './sqlite-instance-config-store.js';
export { SqliteInstanceSettingsStore } from './sqlite-instance-settings-store.js';
export { SqliteJobStore } from './sqlite-job-store.js';
export { SqliteMemoryAdminStore } from './sqlite-memory-admin-store.js';
export { SqliteMemoryStore } from './sqlite-memory-store.js';
export { SqliteOperatorConsoleStore } from './sqlite-operator-console-store.js';
export { SqliteTenancyStore } from './sqlite-tenancy-store.js';
export { SqliteTextIndex } from './sqlite-text-index.js';
export { SqliteVectorIndex } from './sqlite-vector-index.js';
export { SqliteWebhookStore } from './sqlite-webhook-store.js';
export { WalCheckpointer, type WalCheckpointOptions, type WalCheckpointStats } from './wal-checkpointer.js';
