/** @engram/store-sqlite: the embedded default storage adapter (better-sqlite3 + sqlite-vec + FTS5). */
export { applyMigrations, openSqliteDatabase } from './sqlite-database.js';
export type { SqliteHandle } from './sqlite-database.js';
export { SqliteConversationStore } from './sqlite-conversation-store.js';
export { SqliteEngramStore } from './sqlite-engram-store.js';
export { SqliteTenancyStore } from './sqlite-tenancy-store.js';
export { SQLITE_MIGRATIONS } from './migrations/index.js';
export type { SqliteMigration } from './migrations/migration.js';
