import type { ContextForPromptResponse } from '@engram/protocol';
import type { StoredMessage } from '../domain/conversation.js';
import type { AuthContext } from '../domain/tenancy.js';
import type { ConversationStore } from '../ports/conversation-store.js';

/** Most raw messages returned after the cutoff; older ones are reached through compaction. */
export const PROMPT_MESSAGES_LIMIT = 200;

/** Prompt styles of E9. */
export type PromptStyle = 'structured' | 'narrative' | 'bullet_points';

/**
 * `context-for-prompt` (E9): one block of text an agent splices into its
 * system prompt. Before any compaction it is the conversation's messages; a
 * cold conversation answers `available: false` with empty lists (not 404).
 */
export class ContextForPromptService {
  constructor(private readonly conversations: ConversationStore) {}

  async contextForPrompt(
    auth: AuthContext,
    conversationId: string,
    style: PromptStyle,
  ): Promise<ContextForPromptResponse> {
    const id = conversationId.toLowerCase();
    const conversation = await this.conversations.getConversation(auth.instanceId, id);
    const messages = conversation
      ? await this.conversations.listRecentMessages(auth.instanceId, id, PROMPT_MESSAGES_LIMIT)
      : [];
    return {
      conversation_id: id,
      formatted_context: messages.length > 0 ? renderMessages(messages, style) : null,
      available: messages.length > 0,
      is_stale: false,
      quality_warning: false,
      compression_ratio: null,
      validation_score: null,
      compaction_age_seconds: null,
      compaction_id: null,
      recent_messages: messages.map((message) => ({
        role: message.role,
        content: message.content,
        timestamp: message.recordedAt,
        message_id: message.messageId,
      })),
      recent_message_count: messages.length,
      compacted_message_count: 0,
      total_message_count: conversation?.messageCount ?? 0,
      style,
    };
  }
}

function renderMessages(messages: readonly StoredMessage[], style: PromptStyle): string {
  if (style === 'bullet_points') return messages.map((m) => `- ${m.role}: ${m.content}`).join('\n');
  if (style === 'narrative') {
    return ['Recent exchanges:', ...messages.map((m) => `${m.role}: ${m.content}`)].join('\n');
  }
  return [`## Recent Turns (${messages.length})`, ...messages.map((m) => `**${m.role}**: ${m.content}`)].join('\n\n');
}
