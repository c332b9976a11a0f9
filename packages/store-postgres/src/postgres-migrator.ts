import type pg from 'pg';
import type { PostgresMigration } from './migrations/postgres-migration.js';
import { postgresError } from './postgres-error.js';
import type { PostgresDatabase } from './postgres-pool.js';

/**
 * The advisory lock key every Engram node takes while migrating ("engram"
 * in ASCII as a 64-bit integer): one node migrates, the others wait on the
 * lock and then find nothing left to do.
 */
export const MIGRATION_LOCK_KEY = 0x656e6772616dn;

/**
 * Applies every migration whose version is not recorded yet, in version
 * order (a version skipped by an older build, in a gap left between two
 * lines of work, is applied too, not passed over), each in
 * its own transaction, under a session-level `pg_advisory_lock` held on one
 * connection for the whole run. So any number of nodes may start at once:
 * exactly one applies each version; a crash leaves the schema at a whole
 * version (the lock goes with the session). Returns how many were applied
 * by this call. Idempotent.
 */
export async function applyPostgresMigrations(
  database: PostgresDatabase,
  migrations: readonly PostgresMigration[],
): Promise<number> {
  let client: pg.PoolClient;
  try {
    client = await database.pool.connect();
  } catch (error) {
    throw postgresError(error, 'migration conflict');
  }
  let applied = 0;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const recorded = new Set(rows.map((row) => Number(row.version)));
      for (const migration of [...migrations].sort((left, right) => left.version - right.version)) {
        if (recorded.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, new Date().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        applied += 1;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
    }
  } catch (error) {
    throw postgresError(error, 'migration conflict');
  } finally {
    client.release();
  }
  return applied;
}
