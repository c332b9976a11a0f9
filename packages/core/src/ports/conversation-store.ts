import type { ConversationRecord, NewMessage, StoredMessage } from '../domain/conversation.js';

/** Storage of conversations and their raw turns. */
export interface ConversationStore {
  /**
   * Appends turns atomically, in array order, registering each conversation on
   * its first turn. Sequences continue from the conversation's last one, so
   * input order is reading order. All or nothing.
   */
  appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]>;
  /** The conversation (instance-scoped: another instance's id is undefined). */
  getConversation(instanceId: string, conversationId: string): Promise<ConversationRecord | undefined>;
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
