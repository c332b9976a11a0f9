import type { EngramClient } from '@engram/sdk';
import { BaseListChatMessageHistory } from '@langchain/core/chat_history';
import { AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';

/** Settings of {@link EngramChatMessageHistory}. */
export interface EngramChatMessageHistoryInput {
  client: EngramClient;
  /** The conversation (a UUID); Engram registers it on the first message. */
  conversationId: string;
  userId?: string;
  customerId?: string;
}

/**
 * A LangChain chat message history stored in an Engram conversation. Human
 * and AI messages are recorded with `record_message` (so they feed
 * compaction and, through it, long-term memory); `getMessages` returns the
 * conversation's recent messages from `context-for-prompt`, oldest first,
 * which after compaction are the turns since the summary rather than the whole
 * history. `addMessages` records a batch in one request and rejects if any
 * row failed (the others stay recorded). System and tool messages are refused: Engram records user and
 * assistant turns only. `clear` is refused too, since the protocol has no
 * route that deletes a conversation's messages.
 */
export class EngramChatMessageHistory extends BaseListChatMessageHistory {
  lc_namespace = ['engram', 'stores', 'message'];

  private readonly settings: EngramChatMessageHistoryInput;

  constructor(input: EngramChatMessageHistoryInput) {
    super(input);
    this.settings = input;
  }

  override async getMessages(): Promise<BaseMessage[]> {
    const prompt = await this.settings.client.conversation.context.getContextForPrompt({
      conversation_id: this.settings.conversationId,
    });
    return prompt.recent_messages.map((message) =>
      message.role === 'assistant' ? new AIMessage(message.content) : new HumanMessage(message.content),
    );
  }

  override async addMessage(message: BaseMessage): Promise<void> {
    await this.settings.client.conversation.recordMessage(this.turnOf(message));
  }

  override async addMessages(messages: BaseMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const turns = messages.map((message) => this.turnOf(message));
    const recorded = await this.settings.client.conversation.recordMessagesBatch(turns);
    const failed = recorded.results.find((row) => row.status === 'failed');
    if (failed) {
      throw new Error(`message ${failed.index} was not recorded: ${failed.error ?? 'unknown error'}`);
    }
  }

  override async clear(): Promise<void> {
    throw new Error(
      'EngramChatMessageHistory cannot clear: Engram has no route that deletes recorded messages',
    );
  }

  private turnOf(message: BaseMessage) {
    const type = message.type;
    if (type !== 'human' && type !== 'ai') {
      throw new Error(`EngramChatMessageHistory records human and ai messages only, not ${type}`);
    }
    return {
      conversation_id: this.settings.conversationId,
      role: type === 'human' ? ('user' as const) : ('assistant' as const),
      content: message.text,
      user_id: this.settings.userId ?? null,
      customer_id: this.settings.customerId ?? null,
    };
  }
}
