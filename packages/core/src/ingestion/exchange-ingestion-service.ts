import { createHash } from 'node:crypto';
import type { IngestExchangeRequest, IngestExchangeResponse } from '@engram/protocol';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationExtractionStore } from '../ports/conversation-extraction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import { type ExchangeTurn, exchangeTranscript, exchangeTurns } from './exchange-turns.js';
import type { MemoryIngestionService } from './memory-ingestion-service.js';
import { resolveWriteOwner } from './write-scope.js';

/** What {@link ExchangeIngestionService} needs. */
export interface ExchangeIngestionDependencies {
  conversations: ConversationStore;
  conversationService: ConversationService;
  memoryIngestion: MemoryIngestionService;
  clock: Clock;
  /**
   * Background extraction's cursors: turns this service records and
   * extracts itself are marked extracted, so the recorded-message trigger
   * does not extract them a second time.
   */
  cursors?: ConversationExtractionStore;
}

/**
 * `POST /v1/memories/ingest` (spec §5): one model call's exchange, as
 * Synap's TypeScript integrations write it back. The new turns (see
 * {@link exchangeTurns}) are recorded on the conversation when one is named,
 * through the record-message path (so threshold compaction sees them), and
 * queued for extraction for their user or customer through `memories.create`
 * (scope rules of §1.3; a B2B user without a customer is a 400 before
 * anything is written). Without a user or customer (none given, none on the
 * conversation) nothing is extracted: the client scope would show one
 * caller's exchange to every user.
 *
 * Idempotent per exchange: the document id is a digest of the owner,
 * conversation and turns, so a re-send re-extracts the same document instead
 * of duplicating its memories, and turns that already are the conversation's
 * latest are not recorded again.
 */
export class ExchangeIngestionService {
  constructor(private readonly dependencies: ExchangeIngestionDependencies) {}

  async ingest(auth: AuthContext, request: IngestExchangeRequest): Promise<IngestExchangeResponse> {
    const turns = exchangeTurns(request.messages);
    if (turns.length === 0) throw new EngramError('INVALID_INPUT', 'messages hold no message with content');
    const conversationId = request.conversation_id;
    let { user_id: userId, customer_id: customerId } = request;
    if (conversationId !== undefined && userId === undefined && customerId === undefined) {
      const conversation = await this.dependencies.conversations.getConversation(
        auth.instanceId,
        conversationId,
      );
      userId = conversation?.userId;
      customerId = conversation?.customerId;
    }
    const owned = userId !== undefined || customerId !== undefined;
    // Throws the §1.3 errors (B2B user without customer) before any turn is recorded.
    const owner = owned ? resolveWriteOwner(auth, { userId, customerId }) : undefined;
    const queuedAt = this.dependencies.clock.now().toISOString();
    const source = request.source ?? 'exchange';
    let created: { ingestion_id: string; document_id: string } | undefined;
    if (owner) {
      created = await this.dependencies.memoryIngestion.create(auth, {
        document: exchangeTranscript(turns),
        document_type: 'ai-chat-conversation',
        document_id: exchangeDocumentId(conversationId, owner.userId, owner.customerId, turns),
        document_created_at: queuedAt,
        user_id: userId,
        customer_id: customerId,
        // No mode: the instance's configured default applies.
        mode: undefined,
        metadata: { source, ...(conversationId ? { conversation_id: conversationId } : {}) },
      });
    }
    const turnsRecorded =
      conversationId === undefined
        ? 0
        : await this.recordTurns(auth, conversationId, turns, { userId, customerId, source });
    if (created && conversationId !== undefined && turnsRecorded > 0) {
      await this.markExtracted(auth.instanceId, conversationId, turnsRecorded);
    }
    return {
      conversation_id: conversationId ?? null,
      turns_recorded: turnsRecorded,
      ingestion_id: created?.ingestion_id ?? null,
      document_id: created?.document_id ?? null,
      status: created ? 'queued' : 'skipped',
      scope: owner ? (owner.scope as 'user' | 'customer') : null,
      queued_at: queuedAt,
    };
  }

  /**
   * Moves the extraction cursor over the turns just recorded when it stood
   * right before them; when older turns still wait for extraction it is
   * left alone, and those turns and these are extracted together later
   * (content keys fold the repeated memories, decision 0007).
   */
  private async markExtracted(instanceId: string, conversationId: string, count: number): Promise<void> {
    const cursors = this.dependencies.cursors;
    if (!cursors) return;
    const recorded = await this.dependencies.conversations.listRecentMessages(
      instanceId,
      conversationId,
      count,
    );
    const first = recorded[0];
    const last = recorded.at(-1);
    if (first === undefined || last === undefined) return;
    const at = this.dependencies.clock.now().toISOString();
    await cursors.advance(instanceId, conversationId, first.sequence - 1, last.sequence, at);
  }

  /** Appends the turns unless they already are the conversation's latest (a re-sent exchange). */
  private async recordTurns(
    auth: AuthContext,
    conversationId: string,
    turns: readonly ExchangeTurn[],
    people: { userId: string | undefined; customerId: string | undefined; source: string },
  ): Promise<number> {
    const latest = await this.dependencies.conversations.listRecentMessages(
      auth.instanceId,
      conversationId,
      turns.length,
    );
    const alreadyRecorded =
      latest.length === turns.length &&
      latest.every((message, index) => {
        const turn = turns[index] as ExchangeTurn;
        return message.role === turn.role && message.content === turn.content;
      });
    if (alreadyRecorded) return 0;
    const result = await this.dependencies.conversationService.recordMessagesBatch(
      auth,
      turns.map((turn) => ({
        conversation_id: conversationId,
        role: turn.role,
        content: turn.content,
        user_id: people.userId ?? null,
        customer_id: people.customerId ?? null,
        metadata: { source: people.source },
      })),
    );
    return result.succeeded;
  }
}

/** A stable document id for one exchange of one owner in one conversation. */
function exchangeDocumentId(
  conversationId: string | undefined,
  userId: string | undefined,
  customerId: string | undefined,
  turns: readonly ExchangeTurn[],
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([conversationId ?? '', userId ?? '', customerId ?? '', turns]))
    .digest('hex');
  return `exchange:${digest.slice(0, 32)}`;
}
