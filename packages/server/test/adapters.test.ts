// The composition root's store choice: the SQLite file by default, and
// PostgreSQL (a real server from the test harness) for a postgres:// URL.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EngramError, resolveConfig } from '@engram/core';
import { sharedPostgresCluster } from '@engram/store-postgres/test-support';
import { databasePath, openStore } from '../src/app/adapters.js';

describe('store selection (adapters.ts)', () => {
  it('opens the SQLite file in dataDir when no databaseUrl is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engram-adapters-'));
    try {
      const store = await openStore(
        { ...resolveConfig({ env: {} }), dataDir },
        { role: 'primary', vectorCacheBytes: 0 },
      );
      try {
        assert.equal(store.capabilities.engine, 'sqlite');
        assert.equal(store.capabilities.sharedReaders, true);
        assert.ok(existsSync(databasePath(dataDir)));
        assert.deepEqual(await store.tenancy.listInstances(), []);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL at a postgres:// URL, with no SQLite file, and migrates it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engram-adapters-'));
    try {
      const url = await (await sharedPostgresCluster()).createDatabase();
      const config = resolveConfig({ env: { ENGRAM_DATA_DIR: dataDir, ENGRAM_DATABASE_URL: url } });
      const store = await openStore(config, { role: 'primary', vectorCacheBytes: 0 });
      try {
        assert.equal(store.capabilities.engine, 'postgres');
        assert.deepEqual(await store.tenancy.listInstances(), []);
      } finally {
        await store.close();
      }
      assert.equal(existsSync(databasePath(dataDir)), false, 'no SQLite file was created instead');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails with STORE_UNAVAILABLE when PostgreSQL is unreachable, without repeating the password', async () => {
    const config = resolveConfig({
      env: { ENGRAM_DATABASE_URL: 'postgres://engram:s3cret@127.0.0.1:1/engram' },
    });
    await assert.rejects(
      openStore(config, { role: 'primary', vectorCacheBytes: 0 }),
      (error: unknown) =>
        error instanceof EngramError &&
        error.code === 'STORE_UNAVAILABLE' &&
        !error.message.includes('s3cret'),
    );
  });

  it('rejects a databaseUrl that is not a PostgreSQL URL at configuration time', () => {
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_DATABASE_URL: 'mysql://localhost/engram' } }),
      /ENGRAM_DATABASE_URL.*postgres:\/\//,
    );
  });
});
