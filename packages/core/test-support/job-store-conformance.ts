// One conformance suite for the durable job queue, run against every adapter.
// Each test opens a store of its own: claiming looks at the whole queue, so
// tests must not see each other's jobs.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { EngramStore, JobKind, NewJob } from '../src/index.js';
import { newUuidV7 } from '../src/index.js';
import type { StoreFactory } from './store-conformance.js';

const INSTANCE = 'inst_00000000000000j1';
const T0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const ALL_KINDS: JobKind[] = ['ingest-document', 'ingest-transcript', 'compact-conversation'];

function newJob(serialKey: string, queuedSecond: number, kind: JobKind = 'ingest-document'): NewJob {
  return {
    jobId: newUuidV7(),
    instanceId: INSTANCE,
    kind,
    serialKey,
    payload: { serialKey },
    queuedAt: at(queuedSecond),
  };
}

/** Registers the suite; `factory.open` must return a new, empty store on every call. */
export function jobStoreConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: job store conformance`, () => {
    let store: EngramStore;
    beforeEach(async () => {
      store = await factory.open();
    });
    after(() => factory.dispose());

    const claim = (workerId: string, nowSecond: number, kinds: readonly string[] = ALL_KINDS) =>
      store.jobs.claim(kinds, workerId, at(nowSecond + 30), at(nowSecond));

    it('answers CONFLICT only for a taken id: an unencodable payload is INVALID_INPUT and stores nothing', async () => {
      const job = newJob('scope-bad', 0);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(store.jobs.enqueue({ ...job, payload: cyclic }), { code: 'INVALID_INPUT' });
      assert.equal(await store.jobs.get(INSTANCE, job.jobId), undefined);
      await store.jobs.enqueue(job);
    });

    it("frees a gone node's leases at once, and only that node's", async () => {
      const node = { host: 'h1', pid: 42, processStart: 'boot:1', heartbeatAt: at(0) };
      await store.jobs.registerNode({ ...node, nodeId: 'worker-dead' });
      await store.jobs.registerNode({ ...node, nodeId: 'worker-alive', pid: 43 });
      await store.jobs.registerNode({ ...node, nodeId: 'worker-dead', heartbeatAt: at(1) });
      assert.deepEqual(
        (await store.jobs.listNodes()).map((found) => [found.nodeId, found.pid, found.heartbeatAt]),
        [
          ['worker-alive', 43, at(0)],
          ['worker-dead', 42, at(1)],
        ],
      );
      await store.jobs.enqueue(newJob('scope-dead', 0));
      await store.jobs.enqueue(newJob('scope-alive', 0));
      const held = await claim('worker-dead-0', 1);
      const kept = await claim('worker-alive-0', 1);
      assert.ok(held && kept);
      assert.equal(await claim('worker-new-0', 2), undefined, 'both leases are live');
      assert.equal(await store.jobs.expireLeasesOf('worker-dead'), 1);
      const retaken = await claim('worker-new-0', 2);
      assert.equal(retaken?.jobId, held.jobId, 'claimable at once, long before its lease ends');
      assert.equal(retaken?.attempts, 2);
      assert.equal(await store.jobs.renewLease(held.jobId, 'worker-dead-0', at(60)), false);
      await store.jobs.removeNode('worker-dead');
      assert.deepEqual(
        (await store.jobs.listNodes()).map((found) => found.nodeId),
        ['worker-alive'],
      );
    });

    it('enqueues, reads back by instance and serial key, and rejects a duplicate id', async () => {
      const first = newJob('scope-a', 0);
      const second = newJob('scope-a', 1);
      await store.jobs.enqueue(first);
      await store.jobs.enqueue(second);
      await assert.rejects(store.jobs.enqueue(first), { code: 'CONFLICT' });
      const stored = await store.jobs.get(INSTANCE, first.jobId);
      assert.deepEqual(stored, {
        ...first,
        status: 'queued',
        result: {},
        attempts: 0,
        errorMessage: undefined,
        startedAt: undefined,
        completedAt: undefined,
      });
      assert.equal(await store.jobs.get('inst_other', first.jobId), undefined);
      assert.equal(
        (await store.jobs.latestBySerialKey(INSTANCE, 'ingest-document', 'scope-a'))?.jobId,
        second.jobId,
      );
      assert.equal(
        await store.jobs.latestBySerialKey(INSTANCE, 'compact-conversation', 'scope-a'),
        undefined,
      );
      assert.equal(await store.jobs.countPending(), 2);
    });

    it('claims the oldest runnable job of the requested kinds and marks it processing', async () => {
      assert.equal(await claim('w1', 0), undefined);
      const compaction = newJob('conv-1', 0, 'compact-conversation');
      const older = newJob('scope-b', 1);
      const newer = newJob('scope-a', 2);
      for (const job of [newer, compaction, older]) await store.jobs.enqueue(job);
      const claimed = await claim('w1', 10, ['ingest-document']);
      assert.equal(claimed?.jobId, older.jobId);
      assert.deepEqual([claimed?.status, claimed?.attempts, claimed?.startedAt], ['processing', 1, at(10)]);
      assert.equal((await claim('w2', 10, ['ingest-document']))?.jobId, newer.jobId);
      assert.equal(await claim('w3', 10, ['ingest-document']), undefined);
      assert.equal((await claim('w3', 10))?.jobId, compaction.jobId);
      assert.equal(await claim('w4', 10, []), undefined);
      assert.equal(await store.jobs.countPending(), 3);
    });

    it('runs one job per serial key at a time, in queue order', async () => {
      const a1 = newJob('scope-a', 0);
      const a2 = newJob('scope-a', 1, 'compact-conversation');
      const b1 = newJob('scope-b', 2);
      for (const job of [a1, a2, b1]) await store.jobs.enqueue(job);
      assert.equal((await claim('w1', 5))?.jobId, a1.jobId);
      assert.equal((await claim('w2', 5))?.jobId, b1.jobId, 'scope-a is held, scope-b is free');
      assert.equal(await claim('w3', 5), undefined);
      // A newer job of a key never overtakes an older one that is still queued.
      const a0 = { ...newJob('scope-c', 3), kind: 'ingest-transcript' as const };
      const a3 = newJob('scope-c', 4);
      await store.jobs.enqueue(a3);
      await store.jobs.enqueue(a0);
      assert.equal(await claim('w3', 5, ['ingest-document']), undefined);
      assert.ok(
        await store.jobs.finish(a1.jobId, 'w1', { status: 'completed', result: {}, completedAt: at(6) }),
      );
      assert.equal((await claim('w1', 7))?.jobId, a2.jobId);
    });

    it('lets an expired lease be claimed again and fences out the old holder', async () => {
      const job = newJob('scope-a', 0);
      await store.jobs.enqueue(job);
      assert.equal((await claim('w1', 0))?.jobId, job.jobId);
      assert.equal(await claim('w2', 29), undefined, 'lease still live');
      assert.equal(await store.jobs.renewLease(job.jobId, 'w1', at(60)), true);
      assert.equal(await claim('w2', 45), undefined, 'renewed lease still live');
      const again = await claim('w2', 61);
      assert.deepEqual([again?.jobId, again?.attempts], [job.jobId, 2]);
      assert.equal(await store.jobs.renewLease(job.jobId, 'w1', at(120)), false);
      assert.equal(await store.jobs.release(job.jobId, 'w1', 'late'), false);
      const outcome = { status: 'completed' as const, result: { memories: 3 }, completedAt: at(70) };
      assert.equal(await store.jobs.finish(job.jobId, 'w1', outcome), false);
      assert.equal(await store.jobs.finish(job.jobId, 'w2', outcome), true);
      assert.equal(await store.jobs.finish(job.jobId, 'w2', outcome), false, 'finished once');
      const done = await store.jobs.get(INSTANCE, job.jobId);
      assert.deepEqual(
        [done?.status, done?.result, done?.completedAt],
        ['completed', { memories: 3 }, at(70)],
      );
      assert.equal(await claim('w3', 1000), undefined, 'a finished job is never claimed again');
      assert.equal(await store.jobs.countPending(), 0);
    });

    it('prunes only jobs finished before the cut-off, oldest first, in batches', async () => {
      const finishAt = async (serialKey: string, second: number, status: 'completed' | 'failed') => {
        const job = newJob(serialKey, second);
        await store.jobs.enqueue(job);
        assert.equal((await claim(`w-${serialKey}`, second))?.jobId, job.jobId);
        await store.jobs.finish(job.jobId, `w-${serialKey}`, {
          status,
          result: {},
          completedAt: at(second + 1),
        });
        return job;
      };
      const oldest = await finishAt('scope-a', 0, 'completed');
      const older = await finishAt('scope-b', 10, 'failed');
      const recent = await finishAt('scope-c', 100, 'completed');
      const running = newJob('scope-d', 0);
      await store.jobs.enqueue(running);
      await claim('w-d', 0);
      const waiting = newJob('scope-e', 0);
      await store.jobs.enqueue(waiting);

      assert.equal(await store.jobs.pruneFinished(at(50), 0), 0);
      assert.equal(await store.jobs.pruneFinished(at(50), 1), 1, 'one batch of one');
      assert.equal(await store.jobs.get(INSTANCE, oldest.jobId), undefined, 'the oldest goes first');
      assert.equal((await store.jobs.get(INSTANCE, older.jobId))?.status, 'failed');
      assert.equal(await store.jobs.pruneFinished(at(50), 10), 1);
      assert.equal(await store.jobs.pruneFinished(at(50), 10), 0);
      assert.equal(
        (await store.jobs.get(INSTANCE, recent.jobId))?.status,
        'completed',
        'finished after the cut-off',
      );
      assert.equal(await store.jobs.pruneFinished(at(10_000), 10), 1);
      assert.equal(
        (await store.jobs.get(INSTANCE, running.jobId))?.status,
        'processing',
        'never a running job',
      );
      assert.equal((await store.jobs.get(INSTANCE, waiting.jobId))?.status, 'queued', 'never a queued job');
    });

    it('puts a released job back at its place in the queue with its error', async () => {
      const first = newJob('scope-a', 0);
      const second = newJob('scope-b', 1);
      await store.jobs.enqueue(first);
      await store.jobs.enqueue(second);
      await claim('w1', 2);
      assert.equal(await store.jobs.release(first.jobId, 'w2', 'not mine'), false);
      assert.equal(await store.jobs.release(first.jobId, 'w1', 'provider timed out'), true);
      const released = await store.jobs.get(INSTANCE, first.jobId);
      assert.deepEqual([released?.status, released?.errorMessage], ['queued', 'provider timed out']);
      const retried = await claim('w2', 3);
      assert.deepEqual([retried?.jobId, retried?.attempts], [first.jobId, 2]);
      const failure = { status: 'failed' as const, result: {}, errorMessage: 'gave up', completedAt: at(4) };
      assert.equal(await store.jobs.finish(first.jobId, 'w2', failure), true);
      assert.equal((await store.jobs.get(INSTANCE, first.jobId))?.errorMessage, 'gave up');
    });

    it('holds a released job until its back-off ends, and the later jobs of its key behind it', async () => {
      const first = newJob('scope-a', 0);
      const second = newJob('scope-a', 1);
      const other = newJob('scope-b', 2);
      for (const job of [first, second, other]) await store.jobs.enqueue(job);
      assert.equal((await claim('w1', 3))?.jobId, first.jobId);
      assert.equal(await store.jobs.release(first.jobId, 'w1', 'provider timed out', at(20)), true);
      assert.equal((await claim('w2', 4))?.jobId, other.jobId, 'another key is not held up');
      assert.equal(await claim('w3', 19), undefined, 'neither the backed-off job nor the one behind it');
      assert.equal(await store.jobs.countPending(), 3, 'a job waiting out its back-off is still pending');
      const retried = await claim('w3', 20);
      assert.deepEqual([retried?.jobId, retried?.attempts, retried?.status], [first.jobId, 2, 'processing']);
      assert.ok(
        await store.jobs.finish(first.jobId, 'w3', { status: 'completed', result: {}, completedAt: at(21) }),
      );
      assert.equal((await claim('w3', 21))?.jobId, second.jobId, 'queue order kept');
      const redone = await store.jobs.get(INSTANCE, first.jobId);
      assert.deepEqual([redone?.status, redone?.errorMessage], ['completed', undefined]);
    });

    it('never hands one job to two concurrent claimers', async () => {
      for (let index = 0; index < 6; index += 1)
        await store.jobs.enqueue(newJob(`scope-${index % 3}`, index));
      const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => claim(`w${index}`, 10)));
      const claimed = claims.filter((job) => job !== undefined).map((job) => job.jobId);
      assert.equal(claimed.length, 3, 'one per serial key');
      assert.equal(new Set(claimed).size, claimed.length);
    });

    it('keeps jobs and leases across a reopen', async () => {
      const job = newJob('scope-a', 0);
      await store.jobs.enqueue(job);
      await claim('w1', 0);
      store = await factory.reopen();
      assert.equal((await store.jobs.get(INSTANCE, job.jobId))?.status, 'processing');
      assert.equal(await claim('w2', 10), undefined);
      assert.equal(
        await store.jobs.finish(job.jobId, 'w1', { status: 'completed', result: {}, completedAt: at(11) }),
        true,
      );
    });

    it('leaves a job queued for later alone until it is due, and does not count it pending before', async () => {
      const later = {
        ...newJob('scope-scheduled', 0, 'extract-conversation'),
        queuedAt: '2999-01-01T00:00:00.000Z',
      };
      const now = newJob('scope-scheduled', 10, 'extract-conversation');
      await store.jobs.enqueue(later);
      await store.jobs.enqueue(now);
      assert.equal(await store.jobs.countPending(), 1, 'only the job runnable now');
      const kinds = ['extract-conversation'];
      const first = await store.jobs.claim(kinds, 'w1', at(100), at(20));
      assert.equal(first?.jobId, now.jobId, 'a later job of the same key does not hold up one due now');
      await store.jobs.finish(now.jobId, 'w1', { status: 'completed', result: {}, completedAt: at(21) });
      assert.equal(await store.jobs.claim(kinds, 'w1', at(100), at(30)), undefined);
      const due = await store.jobs.claim(kinds, 'w1', '2999-01-01T00:01:00.000Z', '2999-01-01T00:00:00.000Z');
      assert.equal(due?.jobId, later.jobId);
    });
  });
}
