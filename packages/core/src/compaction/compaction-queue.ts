import { newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionTrigger } from '../ports/compaction-store.js';
import type { Job, JobStore } from '../ports/job-store.js';
import type { CompactionStrategy } from './algorithm/compaction-level.js';
import {
  COMPACT_CONVERSATION_JOB,
  type CompactionJobPayload,
  compactionSerialKey,
} from './compaction-job-payload.js';

/** What to compact and how. */
export interface CompactionJobRequest {
  instanceId: string;
  conversationId: string;
  strategy: CompactionStrategy;
  targetTokens?: number | undefined;
  force: boolean;
  trigger: CompactionTrigger;
}

/** Outcome of {@link CompactionQueue.enqueue}. */
export type EnqueueOutcome =
  | { queued: true; jobId: string; queuedAt: string }
  | { queued: false; running: Job | undefined };

/**
 * Queues compaction jobs, at most one pending per conversation. The check
 * and the insert are separate store calls, so an in-process set of
 * conversations being queued closes the race between two requests of this
 * process; across processes the serial key still keeps runs apart.
 */
export class CompactionQueue {
  private readonly queueing = new Set<string>();

  constructor(
    private readonly jobs: JobStore,
    private readonly clock: Clock,
    private readonly onQueued: () => void,
  ) {}

  /** The conversation's latest compaction job, if any. */
  latestJob(instanceId: string, conversationId: string): Promise<Job | undefined> {
    return this.jobs.latestBySerialKey(
      instanceId,
      COMPACT_CONVERSATION_JOB,
      compactionSerialKey(conversationId),
    );
  }

  /** The queued or processing compaction job of a conversation, if any. */
  async pendingJob(instanceId: string, conversationId: string): Promise<Job | undefined> {
    const latest = await this.latestJob(instanceId, conversationId);
    return latest !== undefined && isPending(latest) ? latest : undefined;
  }

  /**
   * Queues a job unless one is already queued or processing for the
   * conversation (then `queued: false` with that job, or undefined while
   * another request of this process is queueing one). Wakes the workers.
   */
  async enqueue(request: CompactionJobRequest): Promise<EnqueueOutcome> {
    const key = `${request.instanceId}\u0000${request.conversationId}`;
    if (this.queueing.has(key)) return { queued: false, running: undefined };
    this.queueing.add(key);
    try {
      const running = await this.pendingJob(request.instanceId, request.conversationId);
      if (running !== undefined) return { queued: false, running };
      const now = this.clock.now();
      const jobId = newUuidV7(now.getTime());
      const payload: CompactionJobPayload = {
        conversationId: request.conversationId,
        strategy: request.strategy,
        force: request.force,
        trigger: request.trigger,
        ...(request.targetTokens === undefined ? {} : { targetTokens: request.targetTokens }),
      };
      const queuedAt = now.toISOString();
      await this.jobs.enqueue({
        jobId,
        instanceId: request.instanceId,
        kind: COMPACT_CONVERSATION_JOB,
        serialKey: compactionSerialKey(request.conversationId),
        payload,
        queuedAt,
      });
      this.onQueued();
      return { queued: true, jobId, queuedAt };
    } finally {
      this.queueing.delete(key);
    }
  }
}

/** True while a job is queued or running. */
export function isPending(job: Job): boolean {
  return job.status === 'queued' || job.status === 'processing';
}
