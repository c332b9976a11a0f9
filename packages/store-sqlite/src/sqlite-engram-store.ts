import type { EngramStore, StoreCapabilities } from '@engram/core';
import { SQLITE_MIGRATIONS } from './migrations/index.js';
import { SqliteConversationStore } from './sqlite-conversation-store.js';
import { applyMigrations, openSqliteDatabase, type SqliteHandle } from './sqlite-database.js';
import { SqliteTenancyStore } from './sqlite-tenancy-store.js';

/** The embedded default store: one SQLite file holds every instance's data. */
export class SqliteEngramStore implements EngramStore {
  readonly capabilities: StoreCapabilities = { engine: 'sqlite', vector: 'sqlite-vec', text: 'fts5' };
  readonly tenancy: SqliteTenancyStore;
  readonly conversations: SqliteConversationStore;

  private constructor(readonly database: SqliteHandle) {
    this.tenancy = new SqliteTenancyStore(database);
    this.conversations = new SqliteConversationStore(database);
  }

  /**
   * Opens the file at `path` and brings its schema up to date. Statements are
   * prepared against the migrated schema, so migration happens here, before
   * the domain stores exist.
   */
  static open(path: string): SqliteEngramStore {
    const database = openSqliteDatabase(path);
    applyMigrations(database, SQLITE_MIGRATIONS);
    return new SqliteEngramStore(database);
  }

  async migrate(): Promise<void> {
    applyMigrations(this.database, SQLITE_MIGRATIONS);
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }
}
