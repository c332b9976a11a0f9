// FinishedJobPruner over a real SQLite store: it deletes every job finished
// before the retention period, in batches (more than one batch here), keeps
// recent and pending ones, and keeps everything with a retention of 0 days.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FinishedJobPruner, newUuidV7, silentLogger } from '@engram/core';
import { SqliteEngramStore } from '../src/index.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY_MS).toISOString();
const clock = { now: () => NOW };

describe('FinishedJobPruner (SQLite)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-prune-'));
  let store: SqliteEngramStore;
  const recent: string[] = [];
  let pending = '';

  before(async () => {
    store = await SqliteEngramStore.open(join(directory, 'engram.db'));
    // 2,100 jobs finished 8 days ago (three batches of 1,000), 2 finished yesterday, 1 still queued.
    for (let index = 0; index < 2_102; index += 1) {
      const jobId = newUuidV7();
      const daysAgo = index < 2_100 ? 8 : 1;
      await store.jobs.enqueue({
        jobId,
        instanceId: 'inst_prune',
        kind: 'ingest-document',
        serialKey: `scope-${index}`,
        payload: {},
        queuedAt: at(daysAgo + 0.5),
      });
      const claimed = await store.jobs.claim(['ingest-document'], 'w', at(daysAgo - 0.1), at(daysAgo + 0.4));
      assert.equal(claimed?.jobId, jobId);
      await store.jobs.finish(jobId, 'w', { status: 'completed', result: {}, completedAt: at(daysAgo) });
      if (daysAgo === 1) recent.push(jobId);
    }
    pending = newUuidV7();
    await store.jobs.enqueue({
      jobId: pending,
      instanceId: 'inst_prune',
      kind: 'ingest-document',
      serialKey: 'scope-pending',
      payload: {},
      queuedAt: at(30),
    });
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps everything with a retention of 0 days', async () => {
    const pruner = new FinishedJobPruner({ jobs: store.jobs, clock, logger: silentLogger, retentionDays: 0 });
    assert.equal(await pruner.pruneOnce(), 0);
  });

  it('deletes every job finished before the retention period, in batches, and nothing else', async () => {
    const pruner = new FinishedJobPruner({ jobs: store.jobs, clock, logger: silentLogger, retentionDays: 7 });
    assert.equal(await pruner.pruneOnce(), 2_100);
    assert.equal(await pruner.pruneOnce(), 0, 'nothing left to prune');
    for (const jobId of recent)
      assert.equal((await store.jobs.get('inst_prune', jobId))?.status, 'completed');
    assert.equal((await store.jobs.get('inst_prune', pending))?.status, 'queued');
  });
});
