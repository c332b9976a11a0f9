import type { StoredMessage } from '../domain/conversation.js';
import type { ConversationStore } from '../ports/conversation-store.js';

/** Page size of {@link loadMessagesAfter}: large enough to be few round trips, small enough to stay responsive. */
const PAGE_SIZE = 2_000;

/**
 * Every turn of a conversation after `afterSequence`, oldest first, read in
 * pages. Memory grows with the uncompacted history, which the compaction
 * triggers keep near the threshold budget.
 */
export async function loadMessagesAfter(
  conversations: ConversationStore,
  instanceId: string,
  conversationId: string,
  afterSequence: number,
): Promise<StoredMessage[]> {
  const messages: StoredMessage[] = [];
  let cursor = afterSequence;
  for (;;) {
    const page = await conversations.listMessagesAfter(instanceId, conversationId, cursor, PAGE_SIZE);
    messages.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE_SIZE || last === undefined) return messages;
    cursor = last.sequence;
  }
}
