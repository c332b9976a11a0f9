import type { ConversationRecord, NewMessage, StoredMessage } from '../domain/conversation.js';

/** Outcome of registering a transcript push (E13 idempotency). */
export type TranscriptRegistration =
  | { status: 'new'; ingestionId: string }
  | { status: 'duplicate'; ingestionId: string }
  | { status: 'conflict'; ingestionId: string };

/** Storage of conversations and their raw turns. */
export interface ConversationStore {
  /**
   * Records that `transcriptHash` was pushed for a conversation, atomically:
   * the first push is `new` (with the given ingestion id), an identical
   * re-push is `duplicate` and a different transcript is `conflict` (both
   * with the original ingestion id).
   */
  registerTranscript(
    instanceId: string,
    conversationId: string,
    transcriptHash: string,
    ingestionId: string,
    at: string,
  ): Promise<TranscriptRegistration>;
  /**
   * Appends turns atomically, in array order, registering each conversation on
   * its first turn. Sequences continue from the conversation's last one, so
   * input order is reading order. All or nothing.
   */
  appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]>;
  /** The conversation (instance-scoped: another instance's id is undefined). */
  getConversation(instanceId: string, conversationId: string): Promise<ConversationRecord | undefined>;
  /** A user's conversations in one instance, most recently active first, at most `limit`. */
  listConversationsOfUser(instanceId: string, userId: string, limit: number): Promise<ConversationRecord[]>;
  /** The last `limit` turns, returned oldest first. */
  listRecentMessages(instanceId: string, conversationId: string, limit: number): Promise<StoredMessage[]>;
  /** Turns with sequence > `afterSequence`, oldest first, at most `limit`. */
  listMessagesAfter(
    instanceId: string,
    conversationId: string,
    afterSequence: number,
    limit: number,
  ): Promise<StoredMessage[]>;
}
