import {
  type RecordMessageRequest,
  type RecordMessageResponse,
  type RecordMessagesBatchResponse,
  recordMessageRequestSchema,
} from '@engram/protocol';
import type { NewMessage, StoredMessage } from '../domain/conversation.js';
import type { AuthContext } from '../domain/tenancy.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import { newUuidV7 } from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import { resolvePeople } from '../tenancy/scope-resolution.js';

/** Defaults for `recent_turns`: the spec suggests ≤20 turns within ~2,000 tokens. */
export const RECENT_TURNS_LIMIT = 20;
/** Token budget of `recent_turns`, estimated at ~4 characters per token as the SDK does. */
export const RECENT_TURNS_TOKEN_BUDGET = 2_000;

/**
 * Told about turns just committed, in input order. Must return at once: it
 * runs on the request path (threshold compaction defers its work).
 */
export type MessagesRecordedListener = (auth: AuthContext, messages: readonly StoredMessage[]) => void;

/** Records turns and reads them back. The light write path: no extraction here. */
export class ConversationService {
  constructor(
    private readonly store: ConversationStore,
    private readonly clock: Clock,
    private readonly onRecorded: MessagesRecordedListener = () => {},
  ) {}

  /** Records one turn (E7). The conversation is registered by its first turn. */
  async recordMessage(auth: AuthContext, request: RecordMessageRequest): Promise<RecordMessageResponse> {
    const [stored] = await this.store.appendMessages([this.toNewMessage(auth, request)]);
    const message = stored as StoredMessage;
    this.onRecorded(auth, [message]);
    return toRecordResponse(message);
  }

  /**
   * Records a batch (E8). Each row is validated on its own: bad rows fail
   * alone with an `error`, good rows are written in one transaction, and
   * `results` follow input order.
   */
  async recordMessagesBatch(
    auth: AuthContext,
    rows: readonly unknown[],
  ): Promise<RecordMessagesBatchResponse> {
    const results: RecordMessagesBatchResponse['results'] = [];
    const accepted: { index: number; message: NewMessage }[] = [];
    rows.forEach((row, index) => {
      const parsed = recordMessageRequestSchema.safeParse(row);
      if (parsed.success) accepted.push({ index, message: this.toNewMessage(auth, parsed.data) });
      else results[index] = { index, status: 'failed', error: formatValidationIssues(parsed.error) };
    });
    const stored = await this.store.appendMessages(accepted.map((entry) => entry.message));
    stored.forEach((message, position) => {
      const index = (accepted[position] as { index: number }).index;
      results[index] = { index, status: 'recorded', ...toRecordResponse(message) };
    });
    if (stored.length > 0) this.onRecorded(auth, stored);
    const succeeded = stored.length;
    return { total: rows.length, succeeded, failed: rows.length - succeeded, results };
  }

  /**
   * The latest turns, oldest first, within {@link RECENT_TURNS_LIMIT} turns and
   * about {@link RECENT_TURNS_TOKEN_BUDGET} tokens (the newest turn is always kept).
   */
  async recentTurns(auth: AuthContext, conversationId: string): Promise<StoredMessage[]> {
    const recent = await this.store.listRecentMessages(auth.instanceId, conversationId, RECENT_TURNS_LIMIT);
    let budget = RECENT_TURNS_TOKEN_BUDGET * 4;
    const kept: StoredMessage[] = [];
    for (let index = recent.length - 1; index >= 0; index -= 1) {
      const message = recent[index] as StoredMessage;
      budget -= message.content.length;
      if (budget < 0 && kept.length > 0) break;
      kept.unshift(message);
    }
    return kept;
  }

  private toNewMessage(auth: AuthContext, request: RecordMessageRequest): NewMessage {
    const people = resolvePeople(auth, { userId: request.user_id, customerId: request.customer_id });
    const now = this.clock.now();
    const conversationId = request.conversation_id;
    return {
      messageId: newUuidV7(now.getTime()),
      instanceId: auth.instanceId,
      conversationId,
      role: request.role,
      content: request.content,
      userId: people.userId,
      customerId: people.customerId,
      // Without a caller session the conversation is its own session: stable
      // across turns and derivable without a lookup on the hot path.
      sessionId: request.session_id ?? conversationId,
      metadata: request.metadata,
      recordedAt: now.toISOString(),
    };
  }
}

function toRecordResponse(message: StoredMessage): RecordMessageResponse {
  return {
    message_id: message.messageId,
    conversation_id: message.conversationId,
    session_id: message.sessionId,
    recorded_at: message.recordedAt,
  };
}
