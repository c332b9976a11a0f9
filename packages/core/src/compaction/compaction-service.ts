import type {
  CompactionResponse,
  CompactionStatusResponse,
  CompactionTriggerResponse,
  CompactRequest,
} from '@engram/protocol';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionStore, CompactionTrigger, StoredCompaction } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import { type CompactionStrategy, parseCompactionStrategy } from './algorithm/compaction-level.js';
import type { CompactedFormat } from './algorithm/render-compaction.js';
import { renderCompaction } from './algorithm/render-compaction.js';
import type { CompactionQueue } from './compaction-queue.js';
import {
  ageSeconds,
  estimateCompletionSeconds,
  toCompactionResponse,
  toStatusResponse,
} from './compaction-responses.js';

/** Dependencies of {@link CompactionService}. */
export interface CompactionServiceDependencies {
  conversations: ConversationStore;
  compactions: CompactionStore;
  queue: CompactionQueue;
  clock: Clock;
  /** Which compactor the workers run, for completion estimates. */
  method: 'extractive' | 'llm';
  /**
   * The instance's level for compactions that name none (its configuration's
   * `compaction.level`); the engine default without it.
   */
  defaultStrategy?: (instanceId: string) => Promise<CompactionStrategy>;
}

/**
 * The compaction front door: E10 (trigger), E11 (read a version), E12
 * (status), and the transcript-ingest hook. Compaction itself runs in the
 * workers ({@link CompactConversationHandler}); every compaction is kept as
 * a numbered version. Conversations are instance-scoped: another instance's
 * conversation is unknown here.
 */
export class CompactionService {
  constructor(private readonly dependencies: CompactionServiceDependencies) {}

  /**
   * Starts a compaction (E10). Throws INVALID_INPUT for an unknown strategy,
   * NOT_FOUND for a conversation this instance never recorded, and
   * COMPACTION_IN_PROGRESS (409, `detail.code` "compaction_in_progress")
   * while one is queued or running. Without `force` and with nothing new
   * since the latest compaction, nothing is queued: the answer names the
   * latest compaction with status `completed`. With `force` the whole raw
   * history is re-compacted at the requested level.
   */
  async trigger(auth: AuthContext, request: CompactRequest): Promise<CompactionTriggerResponse> {
    const named = (request.strategy ?? request.compaction_level ?? '').trim();
    const strategy = named === '' ? await this.strategyOf(auth.instanceId) : parseCompactionStrategy(named);
    const conversationId = request.conversation_id;
    const { conversations, compactions, queue, clock } = this.dependencies;
    const conversation = await conversations.getConversation(auth.instanceId, conversationId);
    if (conversation === undefined) {
      throw new EngramError('NOT_FOUND', 'no messages have been recorded for this conversation');
    }
    const latest = await compactions.latestCompaction(auth.instanceId, conversationId);
    const now = clock.now();
    const previous = previousFields(latest, now);
    const nothingNew = latest !== undefined && conversation.messageCount <= latest.result.cutoffSequence;
    if (nothingNew && !request.force) {
      const running = await queue.pendingJob(auth.instanceId, conversationId);
      if (running !== undefined) throw inProgress(running.jobId);
      return {
        compaction_id: latest.compactionId,
        conversation_id: conversationId,
        status: 'completed',
        trigger_type: 'manual_api',
        initiated_at: latest.createdAt,
        estimated_completion_seconds: 0,
        strategy,
        ...previous,
      };
    }
    const outcome = await queue.enqueue({
      instanceId: auth.instanceId,
      conversationId,
      strategy,
      targetTokens: request.target_tokens,
      force: request.force,
      trigger: 'manual_api',
    });
    if (!outcome.queued) throw inProgress(outcome.running?.jobId);
    const uncompacted =
      conversation.messageCount - (request.force ? 0 : (latest?.result.cutoffSequence ?? 0));
    return {
      compaction_id: outcome.jobId,
      conversation_id: conversationId,
      status: 'in_progress',
      trigger_type: 'manual_api',
      initiated_at: outcome.queuedAt,
      // Turns average well under 100 tokens; the estimate only needs the right order of magnitude.
      estimated_completion_seconds: estimateCompletionSeconds(uncompacted * 100, this.dependencies.method),
      strategy,
      ...previous,
    };
  }

  /**
   * Queues a compaction for `trigger` (transcript ingest, threshold,
   * schedule) with the instance's default strategy. Resolves false, never throws for
   * that reason, when one is already queued or running.
   */
  async requestCompaction(
    auth: Pick<AuthContext, 'instanceId'>,
    conversationId: string,
    trigger: CompactionTrigger = 'transcript',
  ): Promise<boolean> {
    const outcome = await this.dependencies.queue.enqueue({
      instanceId: auth.instanceId,
      conversationId,
      strategy: await this.strategyOf(auth.instanceId),
      force: false,
      trigger,
    });
    return outcome.queued;
  }

  private async strategyOf(instanceId: string): Promise<CompactionStrategy> {
    return (await this.dependencies.defaultStrategy?.(instanceId)) ?? parseCompactionStrategy(undefined);
  }

  /**
   * A stored compaction in `format` (E11): the latest, or `version` when
   * given. Throws NOT_FOUND when there is none (the SDK then returns null).
   */
  async getCompacted(
    auth: AuthContext,
    conversationId: string,
    options: { format: CompactedFormat; version?: number | undefined; correlationId: string },
  ): Promise<CompactionResponse> {
    const id = conversationId;
    const { compactions, clock } = this.dependencies;
    const stored =
      options.version === undefined
        ? await compactions.latestCompaction(auth.instanceId, id)
        : await compactions.getCompaction(auth.instanceId, id, options.version);
    if (stored === undefined) {
      throw new EngramError(
        'NOT_FOUND',
        options.version === undefined
          ? 'no compaction exists for this conversation yet'
          : `compaction version ${options.version} does not exist for this conversation`,
      );
    }
    return toCompactionResponse(stored, options.format, {
      correlationId: options.correlationId,
      now: clock.now(),
    });
  }

  /** Where compaction stands (E12): `none`, `in_progress`, `completed` or `failed`. Never 404. */
  async status(auth: AuthContext, conversationId: string): Promise<CompactionStatusResponse> {
    const id = conversationId;
    const { compactions, queue, method } = this.dependencies;
    const [job, latest] = await Promise.all([
      queue.latestJob(auth.instanceId, id),
      compactions.latestCompaction(auth.instanceId, id),
    ]);
    return toStatusResponse(id, job, latest, estimateCompletionSeconds(0, method));
  }
}

function previousFields(
  latest: StoredCompaction | undefined,
  now: Date,
): Pick<
  CompactionTriggerResponse,
  'previous_context' | 'previous_context_age_seconds' | 'previous_compaction_id'
> {
  if (latest === undefined) {
    return { previous_context: null, previous_context_age_seconds: null, previous_compaction_id: null };
  }
  return {
    previous_context: renderCompaction(latest.result, 'structured'),
    previous_context_age_seconds: ageSeconds(latest.createdAt, now),
    previous_compaction_id: latest.compactionId,
  };
}

function inProgress(jobId: string | undefined): EngramError {
  return new EngramError(
    'COMPACTION_IN_PROGRESS',
    'a compaction of this conversation is already queued or running',
    {
      details: {
        wireCode: 'compaction_in_progress',
        ...(jobId === undefined ? {} : { compaction_id: jobId }),
      },
    },
  );
}
