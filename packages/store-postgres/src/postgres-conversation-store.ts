import type {
  ConversationRecord,
  ConversationStore,
  MessageRole,
  NewMessage,
  StoredMessage,
  TranscriptRegistration,
} from '@engram/core';
import { insertRows } from './bulk-insert.js';
import type { PostgresDatabase } from './postgres-pool.js';

interface MessageRow {
  message_id: string;
  instance_id: string;
  conversation_id: string;
  sequence: number;
  role: MessageRole;
  content: string;
  user_id: string | null;
  customer_id: string | null;
  session_id: string;
  metadata: string;
  recorded_at: string;
}

/** A `conversations` row. */
export interface ConversationRow {
  instance_id: string;
  conversation_id: string;
  user_id: string | null;
  customer_id: string | null;
  session_id: string;
  created_at: string;
  last_message_at: string;
  message_count: number;
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    messageId: row.message_id,
    instanceId: row.instance_id,
    conversationId: row.conversation_id,
    sequence: row.sequence,
    role: row.role,
    content: row.content,
    userId: row.user_id ?? undefined,
    customerId: row.customer_id ?? undefined,
    sessionId: row.session_id,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    recordedAt: row.recorded_at,
  };
}

/** The domain record of a `conversations` row. */
export function toConversation(row: ConversationRow): ConversationRecord {
  return {
    instanceId: row.instance_id,
    conversationId: row.conversation_id,
    userId: row.user_id ?? undefined,
    customerId: row.customer_id ?? undefined,
    sessionId: row.session_id,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    messageCount: row.message_count,
  };
}

/**
 * {@link ConversationStore} on PostgreSQL. An append bumps each
 * conversation's row first (an upsert that row-locks it and hands out a
 * block of sequence numbers), so concurrent appends to one conversation from
 * any number of nodes get distinct, gap-free sequences in commit order.
 */
export class PostgresConversationStore implements ConversationStore {
  constructor(private readonly database: PostgresDatabase) {}

  /** Insert-or-read in one statement pair: the primary key decides which push was first, across nodes. */
  async registerTranscript(
    instanceId: string,
    conversationId: string,
    transcriptHash: string,
    ingestionId: string,
    at: string,
  ): Promise<TranscriptRegistration> {
    return this.database.transaction(async (sql) => {
      const inserted = await sql.query(
        `INSERT INTO transcripts (instance_id, conversation_id, transcript_hash, ingestion_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (instance_id, conversation_id) DO NOTHING`,
        [instanceId, conversationId, transcriptHash, ingestionId, at],
      );
      if (inserted.rowCount === 1) return { status: 'new', ingestionId } as const;
      const { rows } = await sql.query<{ transcript_hash: string; ingestion_id: string }>(
        'SELECT transcript_hash, ingestion_id FROM transcripts WHERE instance_id = $1 AND conversation_id = $2',
        [instanceId, conversationId],
      );
      const existing = rows[0] as { transcript_hash: string; ingestion_id: string };
      return {
        status: existing.transcript_hash === transcriptHash ? 'duplicate' : 'conflict',
        ingestionId: existing.ingestion_id,
      } as const;
    });
  }

  async appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]> {
    if (messages.length === 0) return [];
    const byConversation = new Map<string, NewMessage[]>();
    for (const message of messages) {
      const key = `${message.instanceId}\u0000${message.conversationId}`;
      const group = byConversation.get(key);
      if (group) group.push(message);
      else byConversation.set(key, [message]);
    }
    // Conversations in key order: two appends touching the same pair lock them in the same order (no deadlock).
    const groups = [...byConversation.entries()].sort(([left], [right]) => (left < right ? -1 : 1));
    return this.database.transaction(async (sql) => {
      const sequences = new Map<NewMessage, number>();
      for (const [, group] of groups) {
        const first = group[0] as NewMessage;
        const last = group[group.length - 1] as NewMessage;
        const { rows } = await sql.query<{ message_count: number }>(
          `INSERT INTO conversations (instance_id, conversation_id, user_id, customer_id, session_id,
                                      created_at, last_message_at, message_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (instance_id, conversation_id) DO UPDATE SET
             message_count = conversations.message_count + excluded.message_count,
             last_message_at = excluded.last_message_at,
             user_id = coalesce(conversations.user_id, excluded.user_id),
             customer_id = coalesce(conversations.customer_id, excluded.customer_id)
           RETURNING message_count`,
          [
            first.instanceId,
            first.conversationId,
            first.userId ?? null,
            first.customerId ?? null,
            first.sessionId,
            first.recordedAt,
            last.recordedAt,
            group.length,
          ],
        );
        const end = rows[0]?.message_count as number;
        for (const [index, message] of group.entries())
          sequences.set(message, end - group.length + 1 + index);
      }
      // Chunked under the protocol's 65,535 bind parameters (11 per message): a batch of any size.
      await insertRows(
        sql,
        'messages',
        [
          'message_id',
          'instance_id',
          'conversation_id',
          'sequence',
          'role',
          'content',
          'user_id',
          'customer_id',
          'session_id',
          'metadata',
          'recorded_at',
        ],
        messages.map((message) => [
          message.messageId,
          message.instanceId,
          message.conversationId,
          sequences.get(message),
          message.role,
          message.content,
          message.userId ?? null,
          message.customerId ?? null,
          message.sessionId,
          JSON.stringify(message.metadata),
          message.recordedAt,
        ]),
      );
      return messages.map((message) => ({ ...message, sequence: sequences.get(message) as number }));
    });
  }

  async getConversation(instanceId: string, conversationId: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.database.query<ConversationRow>(
      'SELECT * FROM conversations WHERE instance_id = $1 AND conversation_id = $2',
      [instanceId, conversationId],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  async listConversationsOfUser(
    instanceId: string,
    userId: string,
    limit: number,
  ): Promise<ConversationRecord[]> {
    const { rows } = await this.database.query<ConversationRow>(
      `SELECT * FROM conversations WHERE instance_id = $1 AND user_id = $2
       ORDER BY last_message_at DESC LIMIT $3`,
      [instanceId, userId, limit],
    );
    return rows.map(toConversation);
  }

  async listRecentMessages(
    instanceId: string,
    conversationId: string,
    limit: number,
  ): Promise<StoredMessage[]> {
    const { rows } = await this.database.query<MessageRow>(
      `SELECT * FROM (
         SELECT * FROM messages WHERE instance_id = $1 AND conversation_id = $2
         ORDER BY sequence DESC LIMIT $3
       ) AS recent ORDER BY sequence ASC`,
      [instanceId, conversationId, limit],
    );
    return rows.map(toMessage);
  }

  async listMessagesAfter(
    instanceId: string,
    conversationId: string,
    afterSequence: number,
    limit: number,
  ): Promise<StoredMessage[]> {
    const { rows } = await this.database.query<MessageRow>(
      `SELECT * FROM messages WHERE instance_id = $1 AND conversation_id = $2 AND sequence > $3
       ORDER BY sequence ASC LIMIT $4`,
      [instanceId, conversationId, afterSequence, limit],
    );
    return rows.map(toMessage);
  }
}
