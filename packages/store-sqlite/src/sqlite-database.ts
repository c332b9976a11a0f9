import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { scopeTokenOf } from './full-text-query.js';
import type { SqliteMigration } from './migrations/migration.js';

/** The better-sqlite3 handle type used across this adapter. */
export type SqliteHandle = Database.Database;

/**
 * Opens (creating if needed) a SQLite file tuned for a single-writer server:
 * WAL so readers never block the writer, `synchronous=NORMAL` (durable across
 * process crashes; a power cut may lose the last transactions, the usual WAL
 * trade-off), foreign keys on, and a busy timeout so a CLI command running
 * beside the server waits instead of failing. Loads sqlite-vec and
 * registers `engram_scope_token(scope_key)` for migrations.
 */
export function openSqliteDatabase(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Freed pages are zeroed, so erased text does not linger in the file (docs/decisions/0026).
  database.pragma('secure_delete = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('temp_store = MEMORY');
  database.pragma('cache_size = -65536');
  sqliteVec.load(database);
  // Migrations that rebuild the full-text index need the scope token in SQL.
  database.function('engram_scope_token', { deterministic: true }, (scopeKey: unknown) =>
    scopeTokenOf(String(scopeKey)),
  );
  return database;
}

/**
 * Applies every migration whose version is not recorded yet, in version
 * order (one in a gap below the newest recorded version too: numbers are
 * handed out in ranges to parallel lines of work, so they may land out of
 * order), each in its own transaction, so a crash leaves the schema at a
 * whole version.
 */
export function applyMigrations(database: SqliteHandle, migrations: readonly SqliteMigration[]): number {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const recorded = new Set(
    (database.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (row) => row.version,
    ),
  );
  let applied = 0;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (recorded.has(migration.version)) continue;
    database.transaction(() => {
      database.exec(migration.sql);
      database
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString());
    })();
    applied += 1;
  }
  return applied;
}
