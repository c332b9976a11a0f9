import type { Clock } from '../ports/clock.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { Logger } from '../ports/logger.js';
import type { CompactionService } from './compaction-service.js';

/** Options of {@link CompactionScheduler}. */
export interface CompactionSchedulerOptions {
  compactions: CompactionStore;
  service: CompactionService;
  clock: Clock;
  logger: Logger;
  /** Seconds between runs, and how long a conversation must be idle to be compacted; 0 disables. */
  intervalSeconds: number;
  /** Most conversations queued per run; the rest wait for the next run. Default 500. */
  batchLimit?: number;
  /** False for an instance whose configuration turned scheduled compaction off (`compaction.scheduled`). */
  scheduled?: (instanceId: string) => Promise<boolean>;
}

/**
 * Scheduled compaction: every `intervalSeconds`, conversations idle for at
 * least that long with turns after their latest compaction are queued
 * (trigger `scheduled`). The timer does not keep the process alive, and a
 * run never overlaps the previous one.
 */
export class CompactionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: CompactionSchedulerOptions) {}

  /** Starts the timer. Idempotent; does nothing when the interval is 0. */
  start(): void {
    if (this.timer !== undefined || this.options.intervalSeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running === undefined) void this.runOnce().catch(() => undefined);
    }, this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. Idempotent. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass: queues every idle conversation with uncompacted turns; resolves with how many were queued. */
  runOnce(): Promise<number> {
    this.running ??= this.queueIdle().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async queueIdle(): Promise<number> {
    const { compactions, service, clock, logger, intervalSeconds } = this.options;
    const idleSince = new Date(clock.now().getTime() - intervalSeconds * 1000).toISOString();
    const candidates = await compactions.listCompactionCandidates(idleSince, this.options.batchLimit ?? 500);
    let queued = 0;
    for (const candidate of candidates) {
      try {
        if (this.options.scheduled && !(await this.options.scheduled(candidate.instanceId))) continue;
        if (await service.requestCompaction(candidate, candidate.conversationId, 'scheduled')) queued += 1;
      } catch (error) {
        logger.warn('compaction-schedule-failed', {
          instance_id: candidate.instanceId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (queued > 0) logger.info('compaction-scheduled', { queued, candidates: candidates.length });
    return queued;
  }
}
