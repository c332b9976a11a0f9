import type { IngestStatus, TerminalIngestStatus } from '@engram/protocol';

/** Kinds of background work. */
export type JobKind =
  | 'ingest-document'
  | 'ingest-transcript'
  | 'compact-conversation'
  | 'extract-conversation';
/** Lifecycle of a job; the ingestion status endpoint shows it as is. */
export type JobStatus = IngestStatus;
/** The status a job is finished with: one of the wire's terminal ingest statuses. */
export type FinishedJobStatus = TerminalIngestStatus;

/** A unit of background work in the durable queue. */
export interface Job {
  jobId: string;
  instanceId: string;
  kind: JobKind;
  /**
   * Jobs with the same serial key never run at the same time (one scope's
   * ingestions stay in order and never race on its entities).
   */
  serialKey: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  result: Record<string, unknown>;
  attempts: number;
  errorMessage: string | undefined;
  queuedAt: string;
  startedAt: string | undefined;
  completedAt: string | undefined;
}

/** A new job. */
export interface NewJob {
  jobId: string;
  instanceId: string;
  kind: JobKind;
  serialKey: string;
  payload: Record<string, unknown>;
  /**
   * When the job becomes runnable: no worker claims it before this instant,
   * so a future time schedules it (durably: it survives restarts).
   */
  queuedAt: string;
}

/**
 * A process that runs workers, recorded so that another process can prove
 * it gone after a crash instead of waiting out its leases. Worker ids of the
 * node are `${nodeId}-${index}`.
 */
export interface WorkerNode {
  nodeId: string;
  /** Host name: liveness can only be proved on the same host. */
  host: string;
  pid: number;
  /** What tells this process from a later one with the same pid (boot id and start time), or ''. */
  processStart: string;
  heartbeatAt: string;
}

/**
 * The durable queue: jobs live in the database, so they survive restarts.
 * A claimed job holds a lease; a worker that dies lets the lease expire and
 * the job is claimed again (at-least-once, so job handlers are idempotent).
 */
export interface JobStore {
  /** Adds a queued job. */
  enqueue(job: NewJob): Promise<void>;
  /**
   * Atomically claims the oldest runnable job of `kinds` (queued at or
   * before `now`, and past any back-off `release` set): queued, or
   * processing with an expired lease, and whose serial key no live lease
   * holds. Marks it processing, increments attempts, sets the lease.
   */
  claim(
    kinds: readonly string[],
    workerId: string,
    leaseUntil: string,
    now: string,
  ): Promise<Job | undefined>;
  /** Extends a lease the worker still holds; false if it lost it. */
  renewLease(jobId: string, workerId: string, leaseUntil: string): Promise<boolean>;
  /** Records the outcome and releases the lease. Only the lease holder may finish a job. */
  finish(
    jobId: string,
    workerId: string,
    outcome: {
      status: FinishedJobStatus;
      result: Record<string, unknown>;
      errorMessage?: string;
      completedAt: string;
    },
  ): Promise<boolean>;
  /**
   * Puts a claimed job back in the queue (a retryable failure) at its
   * original place. With `retryAt`, no worker claims it before that instant
   * (back-off), and later jobs of its serial key keep waiting behind it, so
   * a retry never reorders one scope's ingestions. Only the lease holder may
   * release a job.
   */
  release(jobId: string, workerId: string, errorMessage: string, retryAt?: string): Promise<boolean>;
  /** One job of this instance, or undefined. */
  get(instanceId: string, jobId: string): Promise<Job | undefined>;
  /** The latest job of `kind` with this serial key, for status endpoints and 409 checks. */
  latestBySerialKey(instanceId: string, kind: JobKind, serialKey: string): Promise<Job | undefined>;
  /**
   * Queued or processing jobs whose queue time has come (scheduled ones not
   * yet due are left out; released ones waiting out a back-off count), for
   * waiting in tests and benchmarks.
   */
  countPending(): Promise<number>;
  /**
   * Deletes at most `limit` jobs that finished (completed, failed,
   * partial_success) before `completedBefore`, oldest first; returns how
   * many. Queued and processing jobs are never deleted. For retention:
   * callers repeat while a full batch went, so no statement runs long.
   */
  pruneFinished(completedBefore: string, limit: number): Promise<number>;
  /** Records (or refreshes) a worker node. Idempotent. */
  registerNode(node: WorkerNode): Promise<void>;
  /** Forgets a node (it stopped, or it was proved gone). Idempotent. */
  removeNode(nodeId: string): Promise<void>;
  /** Every recorded node. */
  listNodes(): Promise<WorkerNode[]>;
  /**
   * Ends at once the leases held by the node's workers (ids
   * `${nodeId}-…`), so their jobs are claimable now rather than at lease
   * expiry. Only for a node proved gone. Returns how many jobs it freed.
   */
  expireLeasesOf(nodeId: string): Promise<number>;
}
