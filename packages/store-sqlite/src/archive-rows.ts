// Rows an instance archive reads and writes, and the helpers of its import:
// the same on SQLite and PostgreSQL, so an archive moves between the stores
// unchanged (derived ids above all must agree, or a re-import duplicates).
import { createHash } from 'node:crypto';
import type { ArchivedConversation, ArchivedMessage } from '@engram/core';

/** A `conversations` row with its extraction cursor (`extracted_through`, NULL when none). */
export interface ArchivedConversationRow {
  conversation_id: string;
  user_id: string | null;
  customer_id: string | null;
  session_id: string;
  created_at: string;
  last_message_at: string;
  message_count: number;
  extracted_through: number | null;
}

/** A `messages` row as the archive exports it. */
export interface ArchivedMessageRow {
  message_id: string;
  conversation_id: string;
  sequence: number;
  role: string;
  content: string;
  user_id: string | null;
  customer_id: string | null;
  session_id: string;
  metadata: string;
  recorded_at: string;
}

/** An id derived from the target instance and the original: stable across runs and stores, unique per instance. */
export function derivedId(instanceId: string, id: string): string {
  const hex = createHash('sha256').update(`${instanceId}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Adds `by` (default 1) to `counts[key]`; a count of 0 adds no key. */
export function increment(counts: Record<string, number>, key: string, by = 1): void {
  if (by > 0) counts[key] = (counts[key] ?? 0) + by;
}

/** ` stem stem*3 ` → `stem stem stem stem`: an archived term list as the text the index reads. */
export function expandTerms(encoded: string): string {
  const stems: string[] = [];
  for (const entry of encoded.split(' ')) {
    if (entry === '') continue;
    const [stem, count] = entry.split('*');
    for (let index = 0; index < Number(count ?? 1); index += 1) stems.push(stem as string);
  }
  return stems.join(' ');
}

/** The archive record of a conversation row. */
export function toArchivedConversation(row: ArchivedConversationRow): ArchivedConversation {
  return {
    conversationId: row.conversation_id,
    userId: row.user_id,
    customerId: row.customer_id,
    sessionId: row.session_id,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    messageCount: row.message_count,
    ...(row.extracted_through !== null && { extractedThrough: row.extracted_through }),
  };
}

/** The archive record of a message row. */
export function toArchivedMessage(row: ArchivedMessageRow): ArchivedMessage {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    sequence: row.sequence,
    role: row.role,
    content: row.content,
    userId: row.user_id,
    customerId: row.customer_id,
    sessionId: row.session_id,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
