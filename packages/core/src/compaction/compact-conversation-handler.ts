import { EngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import type { JobHandler, JobOutcome } from '../jobs/worker-pool.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Job } from '../ports/job-store.js';
import type { CompactionResult } from './algorithm/compaction-types.js';
import type { CompactionEngine } from './compaction-engine.js';
import {
  COMPACT_CONVERSATION_JOB,
  type CompactionJobResult,
  compactionJobPayloadSchema,
} from './compaction-job-payload.js';
import { loadMessagesAfter } from './load-messages-after.js';

/** Dependencies of {@link CompactConversationHandler}. */
export interface CompactConversationDependencies {
  conversations: ConversationStore;
  compactions: CompactionStore;
  engine: CompactionEngine;
  clock: Clock;
}

/**
 * Runs `compact-conversation` jobs: loads the turns after the latest
 * compaction's cutoff, compacts them on top of it (or, with `force`, the
 * whole raw history from scratch) and stores the result as the next version,
 * with the job id as its compaction id. Idempotent: a job run twice stores
 * one version. With nothing new and no `force` the latest compaction stands.
 */
export class CompactConversationHandler implements JobHandler {
  readonly kind = COMPACT_CONVERSATION_JOB;

  constructor(private readonly dependencies: CompactConversationDependencies) {}

  async handle(job: Job, abortSignal: AbortSignal): Promise<JobOutcome> {
    const parsed = compactionJobPayloadSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new EngramError(
        'INTERNAL',
        `unreadable compaction job payload: ${formatValidationIssues(parsed.error)}`,
        {
          retryable: false,
        },
      );
    }
    const payload = parsed.data;
    const { conversations, compactions, engine, clock } = this.dependencies;
    const started = performance.now();
    const latest = await compactions.latestCompaction(job.instanceId, payload.conversationId);
    const previous: CompactionResult | undefined = payload.force ? undefined : latest?.result;
    const messages = await loadMessagesAfter(
      conversations,
      job.instanceId,
      payload.conversationId,
      previous?.cutoffSequence ?? 0,
    );
    if (latest !== undefined && previous !== undefined && messages.length === 0) {
      return outcome({
        compactionId: latest.compactionId,
        version: latest.version,
        compactionMs: elapsed(started),
        unchanged: true,
      });
    }
    if (messages.length === 0 && latest === undefined) {
      return { status: 'failed', result: {}, errorMessage: 'the conversation has no messages to compact' };
    }
    const now = clock.now();
    const result = await engine(
      { messages, level: payload.strategy, targetTokens: payload.targetTokens ?? null, now, previous },
      abortSignal,
    );
    const stored = await compactions.insertCompaction({
      compactionId: job.jobId,
      instanceId: job.instanceId,
      conversationId: payload.conversationId,
      trigger: payload.trigger,
      result,
      // Stored when it finished, so E12's completed_at marks the end of the work.
      createdAt: clock.now().toISOString(),
    });
    return outcome({
      compactionId: stored.compactionId,
      version: stored.version,
      compactionMs: elapsed(started),
      unchanged: false,
    });
  }
}

function outcome(result: CompactionJobResult): JobOutcome {
  return { status: 'completed', result };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
