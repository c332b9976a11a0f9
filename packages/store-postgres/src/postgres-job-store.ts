import type { FinishedJobStatus, Job, JobKind, JobStore, NewJob, WorkerNode } from '@engram/core';
import { EngramError } from '@engram/core';
import { type JobRow, toJob } from '@engram/store-sqlite/portable';
import type { PostgresDatabase } from './postgres-pool.js';

function storableJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new EngramError('INVALID_INPUT', `${what} cannot be stored: it is not encodable as JSON`, {
      cause: error,
    });
  }
}

const JOB_COLUMNS = `job_id, instance_id, kind, serial_key, status, payload, result, attempts,
  error_message, queued_at, started_at, completed_at`;

/**
 * The claim, one statement. The CTE picks the oldest runnable job of the
 * kinds (queued and past its back-off, or processing with an expired lease)
 * that is the oldest pending job of its serial key, and locks it with
 * `FOR UPDATE SKIP LOCKED`: concurrent claimers in any number of processes
 * skip the row another one is taking instead of queueing on its lock, and a
 * claimer whose snapshot is stale re-checks the row's new version under the
 * lock (READ COMMITTED), so no job is ever handed to two workers.
 *
 * Order per key needs no lock of its own: a job is a candidate only when no
 * older job of its key is still pending (queued, backing off or running),
 * so one key's jobs run one at a time, in queue order, whichever worker
 * takes them. The live-lease clause also keeps a key's job waiting while
 * another of its jobs runs when their queue times tie.
 */
const CLAIM = `
  WITH next AS (
    SELECT candidate.job_id FROM jobs AS candidate
    WHERE candidate.status IN ('queued', 'processing')
      AND (candidate.status = 'queued' OR candidate.lease_until < $4)
      AND candidate.queued_at <= $4
      AND (candidate.retry_at IS NULL OR candidate.retry_at <= $4)
      AND candidate.kind = ANY ($1::text[])
      AND NOT EXISTS (
        SELECT 1 FROM jobs AS other
        WHERE other.serial_key = candidate.serial_key
          AND other.status IN ('queued', 'processing')
          AND other.job_id <> candidate.job_id
          AND ((other.status = 'processing' AND other.lease_until >= $4)
            OR other.queued_at < candidate.queued_at
            OR (other.queued_at = candidate.queued_at AND other.job_id < candidate.job_id)))
    ORDER BY candidate.queued_at, candidate.job_id
    LIMIT 1
    FOR UPDATE OF candidate SKIP LOCKED)
  UPDATE jobs SET status = 'processing', attempts = jobs.attempts + 1, worker_id = $2,
    lease_until = $3, started_at = $4, retry_at = NULL
  FROM next WHERE jobs.job_id = next.job_id
  RETURNING ${JOB_COLUMNS.split(',')
    .map((column) => `jobs.${column.trim()}`)
    .join(', ')}`;

/**
 * {@link JobStore} on PostgreSQL: the durable queue shared by every API node
 * and worker of one database (docs/decisions/0040). Leases fence a worker
 * that lost its job (expired lease, or its node proved gone): renew, finish
 * and release all check `worker_id` and `status = 'processing'`, so a
 * finished job is finished once, and a SIGKILLed worker's job is claimed
 * again when its lease ends. Times are ISO-8601 strings in UTC compared as
 * text, as on SQLite: every caller writes them with `toISOString`.
 */
export class PostgresJobStore implements JobStore {
  constructor(private readonly database: PostgresDatabase) {}

  /**
   * Throws CONFLICT only when the job id is taken; INVALID_INPUT when the
   * payload is not encodable as JSON (nothing is stored); STORE_UNAVAILABLE
   * when the database is down.
   */
  async enqueue(job: NewJob): Promise<void> {
    const payload = storableJson(job.payload, 'the job payload');
    await this.database.query(
      `INSERT INTO jobs (job_id, instance_id, kind, serial_key, status, payload, result, attempts, queued_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, '{}', 0, $6)`,
      [job.jobId, job.instanceId, job.kind, job.serialKey, payload, job.queuedAt],
      'a job with this id already exists',
    );
  }

  /** Oldest first by `queuedAt`, then job id; see {@link CLAIM}. */
  async claim(
    kinds: readonly string[],
    workerId: string,
    leaseUntil: string,
    now: string,
  ): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    const { rows } = await this.database.query<JobRow>(CLAIM, [[...kinds], workerId, leaseUntil, now]);
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async renewLease(jobId: string, workerId: string, leaseUntil: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `UPDATE jobs SET lease_until = $3
       WHERE job_id = $1 AND worker_id = $2 AND status = 'processing'`,
      [jobId, workerId, leaseUntil],
    );
    return rowCount === 1;
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
    const { rowCount } = await this.database.query(
      `UPDATE jobs SET status = $3, result = $4, error_message = $5, completed_at = $6, lease_until = NULL
       WHERE job_id = $1 AND worker_id = $2 AND status = 'processing'`,
      [
        jobId,
        workerId,
        outcome.status,
        storableJson(outcome.result, 'the job result'),
        outcome.errorMessage ?? null,
        outcome.completedAt,
      ],
    );
    return rowCount === 1;
  }

  /** Back to queued at its original place in the queue, claimable from `retryAt` on; attempts keep counting. */
  async release(jobId: string, workerId: string, errorMessage: string, retryAt?: string): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `UPDATE jobs SET status = 'queued', worker_id = NULL, lease_until = NULL, error_message = $3,
         retry_at = $4
       WHERE job_id = $1 AND worker_id = $2 AND status = 'processing'`,
      [jobId, workerId, errorMessage, retryAt ?? null],
    );
    return rowCount === 1;
  }

  async get(instanceId: string, jobId: string): Promise<Job | undefined> {
    const { rows } = await this.database.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE job_id = $1 AND instance_id = $2`,
      [jobId, instanceId],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async latestBySerialKey(instanceId: string, kind: JobKind, serialKey: string): Promise<Job | undefined> {
    const { rows } = await this.database.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE instance_id = $1 AND kind = $2 AND serial_key = $3
       ORDER BY queued_at DESC, job_id DESC LIMIT 1`,
      [instanceId, kind, serialKey],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  /** "Now" is the database server's clock, in the format every caller writes. */
  async countPending(): Promise<number> {
    const { rows } = await this.database.query<{ count: number }>(
      `SELECT count(*) AS count FROM jobs WHERE status IN ('queued', 'processing')
         AND queued_at <= to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    );
    return rows[0]?.count ?? 0;
  }

  async pruneFinished(completedBefore: string, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    // SKIP LOCKED: pruners on several nodes take disjoint batches instead of waiting on each other.
    const { rowCount } = await this.database.query(
      `DELETE FROM jobs WHERE job_id IN (
         SELECT job_id FROM jobs
         WHERE status IN ('completed', 'failed', 'partial_success') AND completed_at < $1
         ORDER BY completed_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [completedBefore, limit],
    );
    return rowCount ?? 0;
  }

  async registerNode(node: WorkerNode): Promise<void> {
    await this.database.query(
      `INSERT INTO worker_nodes (node_id, host, pid, process_start, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
      [node.nodeId, node.host, node.pid, node.processStart, node.heartbeatAt],
    );
  }

  async removeNode(nodeId: string): Promise<void> {
    await this.database.query('DELETE FROM worker_nodes WHERE node_id = $1', [nodeId]);
  }

  async listNodes(): Promise<WorkerNode[]> {
    const { rows } = await this.database.query<WorkerNode>(
      `SELECT node_id AS "nodeId", host, pid, process_start AS "processStart", heartbeat_at AS "heartbeatAt"
       FROM worker_nodes ORDER BY node_id`,
    );
    return rows;
  }

  /** A lease string below every real time frees the node's running jobs for the next claim. */
  async expireLeasesOf(nodeId: string): Promise<number> {
    const { rowCount } = await this.database.query(
      `UPDATE jobs SET lease_until = '0000-00-00T00:00:00.000Z'
       WHERE status IN ('queued', 'processing') AND status = 'processing' AND starts_with(worker_id, $1)`,
      [`${nodeId}-`],
    );
    return rowCount ?? 0;
  }
}
