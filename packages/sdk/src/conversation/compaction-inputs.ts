import type { CompactedFormat, CompactionLevel } from '@engram/protocol';

/** Inputs of the compaction methods of `sdk.conversation.context` (E10–E12); wire field names. */

/** Input of `conversation.context.compact` (E10). */
export interface CompactInput {
  /** A UUID; anything else is rejected client-side with InvalidConversationIdError. */
  conversation_id: string;
  /** One of the seven compaction levels; absent lets the server choose. */
  strategy?: CompactionLevel | null;
  /** The Python SDK's alias of `strategy`; giving both with different values is an InvalidInputError. */
  compaction_level?: CompactionLevel | null;
  /** Token budget of the compacted context (a positive integer). */
  target_tokens?: number | null;
  /** Compact even when the server's thresholds are not reached. Default false. */
  force?: boolean;
}

/** Input of `conversation.context.getCompacted` (E11). */
export interface GetCompactedInput {
  /** A UUID; anything else is rejected client-side with InvalidConversationIdError. */
  conversation_id: string;
  /** A specific compaction version (an integer of at least 0); absent means the latest. */
  version?: number | null;
  /** Default `structured`. */
  format?: CompactedFormat;
}

/** Input of `conversation.context.getCompactionStatus` (E12). */
export interface CompactionStatusInput {
  /** A UUID; anything else is rejected client-side with InvalidConversationIdError. */
  conversation_id: string;
}
