import type { ContextForPromptResponse } from '@engram/protocol';
import type { StoredMessage } from '../domain/conversation.js';
import type { AuthContext } from '../domain/tenancy.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import { type ContextPromptStyle, renderContextForPrompt } from './algorithm/render-context-for-prompt.js';
import { ageSeconds } from './compaction-responses.js';

/**
 * Most raw turns rendered after the cutoff. Threshold and scheduled
 * compaction keep the uncompacted tail far below this; the cap only guards a
 * server that runs with compaction switched off (the newest turns are kept).
 */
export const PROMPT_MESSAGES_LIMIT = 2_000;

/** Prompt styles of E9. */
export type PromptStyle = ContextPromptStyle;

/** Dependencies of {@link ContextForPromptService}. */
export interface ContextForPromptDependencies {
  conversations: ConversationStore;
  compactions: CompactionStore;
  clock: Clock;
}

/**
 * `context-for-prompt` (E9): one block of text an agent splices into its
 * system prompt: the latest compaction followed by every turn after its
 * cutoff (all turns before any compaction), in the requested style.
 * `is_stale` when turns arrived after the compaction. A cold or unknown
 * conversation answers `available: false` with empty lists, never 404.
 */
export class ContextForPromptService {
  constructor(private readonly dependencies: ContextForPromptDependencies) {}

  async contextForPrompt(
    auth: AuthContext,
    conversationId: string,
    style: PromptStyle,
  ): Promise<ContextForPromptResponse> {
    const id = conversationId;
    const { conversations, compactions, clock } = this.dependencies;
    const [conversation, latest] = await Promise.all([
      conversations.getConversation(auth.instanceId, id),
      compactions.latestCompaction(auth.instanceId, id),
    ]);
    const cutoff = latest?.result.cutoffSequence ?? 0;
    const total = conversation?.messageCount ?? 0;
    const after = Math.max(0, total - cutoff);
    let messages: StoredMessage[] = [];
    if (after > 0) {
      messages =
        after <= PROMPT_MESSAGES_LIMIT
          ? await conversations.listMessagesAfter(auth.instanceId, id, cutoff, PROMPT_MESSAGES_LIMIT)
          : await conversations.listRecentMessages(auth.instanceId, id, PROMPT_MESSAGES_LIMIT);
    }
    const compaction = latest?.result;
    const text = renderContextForPrompt({ compaction, messagesAfterCutoff: messages, style });
    return {
      conversation_id: id,
      formatted_context: text === '' ? null : text,
      available: compaction !== undefined || messages.length > 0,
      is_stale: compaction !== undefined && after > 0,
      quality_warning: compaction?.qualityWarning ?? false,
      compression_ratio: compaction?.compressionRatio ?? null,
      validation_score: compaction?.validationScore ?? null,
      compaction_age_seconds: latest === undefined ? null : ageSeconds(latest.createdAt, clock.now()),
      compaction_id: latest?.compactionId ?? null,
      recent_messages: messages.map((message) => ({
        role: message.role,
        content: message.content,
        timestamp: message.recordedAt,
        message_id: message.messageId,
      })),
      recent_message_count: messages.length,
      compacted_message_count: compaction?.messageCount ?? 0,
      total_message_count: total,
      style,
    };
  }
}
