// The worker pool over a real job store, run against every adapter: retries
// with back-off, poison jobs failed with their error, jobs abandoned by dead
// workers failed instead of run forever, and many concurrent claimers that
// drain a queue with every job run exactly once and each key in order.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { EngramStore, Job, JobHandler, JobOutcome, NewJob, WorkerPoolOptions } from '../src/index.js';
import { EngramError, newUuidV7, silentLogger, systemClock, WorkerPool } from '../src/index.js';
import type { StoreFactory } from './store-conformance.js';

const INSTANCE = 'inst_00000000000000w1';

function newJob(serialKey: string, payload: Record<string, unknown> = {}): NewJob {
  return {
    jobId: newUuidV7(),
    instanceId: INSTANCE,
    kind: 'ingest-document',
    serialKey,
    payload,
    queuedAt: new Date().toISOString(),
  };
}

/** A handler that runs `body` and records when each attempt started. */
function recordingHandler(body: (job: Job) => Promise<JobOutcome>): JobHandler & { starts: number[] } {
  const starts: number[] = [];
  return {
    kind: 'ingest-document',
    starts,
    async handle(job) {
      starts.push(Date.now());
      return body(job);
    },
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Registers the suite; `factory.open` must return a new, empty store on every call. */
export function workerPoolConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: worker pool over the job store`, () => {
    let store: EngramStore;
    const pools: WorkerPool[] = [];
    beforeEach(async () => {
      store = await factory.open();
    });
    after(async () => {
      for (const pool of pools) await pool.stop();
      await factory.dispose();
    });

    const startPool = (
      handler: JobHandler,
      options: Pick<WorkerPoolOptions, 'onAbandoned'> & { concurrency?: number; retryBaseMs?: number } = {},
    ) => {
      const pool = new WorkerPool({
        ...(options.onAbandoned && { onAbandoned: options.onAbandoned }),
        jobs: store.jobs,
        handlers: [handler],
        concurrency: options.concurrency ?? 1,
        leaseMs: 5_000,
        pollMs: 10,
        maxAttempts: 3,
        retryBaseMs: options.retryBaseMs ?? 0,
        clock: systemClock,
        logger: silentLogger,
      });
      pools.push(pool);
      pool.start();
      return pool;
    };

    it('retries a retryable failure after a doubling back-off, then completes', async () => {
      let failures = 0;
      const handler = recordingHandler(async () => {
        if (failures < 2) {
          failures += 1;
          throw new EngramError('STORE_UNAVAILABLE', 'briefly down');
        }
        return { status: 'completed', result: { ok: true } };
      });
      const job = newJob('scope-retry');
      await store.jobs.enqueue(job);
      const pool = startPool(handler, { retryBaseMs: 150 });
      await waitFor(async () => (await store.jobs.get(INSTANCE, job.jobId))?.status === 'completed');
      await pool.stop();
      const done = await store.jobs.get(INSTANCE, job.jobId);
      assert.deepEqual([done?.attempts, done?.result, done?.errorMessage], [3, { ok: true }, undefined]);
      const [first, second, third] = handler.starts as [number, number, number];
      assert.ok(second - first >= 150, `first back-off ${second - first} ms, at least 150`);
      assert.ok(third - second >= 300, `second back-off ${third - second} ms, at least 300 (doubled)`);
    });

    it('fails a poison job with its error after the last attempt, and a non-retryable one at once', async () => {
      const handler = recordingHandler(async (job) => {
        if (job.payload.poison === 'retryable') throw new EngramError('STORE_UNAVAILABLE', 'still down');
        throw new EngramError('INVALID_INPUT', 'the document cannot be parsed');
      });
      const retryable = newJob('scope-poison-a', { poison: 'retryable' });
      const fatal = newJob('scope-poison-b', { poison: 'fatal' });
      await store.jobs.enqueue(retryable);
      await store.jobs.enqueue(fatal);
      const pool = startPool(handler);
      await waitFor(async () => (await store.jobs.countPending()) === 0);
      await pool.stop();
      const [gaveUp, rejected] = await Promise.all([
        store.jobs.get(INSTANCE, retryable.jobId),
        store.jobs.get(INSTANCE, fatal.jobId),
      ]);
      assert.deepEqual([gaveUp?.status, gaveUp?.attempts, gaveUp?.errorMessage], ['failed', 3, 'still down']);
      assert.deepEqual(
        [rejected?.status, rejected?.attempts, rejected?.errorMessage],
        ['failed', 1, 'the document cannot be parsed'],
      );
    });

    it('fails a job its workers kept dying on instead of running it again', async () => {
      const past = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
      const job = { ...newJob('scope-abandoned'), queuedAt: past(60) };
      await store.jobs.enqueue(job);
      // Three workers took it and died holding it (their leases ran out).
      for (const [index, leaseSecondsAgo] of [30, 20, 10].entries()) {
        const claimed = await store.jobs.claim(
          ['ingest-document'],
          `dead-${index}`,
          past(leaseSecondsAgo),
          past(leaseSecondsAgo + 1),
        );
        assert.equal(claimed?.jobId, job.jobId);
      }
      const handler = recordingHandler(async () => ({ status: 'completed', result: {} }));
      const abandoned: [string, string][] = [];
      const pool = startPool(handler, {
        onAbandoned: async (failedJob, errorMessage) => {
          abandoned.push([failedJob.jobId, errorMessage]);
        },
      });
      await waitFor(async () => (await store.jobs.countPending()) === 0);
      await pool.stop();
      const failed = await store.jobs.get(INSTANCE, job.jobId);
      assert.equal(handler.starts.length, 0, 'the handler never ran it a fourth time');
      assert.deepEqual(
        abandoned,
        [[job.jobId, 'gave up after 3 attempts: its workers stopped before finishing it']],
        'reported once, with its error (the services publish ingestion.failed from it)',
      );
      const status = pool.status();
      assert.deepEqual([status.claimed, status.failed, status.active], [1, 1, 0]);
      assert.ok(status.lastPollAt !== undefined && status.lastPollErrorAt === undefined);
      assert.deepEqual(
        [failed?.status, failed?.attempts, failed?.errorMessage],
        ['failed', 4, 'gave up after 3 attempts: its workers stopped before finishing it'],
      );
    });

    it('drains a queue with concurrent workers: each job once, each key in queue order', async () => {
      const keys = 6;
      const perKey = 8;
      const jobs: NewJob[] = [];
      for (let index = 0; index < perKey; index += 1)
        for (let key = 0; key < keys; key += 1) jobs.push(newJob(`scope-${key}`, { index }));
      // Distinct, increasing queue times: the order each key must be run in.
      const base = Date.now() - 60_000;
      for (const [position, job] of jobs.entries()) {
        job.queuedAt = new Date(base + position).toISOString();
        await store.jobs.enqueue(job);
      }
      const runs: { key: string; index: number }[] = [];
      const running = new Set<string>();
      let overlapped = false;
      const handler = recordingHandler(async (job) => {
        if (running.has(job.serialKey)) overlapped = true;
        running.add(job.serialKey);
        await new Promise((resolve) => setTimeout(resolve, 2));
        runs.push({ key: job.serialKey, index: job.payload.index as number });
        running.delete(job.serialKey);
        return { status: 'completed', result: {} };
      });
      const first = startPool(handler, { concurrency: 4 });
      const second = startPool(handler, { concurrency: 4 });
      await waitFor(async () => (await store.jobs.countPending()) === 0, 30_000);
      await Promise.all([first.stop(), second.stop()]);
      assert.equal(runs.length, keys * perKey, 'every job ran once');
      assert.equal(overlapped, false, 'never two jobs of one key at once');
      for (let key = 0; key < keys; key += 1) {
        const order = runs.filter((run) => run.key === `scope-${key}`).map((run) => run.index);
        assert.deepEqual(
          order,
          Array.from({ length: perKey }, (_, index) => index),
          `scope-${key} in order`,
        );
      }
    });
  });
}
