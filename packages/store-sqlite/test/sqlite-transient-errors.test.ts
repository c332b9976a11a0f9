// A lock another connection holds is "retry later", not a final failure:
// the store names such driver errors (transientError), so the job pool
// retries the job instead of failing it, and HTTP answers 503, not 500.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { newUuidV7, silentLogger, systemClock, WorkerPool } from '@engram/core';
import Database from 'better-sqlite3';
import { SqliteEngramStore } from '../src/index.js';

describe('sqlite: transient driver errors', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-transient-'));
  const path = join(directory, 'engram.db');
  const store = SqliteEngramStore.open(path);
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** A real SQLITE_BUSY: a second connection that will not wait, against a held write lock. */
  function realBusyError(): unknown {
    const holder = new Database(path);
    const impatient = new Database(path, { timeout: 0 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      impatient.exec('BEGIN IMMEDIATE');
      throw new Error('expected the database to be locked');
    } catch (error) {
      return error;
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      impatient.close();
    }
  }

  it('names a lock STORE_UNAVAILABLE and anything else nothing', () => {
    const busy = realBusyError();
    assert.equal((busy as { code?: string }).code, 'SQLITE_BUSY');
    assert.equal(store.transientError(busy)?.code, 'STORE_UNAVAILABLE');
    assert.equal(store.transientError(busy)?.retryable, true);
    assert.equal(store.transientError(new Error('a bug')), undefined);
  });

  it('the job pool retries a job that hit a lock, and it completes', async () => {
    const busy = realBusyError();
    let attempts = 0;
    const pool = new WorkerPool({
      jobs: store.jobs,
      transientError: (error) => store.transientError(error),
      handlers: [
        {
          kind: 'ingest-document',
          async handle() {
            attempts += 1;
            if (attempts === 1) throw busy;
            return { status: 'completed', result: {} };
          },
        },
      ],
      concurrency: 1,
      leaseMs: 5_000,
      pollMs: 10,
      maxAttempts: 3,
      retryBaseMs: 0,
      clock: systemClock,
      logger: silentLogger,
    });
    const instanceId = 'inst_00000000000000t1';
    const jobId = newUuidV7();
    await store.jobs.enqueue({
      jobId,
      instanceId,
      kind: 'ingest-document',
      serialKey: 'k',
      payload: {},
      queuedAt: new Date().toISOString(),
    });
    pool.start();
    try {
      const deadline = Date.now() + 10_000;
      while ((await store.jobs.get(instanceId, jobId))?.status !== 'completed') {
        assert.ok(Date.now() < deadline, `job still ${(await store.jobs.get(instanceId, jobId))?.status}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await pool.stop();
    }
    assert.equal(attempts, 2);
  });
});
