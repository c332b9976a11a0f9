import type { ConversationContext } from '@engram/protocol';
import type { StoredMessage } from '../domain/conversation.js';
import type { StoredCompaction } from '../ports/compaction-store.js';
import { KEY_EXTRACTION_CATEGORIES } from './algorithm/compaction-types.js';

/**
 * `conversation_context` of a conversation fetch: the latest compaction's
 * summary, current state and key extractions (every value a list of
 * objects, and again as JSON strings), plus the recent turns after its cutoff. Before any compaction it
 * carries the recent turns alone, and undefined when there is nothing at all.
 */
export function conversationCompactionContext(
  conversationId: string,
  latest: StoredCompaction | undefined,
  recentTurns: readonly StoredMessage[],
): ConversationContext | undefined {
  const cutoff = latest?.result.cutoffSequence ?? 0;
  const turns = recentTurns.filter((turn) => turn.sequence > cutoff);
  if (latest === undefined && turns.length === 0) return undefined;
  const currentState = latest === undefined ? {} : { ...latest.result.currentState };
  const keyExtractions = latest === undefined ? {} : wireExtractions(latest);
  return {
    conversation_id: conversationId,
    summary: latest?.result.summary ?? null,
    current_state: currentState,
    key_extractions: keyExtractions,
    // The same objects as strings: Synap's TypeScript integrations parse these (spec §5).
    current_state_json: JSON.stringify(currentState),
    key_extractions_json: JSON.stringify(keyExtractions),
    recent_turns: turns.map((turn) => ({
      role: turn.role,
      content: turn.content,
      timestamp: turn.recordedAt,
      message_id: turn.messageId,
    })),
    compaction_id: latest?.compactionId ?? null,
    compacted_at: latest?.createdAt ?? null,
  };
}

function wireExtractions(latest: StoredCompaction): Record<string, Record<string, unknown>[]> {
  const wire: Record<string, Record<string, unknown>[]> = {};
  for (const category of KEY_EXTRACTION_CATEGORIES) {
    wire[category] = latest.result.keyExtractions[category].map((item) => ({ ...item }));
  }
  return wire;
}
