// The composition root's store choice: the SQLite file by default, and a
// clear refusal (before anything is opened) for a database URL whose adapter
// is not installed.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, resolveConfig } from '@engram/core';
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

  it('refuses a postgres:// URL without the PostgreSQL adapter, without repeating the password', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engram-adapters-'));
    try {
      const config = resolveConfig({
        env: { ENGRAM_DATA_DIR: dataDir, ENGRAM_DATABASE_URL: 'postgres://engram:s3cret@db.example/engram' },
      });
      await assert.rejects(
        openStore(config, { role: 'primary', vectorCacheBytes: 0 }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /no PostgreSQL adapter installed/.test(error.message) &&
          !error.message.includes('s3cret'),
      );
      assert.equal(existsSync(databasePath(dataDir)), false, 'no SQLite file was created instead');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects a databaseUrl that is not a PostgreSQL URL at configuration time', () => {
    assert.throws(
      () => resolveConfig({ env: { ENGRAM_DATABASE_URL: 'mysql://localhost/engram' } }),
      /ENGRAM_DATABASE_URL.*postgres:\/\//,
    );
  });
});
