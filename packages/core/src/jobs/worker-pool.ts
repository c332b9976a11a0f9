import { randomBytes } from 'node:crypto';
import type { TerminalIngestStatus } from '@engram/protocol';
import { type EngramError, isEngramError } from '../errors/engram-error.js';
import type { Clock } from '../ports/clock.js';
import type { Job, JobKind, JobStore } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';
import type { ProcessLiveness } from '../ports/process-liveness.js';
import { recoverOrphanedJobs } from './orphaned-jobs.js';

/** What a handler reports for a job it finished. */
export interface JobOutcome {
  status: TerminalIngestStatus;
  result: Record<string, unknown>;
  errorMessage?: string;
}

/** Runs one kind of job. Throwing a retryable EngramError puts the job back in the queue. */
export interface JobHandler {
  readonly kind: JobKind;
  handle(job: Job, abortSignal: AbortSignal): Promise<JobOutcome>;
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  jobs: JobStore;
  handlers: readonly JobHandler[];
  /** Jobs run at once in this process (0 disables the pool: an API-only process). */
  concurrency: number;
  /** How long a claim holds a job; renewed at a third of it while the job runs. */
  leaseMs: number;
  /** Idle wait between polls when nothing woke the pool. */
  pollMs: number;
  /**
   * Attempts before a retryable failure becomes final. A job claimed more
   * often than this without ever finishing (its workers died running it, a
   * poison job that crashes the process) is failed at its next claim.
   */
  maxAttempts: number;
  /**
   * Back-off before a retryable failure runs again: this, doubled per
   * attempt, capped at {@link MAX_RETRY_DELAY_MS} (default 0: at once).
   */
  retryBaseMs?: number;
  clock: Clock;
  logger: Logger;
  /**
   * Proves crashed worker processes gone, so their jobs are retried at once
   * (checked at start and every third of a lease); without it, only lease
   * expiry frees them.
   */
  liveness?: ProcessLiveness;
  /**
   * Called once a job ends failed because it was abandoned: claimed more
   * than `maxAttempts` times without an outcome (its handler never ran to
   * an end, so a handler wrapper could not report it). Its failure is
   * ignored (logged): the job is failed either way.
   */
  onAbandoned?: (job: Job, errorMessage: string) => Promise<void>;
  /**
   * Maps a raw error a handler threw (a driver's lock or connection error)
   * to a retryable EngramError, or undefined; see EngramStore.transientError.
   */
  transientError?: (error: unknown) => EngramError | undefined;
}

/** What a pool has done, for health endpoints. */
export interface WorkerPoolStatus {
  /** Whether the workers run (started and not stopped). */
  running: boolean;
  /** Workers, and jobs running now. */
  concurrency: number;
  active: number;
  /** Jobs claimed, and of those finished failed, since start. */
  claimed: number;
  failed: number;
  /** When the last claim statement answered (found a job or not), and when the last one failed, ISO. */
  lastPollAt: string | undefined;
  lastPollErrorAt: string | undefined;
}

/** Longest back-off between two attempts of a job. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * The back-off after failed attempt number `attempts` (1 for the first):
 * `baseMs`, doubled per attempt, capped at {@link MAX_RETRY_DELAY_MS}.
 * Deterministic (no jitter): jobs fail one by one, not in a herd, since each
 * was claimed at its own moment.
 */
export function retryDelayMs(baseMs: number, attempts: number): number {
  if (baseMs <= 0) return 0;
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/**
 * In-process workers over the durable queue. Each worker claims the oldest
 * runnable job, renews its lease while running it, and records the outcome.
 * A process that dies mid-job leaves a lease that expires; the job is then
 * claimed again (handlers are idempotent), at once when the liveness check
 * proves the process gone. `wake()` skips the idle wait when
 * this process just queued work.
 */
export class WorkerPool {
  private readonly workerId = `worker-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly handlers: Map<JobKind, JobHandler>;
  private running = false;
  private loops: Promise<void>[] = [];
  private wakeUp: (() => void)[] = [];
  private readonly stopController = new AbortController();
  private recoveryTimer: ReturnType<typeof setInterval> | undefined;
  private recovering: Promise<void> = Promise.resolve();
  private readonly counts = { active: 0, claimed: 0, failed: 0 };
  private lastPollAt: string | undefined;
  private lastPollErrorAt: string | undefined;

  constructor(private readonly options: WorkerPoolOptions) {
    this.handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
  }

  /** Starts the workers. Idempotent. */
  start(): void {
    if (this.running || this.options.concurrency <= 0) return;
    this.running = true;
    this.startRecovery();
    this.loops = Array.from({ length: this.options.concurrency }, (_, index) =>
      this.loop(`${this.workerId}-${index}`),
    );
  }

  /** The pool's counters and its last claim's outcome (a database that answers claims is reachable). */
  status(): WorkerPoolStatus {
    return {
      running: this.running,
      concurrency: this.options.concurrency,
      ...this.counts,
      lastPollAt: this.lastPollAt,
      lastPollErrorAt: this.lastPollErrorAt,
    };
  }

  /** Ends the idle wait of every worker (new work was queued). */
  wake(): void {
    const waiting = this.wakeUp;
    this.wakeUp = [];
    for (const resolve of waiting) resolve();
  }

  /** Stops claiming, aborts running jobs' signals and waits for the workers to return. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.recoveryTimer !== undefined) clearInterval(this.recoveryTimer);
    this.stopController.abort(new Error('worker pool stopping'));
    this.wake();
    await Promise.allSettled(this.loops);
    await this.recovering;
    if (this.options.liveness) await this.options.jobs.removeNode(this.workerId).catch(() => undefined);
  }

  /**
   * Records this process as a worker node and, at once and then every third
   * of a lease, frees the jobs of nodes proved gone and refreshes this one's
   * heartbeat. The first sweep runs before the first claim has a chance to
   * find nothing, so a restarted server picks up a crashed one's jobs at once.
   */
  private startRecovery(): void {
    const { liveness, jobs, logger, clock } = this.options;
    if (!liveness) return;
    const sweep = async () => {
      try {
        await jobs.registerNode({
          nodeId: this.workerId,
          ...liveness.self(),
          heartbeatAt: clock.now().toISOString(),
        });
        if ((await recoverOrphanedJobs(jobs, liveness, this.workerId, logger)) > 0) this.wake();
      } catch (error) {
        logger.error('job-recovery-failed', { error: String(error) });
      }
    };
    this.recovering = sweep();
    this.recoveryTimer = setInterval(
      () => {
        this.recovering = this.recovering.then(sweep);
      },
      Math.max(1_000, Math.floor(this.options.leaseMs / 3)),
    );
    this.recoveryTimer.unref?.();
  }

  private async loop(workerId: string): Promise<void> {
    const kinds = [...this.handlers.keys()];
    while (this.running) {
      let job: Job | undefined;
      try {
        const now = this.options.clock.now();
        job = await this.options.jobs.claim(
          kinds,
          workerId,
          new Date(now.getTime() + this.options.leaseMs).toISOString(),
          now.toISOString(),
        );
        this.lastPollAt = this.options.clock.now().toISOString();
      } catch (error) {
        this.lastPollErrorAt = this.options.clock.now().toISOString();
        this.options.logger.error('job-claim-failed', { error: String(error) });
      }
      if (!job) {
        await this.idle();
        continue;
      }
      this.counts.claimed += 1;
      this.counts.active += 1;
      try {
        await this.run(job, workerId);
      } finally {
        this.counts.active -= 1;
      }
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollMs);
      this.wakeUp.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async run(job: Job, workerId: string): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const { jobs, clock, logger, leaseMs } = this.options;
    const renew = setInterval(
      () => {
        void jobs
          .renewLease(job.jobId, workerId, new Date(clock.now().getTime() + leaseMs).toISOString())
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    const started = performance.now();
    try {
      if (job.attempts > this.options.maxAttempts) {
        await this.failAbandoned(job, workerId);
        return;
      }
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler.handle(job, this.stopController.signal);
      await jobs.finish(job.jobId, workerId, { ...outcome, completedAt: clock.now().toISOString() });
      logger.debug('job-finished', {
        job_id: job.jobId,
        kind: job.kind,
        status: outcome.status,
        ms: Math.round(performance.now() - started),
      });
    } catch (thrown) {
      const error = isEngramError(thrown) ? thrown : (this.options.transientError?.(thrown) ?? thrown);
      const retryable = isEngramError(error) && error.retryable;
      const message = isEngramError(error) ? error.message : 'internal error while processing the job';
      if (!this.running && retryable) {
        await jobs.release(job.jobId, workerId, message).catch(() => undefined);
      } else if (retryable && job.attempts < this.options.maxAttempts) {
        const delayMs = retryDelayMs(this.options.retryBaseMs ?? 0, job.attempts);
        const retryAt = new Date(clock.now().getTime() + delayMs).toISOString();
        await jobs.release(job.jobId, workerId, message, retryAt).catch(() => undefined);
        logger.warn('job-retrying', {
          job_id: job.jobId,
          kind: job.kind,
          attempts: job.attempts,
          retry_in_ms: delayMs,
          code: isEngramError(error) ? error.code : undefined,
        });
      } else {
        this.counts.failed += 1;
        await jobs
          .finish(job.jobId, workerId, {
            status: 'failed',
            result: {},
            errorMessage: message,
            completedAt: clock.now().toISOString(),
          })
          .catch(() => undefined);
        logger.error('job-failed', {
          job_id: job.jobId,
          kind: job.kind,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Fails a job claimed more often than `maxAttempts` without an outcome:
   * every earlier holder died or stopped while running it. Running it again
   * could kill this process too (a poison job), so it ends here, with the
   * last error it recorded.
   */
  private async failAbandoned(job: Job, workerId: string): Promise<void> {
    const { jobs, clock, logger, maxAttempts } = this.options;
    const reason = job.errorMessage ?? 'its workers stopped before finishing it';
    const errorMessage = `gave up after ${maxAttempts} attempts: ${reason}`;
    await jobs
      .finish(job.jobId, workerId, {
        status: 'failed',
        result: {},
        errorMessage,
        completedAt: clock.now().toISOString(),
      })
      .catch(() => undefined);
    this.counts.failed += 1;
    logger.error('job-failed', { job_id: job.jobId, kind: job.kind, error: errorMessage, abandoned: true });
    await this.options
      .onAbandoned?.(job, errorMessage)
      .catch((error: unknown) =>
        logger.error('job-failed-event-failed', { job_id: job.jobId, error: String(error) }),
      );
  }
}
