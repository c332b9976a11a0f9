import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { storeConformanceSuite } from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

storeConformanceSuite('sqlite', sqliteStoreFactory('store'));

describe('sqlite specifics', () => {
  it('runs in WAL mode with sqlite-vec loaded and migrations recorded once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engram-sqlite-'));
    try {
      const store = SqliteEngramStore.open(join(dir, 'x.db'));
      assert.equal(store.database.pragma('journal_mode', { simple: true }), 'wal');
      const version = store.database.prepare('SELECT vec_version() AS v').get() as { v: string };
      assert.match(version.v, /^v\d/);
      await store.migrate();
      const applied = store.database.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as {
        n: number;
      };
      assert.ok(applied.n >= 1);
      const rows = store.database.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      assert.equal(new Set(rows.map((r) => (r as { version: number }).version)).size, rows.length);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
