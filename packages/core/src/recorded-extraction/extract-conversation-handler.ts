import type { ConversationRecord, StoredMessage } from '../domain/conversation.js';
import type { MemoryOwner } from '../domain/stored-memory.js';
import { EngramError, isEngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import { derivedUuid } from '../ids/identifiers.js';
import { exchangeTranscript } from '../ingestion/exchange-turns.js';
import type { IngestDocumentPayload } from '../ingestion/ingestion-job-payload.js';
import { resolveWriteOwner } from '../ingestion/write-scope.js';
import type { InstanceConfigService } from '../instance-config/instance-config-service.js';
import type { JobHandler, JobOutcome } from '../jobs/worker-pool.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationExtractionStore } from '../ports/conversation-extraction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Job, JobStore } from '../ports/job-store.js';
import type { TenancyStore } from '../ports/tenancy-store.js';
import { extractConversationPayloadSchema, queueExtraction } from './extraction-jobs.js';

/** Most turns handed to one ingestion; a longer backlog continues in a follow-up job. */
export const MAX_TURNS_PER_EXTRACTION = 200;

/** What {@link ExtractConversationHandler} needs. */
export interface ExtractConversationDependencies {
  conversations: ConversationStore;
  cursors: ConversationExtractionStore;
  jobs: JobStore;
  tenancy: Pick<TenancyStore, 'getInstance'>;
  configs: Pick<InstanceConfigService, 'active'>;
  clock: Clock;
  /** Wakes this process's workers after jobs runnable now were queued. */
  wake: () => void;
}

/**
 * Runs `extract-conversation` jobs: hands a conversation's recorded turns
 * after its extraction cursor to ingestion as one `ingest-document` job (the
 * conversation's user or customer scope, the configured ingestion mode) and
 * moves the cursor past them. An `idle` job whose conversation received a
 * turn less than `idle_seconds` ago re-queues itself for the new idle time.
 *
 * Idempotent: the ingestion job's id is derived from (conversation, first
 * turn), so a re-run after a crash between queueing it and moving the
 * cursor finds that job, adopts its range, and queues nothing twice; turns
 * before the cursor are never extracted again. Turns of a conversation
 * without a user or customer are passed over (client-scope memories would
 * show one caller's chat to every user), as are turns of an instance whose
 * switch is off.
 */
export class ExtractConversationHandler implements JobHandler {
  readonly kind = 'extract-conversation' as const;

  constructor(private readonly dependencies: ExtractConversationDependencies) {}

  async handle(job: Job): Promise<JobOutcome> {
    const parsed = extractConversationPayloadSchema.safeParse(job.payload);
    if (!parsed.success) {
      throw new EngramError(
        'INTERNAL',
        `unreadable extraction job payload: ${formatValidationIssues(parsed.error)}`,
        {
          retryable: false,
        },
      );
    }
    const { conversationId, trigger } = parsed.data;
    const { conversations, configs, clock } = this.dependencies;
    const instanceId = job.instanceId;
    const settings = (await configs.active(instanceId)).document.extraction;
    if (!settings.recorded_messages.enabled) return done({ skipped: 'disabled' });
    const conversation = await conversations.getConversation(instanceId, conversationId);
    if (!conversation) return done({ skipped: 'no conversation' });
    const now = clock.now().getTime();
    const idleAt = Date.parse(conversation.lastMessageAt) + settings.recorded_messages.idle_seconds * 1000;
    if (trigger === 'idle' && idleAt > now) {
      await queueExtraction(this.dependencies.jobs, {
        instanceId,
        conversationId,
        trigger: 'idle',
        mark: conversation.lastMessageAt,
        runAt: new Date(idleAt).toISOString(),
      });
      return done({ rescheduledTo: new Date(idleAt).toISOString() });
    }
    const cursor = await this.dependencies.cursors.extractedThrough(instanceId, conversationId);
    const turns = await conversations.listMessagesAfter(
      instanceId,
      conversationId,
      cursor,
      MAX_TURNS_PER_EXTRACTION,
    );
    const last = turns.at(-1);
    if (last === undefined) return done({ extractedThrough: cursor });
    const owner = await this.ownerOf(conversation);
    const through = owner
      ? await this.queueIngestion(job, conversation, owner, turns, settings.default_ingestion_mode)
      : { sequence: last.sequence, ingestionId: undefined };
    await this.dependencies.cursors.advance(
      instanceId,
      conversationId,
      cursor,
      through.sequence,
      clock.now().toISOString(),
    );
    if (turns.length === MAX_TURNS_PER_EXTRACTION) {
      await queueExtraction(this.dependencies.jobs, {
        instanceId,
        conversationId,
        trigger: 'size',
        mark: `after-${through.sequence}`,
        runAt: clock.now().toISOString(),
      });
    }
    this.dependencies.wake();
    return done({
      extractedThrough: through.sequence,
      ...(through.ingestionId ? { ingestionId: through.ingestionId } : { skipped: 'no user or customer' }),
    });
  }

  /** The write scope of the conversation's memories, or undefined when it has no user or customer. */
  private async ownerOf(conversation: ConversationRecord): Promise<MemoryOwner | undefined> {
    if (conversation.userId === undefined && conversation.customerId === undefined) return undefined;
    const instance = await this.dependencies.tenancy.getInstance(conversation.instanceId);
    if (!instance) return undefined;
    try {
      return resolveWriteOwner(
        {
          clientId: instance.clientId,
          instanceId: instance.instanceId,
          relationship: instance.relationship,
          keyId: '',
          keyPrefix: '',
        },
        { userId: conversation.userId, customerId: conversation.customerId },
      );
    } catch (error) {
      // A B2B user recorded without its customer has no scope to write to.
      if (isEngramError(error) && error.category === 'user') return undefined;
      throw error;
    }
  }

  /** Queues the ingestion of `turns`, or adopts the one an interrupted run queued; returns its last turn. */
  private async queueIngestion(
    job: Job,
    conversation: ConversationRecord,
    owner: MemoryOwner,
    turns: readonly StoredMessage[],
    mode: IngestDocumentPayload['mode'],
  ): Promise<{ sequence: number; ingestionId: string }> {
    const first = turns[0] as StoredMessage;
    const last = turns.at(-1) as StoredMessage;
    const ingestionId = derivedUuid(
      'recorded-turns',
      job.instanceId,
      conversation.conversationId,
      String(first.sequence),
    );
    const existing = await this.dependencies.jobs.get(job.instanceId, ingestionId);
    if (existing) {
      const metadata = (existing.payload as { metadata?: { through_sequence?: unknown } }).metadata;
      const sequence =
        typeof metadata?.through_sequence === 'number' ? metadata.through_sequence : last.sequence;
      return { sequence, ingestionId };
    }
    const payload: IngestDocumentPayload = {
      documentId: `conversation:${conversation.conversationId}:${first.sequence}-${last.sequence}`,
      text: exchangeTranscript(turns),
      documentType: 'ai-chat-conversation',
      documentCreatedAt: first.recordedAt,
      mode,
      metadata: {
        source: 'recorded-messages',
        conversation_id: conversation.conversationId,
        from_sequence: first.sequence,
        through_sequence: last.sequence,
      },
      owner: {
        instanceId: owner.instanceId,
        scope: owner.scope,
        customerId: owner.customerId,
        userId: owner.userId,
        scopeKey: owner.scopeKey,
      },
    };
    await this.dependencies.jobs.enqueue({
      jobId: ingestionId,
      instanceId: job.instanceId,
      kind: 'ingest-document',
      serialKey: owner.scopeKey,
      payload: payload as unknown as Record<string, unknown>,
      queuedAt: this.dependencies.clock.now().toISOString(),
    });
    return { sequence: last.sequence, ingestionId };
  }
}

function done(result: Record<string, unknown>): JobOutcome {
  return { status: 'completed', result };
}
