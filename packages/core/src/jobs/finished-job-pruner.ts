import type { Clock } from '../ports/clock.js';
import type { JobStore } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';

const DAY_MS = 86_400_000;
/** Jobs deleted per statement: a prune never holds many rows locked at once. */
const BATCH = 1_000;

/** What {@link FinishedJobPruner} needs. */
export interface FinishedJobPrunerDependencies {
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
  /** Days a finished job is kept; 0 keeps every job. */
  retentionDays: number;
  /** Between prunes (default an hour); 0 never prunes on its own (`pruneOnce` still works). */
  intervalMs?: number;
}

/**
 * Deletes finished jobs older than the retention period, in batches, so the
 * queue table (and the console's job listing) holds recent history only.
 * Every process that runs workers prunes; on a shared database the batches
 * of two processes never overlap (the store skips rows another is deleting).
 */
export class FinishedJobPruner {
  private timer: NodeJS.Timeout | undefined;
  private pruning: Promise<number> | undefined;

  constructor(private readonly dependencies: FinishedJobPrunerDependencies) {}

  /** Prunes now and then every interval. Idempotent. */
  start(): void {
    const intervalMs = this.dependencies.intervalMs ?? 3_600_000;
    if (this.timer || intervalMs <= 0 || this.dependencies.retentionDays <= 0) return;
    const prune = () => {
      void this.pruneOnce().catch((error) =>
        this.dependencies.logger.error('job-prune-failed', { error: String(error) }),
      );
    };
    this.timer = setInterval(prune, intervalMs);
    this.timer.unref();
    prune();
  }

  /** Stops and waits for a prune in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pruning?.catch(() => undefined);
  }

  /** One pass: deletes every job finished before the cut-off; resolves with how many. Passes never overlap. */
  pruneOnce(): Promise<number> {
    this.pruning ??= this.prune().finally(() => {
      this.pruning = undefined;
    });
    return this.pruning;
  }

  private async prune(): Promise<number> {
    const { jobs, clock, logger, retentionDays } = this.dependencies;
    if (retentionDays <= 0) return 0;
    const before = new Date(clock.now().getTime() - retentionDays * DAY_MS).toISOString();
    let deleted = 0;
    for (;;) {
      const batch = await jobs.pruneFinished(before, BATCH);
      deleted += batch;
      if (batch < BATCH) break;
    }
    if (deleted > 0) logger.info('jobs-pruned', { deleted, finished_before: before });
    return deleted;
  }
}
