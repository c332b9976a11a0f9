import type { MessageRole } from '@engram/protocol';

/** A chat role as recorded. */
export type { MessageRole };

/** A turn to append to a conversation (ids and timestamps already assigned). */
export interface NewMessage {
  messageId: string;
  instanceId: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  userId: string | undefined;
  customerId: string | undefined;
  sessionId: string;
  metadata: Record<string, unknown>;
  /** ISO-8601 UTC. */
  recordedAt: string;
}

/** A recorded turn; `sequence` orders turns within a conversation, from 1. */
export interface StoredMessage extends NewMessage {
  sequence: number;
}

/** A conversation as registered by its first recorded message. */
export interface ConversationRecord {
  instanceId: string;
  conversationId: string;
  userId: string | undefined;
  customerId: string | undefined;
  sessionId: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
}
