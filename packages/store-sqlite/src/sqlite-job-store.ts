import type { FinishedJobStatus, Job, JobKind, JobStore, NewJob, WorkerNode } from '@engram/core';
import { GroupCommit } from './group-commit.js';
import { type JobRow, toJob } from './job-rows.js';
import type { SqliteHandle } from './sqlite-database.js';
import { storableJson, storageError } from './storage-error.js';

/**
 * {@link JobStore} on SQLite. Times are ISO-8601 strings in UTC and compare
 * as text, so every caller must write them in the same format
 * (`Date.prototype.toISOString`).
 *
 * Claiming is one `UPDATE … WHERE job_id = (SELECT … LIMIT 1) RETURNING *`:
 * SQLite runs it under the database's single write lock, so two workers,
 * even in two processes, can never claim the same job.
 *
 * Enqueues go through {@link GroupCommit}: a job queued on the request path
 * (background extraction after a recorded turn) shares its commit with the
 * turn's own writes instead of paying for one of its own.
 */
export class SqliteJobStore implements JobStore {
  private readonly statements;
  private readonly enqueues: GroupCommit<Omit<NewJob, 'payload'> & { payload: string }, void>;

  constructor(database: SqliteHandle) {
    this.statements = {
      enqueue: database.prepare(`
        INSERT INTO jobs (job_id, instance_id, kind, serial_key, status, payload, result, attempts, queued_at)
        VALUES (@jobId, @instanceId, @kind, @serialKey, 'queued', @payload, '{}', 0, @queuedAt)`),
      // A candidate must be runnable (queued and past its back-off, or its
      // holder's lease ran out) and be the oldest pending job of its serial
      // key (one waiting out a back-off still counts), with no other job of
      // that key holding a live lease: one key's jobs run one at a time, in
      // queue order. The repeated `status IN (…)` lets SQLite use the partial
      // indexes over pending jobs.
      claim: database.prepare(`
        UPDATE jobs SET status = 'processing', attempts = attempts + 1, worker_id = @workerId,
          lease_until = @leaseUntil, started_at = @now, retry_at = NULL
        WHERE job_id = (
          SELECT candidate.job_id FROM jobs AS candidate
          WHERE candidate.status IN ('queued', 'processing')
            AND (candidate.status = 'queued' OR candidate.lease_until < @now)
            AND candidate.queued_at <= @now
            AND (candidate.retry_at IS NULL OR candidate.retry_at <= @now)
            AND candidate.kind IN (SELECT value FROM json_each(@kinds))
            AND NOT EXISTS (
              SELECT 1 FROM jobs AS other
              WHERE other.serial_key = candidate.serial_key
                AND other.status IN ('queued', 'processing')
                AND other.job_id <> candidate.job_id
                AND ((other.status = 'processing' AND other.lease_until >= @now)
                  OR other.queued_at < candidate.queued_at
                  OR (other.queued_at = candidate.queued_at AND other.job_id < candidate.job_id)))
          ORDER BY candidate.queued_at, candidate.job_id
          LIMIT 1)
        RETURNING *`),
      renewLease: database.prepare(`
        UPDATE jobs SET lease_until = @leaseUntil
        WHERE job_id = @jobId AND worker_id = @workerId AND status = 'processing'`),
      finish: database.prepare(`
        UPDATE jobs SET status = @status, result = @result, error_message = @errorMessage,
          completed_at = @completedAt, lease_until = NULL
        WHERE job_id = @jobId AND worker_id = @workerId AND status = 'processing'`),
      release: database.prepare(`
        UPDATE jobs SET status = 'queued', worker_id = NULL, lease_until = NULL, error_message = @errorMessage,
          retry_at = @retryAt
        WHERE job_id = @jobId AND worker_id = @workerId AND status = 'processing'`),
      get: database.prepare('SELECT * FROM jobs WHERE job_id = ? AND instance_id = ?'),
      latestBySerialKey: database.prepare(`
        SELECT * FROM jobs WHERE instance_id = ? AND kind = ? AND serial_key = ?
        ORDER BY queued_at DESC, job_id DESC LIMIT 1`),
      registerNode: database.prepare(`
        INSERT INTO worker_nodes (node_id, host, pid, process_start, heartbeat_at)
        VALUES (@nodeId, @host, @pid, @processStart, @heartbeatAt)
        ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`),
      removeNode: database.prepare('DELETE FROM worker_nodes WHERE node_id = ?'),
      listNodes: database.prepare(`
        SELECT node_id AS nodeId, host, pid, process_start AS processStart, heartbeat_at AS heartbeatAt
        FROM worker_nodes ORDER BY node_id`),
      // A lease string below every real time; the repeated status test uses the pending-jobs index.
      expireLeasesOf: database.prepare(`
        UPDATE jobs SET lease_until = '0000-00-00T00:00:00.000Z'
        WHERE status IN ('queued', 'processing') AND status = 'processing'
          AND substr(worker_id, 1, length(@prefix)) = @prefix`),
      pruneFinished: database.prepare(`
        DELETE FROM jobs WHERE job_id IN (
          SELECT job_id FROM jobs
          WHERE status IN ('completed', 'failed', 'partial_success') AND completed_at < ?
          ORDER BY completed_at LIMIT ?)`),
      countPending: database
        .prepare(`
          SELECT count(*) FROM jobs WHERE status IN ('queued', 'processing')
            AND queued_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`)
        .pluck(),
    };
    // Replayable: one INSERT and nothing else.
    this.enqueues = new GroupCommit(
      database,
      (job) => {
        this.statements.enqueue.run(job);
      },
      { replayable: true },
    );
  }

  /**
   * Resolves once the job is committed. Throws CONFLICT only when the job id is taken; INVALID_INPUT when the
   * payload is not encodable as JSON; STORE_UNAVAILABLE or INTERNAL for
   * other storage failures (see {@link storageError}).
   */
  async enqueue(job: NewJob): Promise<void> {
    const payload = storableJson(job.payload, 'the job payload');
    try {
      await this.enqueues.submit({ ...job, payload });
    } catch (error) {
      throw storageError(error, 'a job with this id already exists');
    }
  }

  /**
   * Oldest first by `queuedAt`, then job id. A job whose lease expired is
   * reclaimable; its attempts count goes up again, and its former holder can
   * no longer renew, finish or release it.
   */
  async claim(
    kinds: readonly string[],
    workerId: string,
    leaseUntil: string,
    now: string,
  ): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    const row = this.statements.claim.get({ kinds: JSON.stringify(kinds), workerId, leaseUntil, now }) as
      | JobRow
      | undefined;
    return row ? toJob(row) : undefined;
  }

  async renewLease(jobId: string, workerId: string, leaseUntil: string): Promise<boolean> {
    return this.statements.renewLease.run({ jobId, workerId, leaseUntil }).changes === 1;
  }

  /** False (and no change) unless `workerId` holds the job; an earlier error message is cleared unless given. */
  async finish(
    jobId: string,
    workerId: string,
    outcome: {
      status: FinishedJobStatus;
      result: Record<string, unknown>;
      errorMessage?: string;
      completedAt: string;
    },
  ): Promise<boolean> {
    const { changes } = this.statements.finish.run({
      jobId,
      workerId,
      status: outcome.status,
      result: JSON.stringify(outcome.result),
      errorMessage: outcome.errorMessage ?? null,
      completedAt: outcome.completedAt,
    });
    return changes === 1;
  }

  /** Back to queued at its original place in the queue, claimable from `retryAt` on; attempts keep counting. */
  async release(jobId: string, workerId: string, errorMessage: string, retryAt?: string): Promise<boolean> {
    return (
      this.statements.release.run({ jobId, workerId, errorMessage, retryAt: retryAt ?? null }).changes === 1
    );
  }

  async get(instanceId: string, jobId: string): Promise<Job | undefined> {
    const row = this.statements.get.get(jobId, instanceId) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  async latestBySerialKey(instanceId: string, kind: JobKind, serialKey: string): Promise<Job | undefined> {
    const row = this.statements.latestBySerialKey.get(instanceId, kind, serialKey) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  async countPending(): Promise<number> {
    return this.statements.countPending.get() as number;
  }

  async pruneFinished(completedBefore: string, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    return this.statements.pruneFinished.run(completedBefore, limit).changes;
  }

  async registerNode(node: WorkerNode): Promise<void> {
    this.statements.registerNode.run(node);
  }

  async removeNode(nodeId: string): Promise<void> {
    this.statements.removeNode.run(nodeId);
  }

  async listNodes(): Promise<WorkerNode[]> {
    return this.statements.listNodes.all() as WorkerNode[];
  }

  async expireLeasesOf(nodeId: string): Promise<number> {
    return this.statements.expireLeasesOf.run({ prefix: `${nodeId}-` }).changes;
  }
}
