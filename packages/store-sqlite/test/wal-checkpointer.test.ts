import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NewMessage } from '@engram/core';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-wal-checkpointer-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const walBytes = (path: string) => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};

/** Resolves once the checkpointer's thread has run its first checkpoint (its start-up takes a while on a busy box). */
async function firstCheckpoint(store: SqliteEngramStore): Promise<void> {
  for (let waited = 0; (store.checkpointer?.stats().checkpoints ?? 0) === 0; waited += 10) {
    if (waited > 30_000) throw new Error('the checkpointer never ran');
    await sleep(10);
  }
}

/** Resolves once a checkpoint that started after now has copied every frame of the WAL. */
async function caughtUp(store: SqliteEngramStore): Promise<void> {
  const before = store.checkpointer?.stats().checkpoints ?? 0;
  for (let waited = 0; ; waited += 5) {
    const stats = store.checkpointer?.stats();
    if (stats && stats.checkpoints > before + 1 && stats.lastCheckpointedFrames === stats.lastLogFrames)
      return;
    if (waited > 30_000) throw new Error(`the checkpointer never caught up: ${JSON.stringify(stats)}`);
    await sleep(5);
  }
}

/** Opens a store with one instance, ready for appends. */
async function openWithInstance(path: string, options: Parameters<typeof SqliteEngramStore.open>[1]) {
  const store = SqliteEngramStore.open(path, options);
  const at = new Date().toISOString();
  await store.tenancy.createClient({ clientId: 'client_wal', name: 'wal', createdAt: at });
  await store.tenancy.createInstance({
    instanceId: 'inst_wal',
    clientId: 'client_wal',
    name: 'wal',
    relationship: 'b2c',
    createdAt: at,
  });
  return store;
}

function turns(count: number): NewMessage[] {
  const content = 'x'.repeat(2_000);
  return Array.from({ length: count }, () => {
    const conversationId = randomUUID();
    return {
      messageId: randomUUID(),
      instanceId: 'inst_wal',
      conversationId,
      role: 'user',
      content,
      userId: undefined,
      customerId: undefined,
      sessionId: conversationId,
      metadata: {},
      recordedAt: new Date().toISOString(),
    };
  });
}

describe('background WAL checkpoints', () => {
  it('turns automatic checkpoints off, checkpoints from its thread, and keeps the WAL bounded', async () => {
    const path = join(directory, 'bounded.db');
    const store = await openWithInstance(path, {
      backgroundCheckpoints: { intervalMs: 25, journalSizeLimitBytes: 2 ** 20 },
    });
    try {
      assert.equal(store.database.pragma('wal_autocheckpoint', { simple: true }), 0);
      await firstCheckpoint(store);
      let largest = 0;
      // About 24 MB of turns in rounds; between two rounds the checkpointer
      // catches up, so the next commit restarts the WAL and trims the file.
      for (let round = 0; round < 60; round += 1) {
        await store.conversations.appendMessages(turns(200));
        largest = Math.max(largest, walBytes(path));
        await caughtUp(store);
      }
      const stats = store.checkpointer?.stats();
      assert.ok(stats !== undefined && stats.checkpoints > 0, 'the checkpointer ran');
      assert.equal(stats.errors, 0, stats.lastError);
      // Without checkpoints the WAL would hold all 24 MB. A restart can miss a
      // round (the writer began while a checkpoint ran), hence the margin.
      assert.ok(largest < 12 * 2 ** 20, `WAL peaked at ${largest} bytes; ${JSON.stringify(stats)}`);
      const rows = store.database.prepare('SELECT count(*) FROM messages').pluck().get();
      assert.equal(rows, 12_000);
    } finally {
      await store.close();
    }
  });

  it('under a writer that never pauses, the writer catches up itself and the WAL is restarted', async () => {
    const path = join(directory, 'continuous.db');
    const store = await openWithInstance(path, {
      backgroundCheckpoints: { intervalMs: 10, journalSizeLimitBytes: 2 ** 20 },
    });
    try {
      await firstCheckpoint(store);
      let largest = 0;
      // Commits back to back, one turn after another, until the writer has caught up a few times.
      for (let round = 0; round < 600 && (store.checkpointer?.stats().writerCatchUps ?? 0) < 3; round += 1) {
        await store.conversations.appendMessages(turns(50));
        largest = Math.max(largest, walBytes(path));
      }
      const stats = store.checkpointer?.stats();
      assert.ok(
        stats !== undefined && stats.writerCatchUps >= 3,
        `writer catch-ups: ${JSON.stringify(stats)}`,
      );
      assert.equal(stats.errors, 0, stats.lastError);
      // Restarted after a catch-up: the log holds only what came since.
      assert.ok(walBytes(path) < largest, `WAL ${walBytes(path)} bytes, peak ${largest}`);
    } finally {
      await store.close();
    }
  });

  it('falls back to TRUNCATE once the WAL passes its bound', async () => {
    const path = join(directory, 'truncate.db');
    const store = await openWithInstance(path, {
      backgroundCheckpoints: { intervalMs: 10, truncateAboveBytes: 64 * 1024 },
    });
    try {
      await firstCheckpoint(store);
      for (let round = 0; round < 10; round += 1) {
        await store.conversations.appendMessages(turns(100));
        await sleep(30);
      }
      const stats = store.checkpointer?.stats();
      assert.ok(stats !== undefined && stats.truncates > 0, 'a TRUNCATE checkpoint ran');
    } finally {
      await store.close();
    }
  });

  it('leaves SQLite’s own checkpoints on when not asked for', async () => {
    const store = SqliteEngramStore.open(join(directory, 'default.db'));
    try {
      assert.equal(store.checkpointer, undefined);
      assert.equal(store.database.pragma('wal_autocheckpoint', { simple: true }), 1000);
    } finally {
      await store.close();
    }
  });
});
