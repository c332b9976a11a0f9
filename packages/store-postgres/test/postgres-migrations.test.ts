import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  applyPostgresMigrations,
  openPostgresPool,
  POSTGRES_MIGRATIONS,
  PostgresEngramStore,
} from '../src/index.js';
import { type PostgresCluster, sharedPostgresCluster } from './support/postgres-cluster.js';

describe('postgres migrations', () => {
  let cluster: PostgresCluster;
  before(async () => {
    cluster = await sharedPostgresCluster();
  });
  after(() => cluster.destroy());

  it('applies every migration once, in order, and again is a no-op', async () => {
    const url = await cluster.createDatabase();
    const store = await PostgresEngramStore.open(url);
    try {
      assert.equal(await applyPostgresMigrations(store.database, POSTGRES_MIGRATIONS), 0);
      await store.migrate();
      const { rows } = await store.database.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((row) => row.version),
        POSTGRES_MIGRATIONS.map((migration) => migration.version),
      );
    } finally {
      await store.close();
    }
  });

  it('lets several nodes start at once: each version is applied exactly once', async () => {
    const url = await cluster.createDatabase();
    const pools = Array.from({ length: 6 }, () => openPostgresPool(url, { maxConnections: 2 }));
    try {
      const applied = await Promise.all(
        pools.map((pool) => applyPostgresMigrations(pool, POSTGRES_MIGRATIONS)),
      );
      assert.equal(
        applied.reduce((sum, count) => sum + count, 0),
        POSTGRES_MIGRATIONS.length,
      );
      const { rows } = await (pools[0] as (typeof pools)[0]).query<{ count: string }>(
        'SELECT count(*) AS count FROM schema_migrations',
      );
      assert.equal(Number(rows[0]?.count), POSTGRES_MIGRATIONS.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  it('applies a version left in a gap below the newest recorded one', async () => {
    const url = await cluster.createDatabase();
    const pool = openPostgresPool(url, { maxConnections: 2 });
    try {
      // A database written by a build that had versions 1 and 10 but not 5.
      const first = { version: 1, name: 'first', sql: 'CREATE TABLE gap_first (id INTEGER)' };
      const later = { version: 10, name: 'later', sql: 'CREATE TABLE gap_later (id INTEGER)' };
      const between = { version: 5, name: 'between', sql: 'CREATE TABLE gap_between (id INTEGER)' };
      assert.equal(await applyPostgresMigrations(pool, [first, later]), 2);
      assert.equal(await applyPostgresMigrations(pool, [first, between, later]), 1);
      const { rows } = await pool.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((row) => row.version),
        [1, 5, 10],
      );
      await pool.query('SELECT count(*) FROM gap_between');
      assert.equal(await applyPostgresMigrations(pool, [first, between, later]), 0);
    } finally {
      await pool.close();
    }
  });

  it('fails with STORE_UNAVAILABLE, not a crash, when the database cannot be reached', async () => {
    await assert.rejects(
      PostgresEngramStore.open('postgres://engram@127.0.0.1:1/nothing', {
        pool: { connectionTimeoutMs: 1000 },
      }),
      (error: unknown) => (error as { code?: string }).code === 'STORE_UNAVAILABLE',
    );
  });
});
