import type {
  ConversationRecord,
  ConversationStore,
  MessageRole,
  NewMessage,
  StoredMessage,
  TranscriptRegistration,
} from '@engram/core';
import { GroupCommit } from './group-commit.js';
import type { SqliteHandle } from './sqlite-database.js';

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

/** A `conversations` row as SQLite returns it. */
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

/** The domain record of a row. */
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
 * {@link ConversationStore} on SQLite. Appends go through {@link GroupCommit}:
 * calls arriving in one event-loop turn share a commit (with the connection's
 * other grouped writes), a failing append fails alone, and every promise
 * settles only after its rows are committed.
 */
export class SqliteConversationStore implements ConversationStore {
  private readonly statements;
  private readonly appendTransaction: (messages: readonly NewMessage[]) => StoredMessage[];
  private readonly registerTranscriptTransaction: (
    instanceId: string,
    conversationId: string,
    transcriptHash: string,
    ingestionId: string,
    at: string,
  ) => TranscriptRegistration;
  private readonly appends: GroupCommit<readonly NewMessage[], StoredMessage[]>;

  constructor(database: SqliteHandle) {
    this.statements = {
      // The upsert both registers the conversation and hands out the next
      // sequence number, inside the same write transaction as the insert.
      bumpConversation: database.prepare(`
        INSERT INTO conversations (instance_id, conversation_id, user_id, customer_id, session_id,
                                   created_at, last_message_at, message_count)
        VALUES (@instanceId, @conversationId, @userId, @customerId, @sessionId, @recordedAt, @recordedAt, @count)
        ON CONFLICT (instance_id, conversation_id) DO UPDATE SET
          message_count = message_count + excluded.message_count,
          last_message_at = excluded.last_message_at,
          user_id = coalesce(conversations.user_id, excluded.user_id),
          customer_id = coalesce(conversations.customer_id, excluded.customer_id)
        RETURNING message_count`),
      insertMessage: database.prepare(`
        INSERT INTO messages (message_id, instance_id, conversation_id, sequence, role, content,
                              user_id, customer_id, session_id, metadata, recorded_at)
        VALUES (@messageId, @instanceId, @conversationId, @sequence, @role, @content,
                @userId, @customerId, @sessionId, @metadata, @recordedAt)`),
      conversationsOfUser: database.prepare(
        'SELECT * FROM conversations WHERE instance_id = ? AND user_id = ? ORDER BY last_message_at DESC LIMIT ?',
      ),
      getConversation: database.prepare(
        'SELECT * FROM conversations WHERE instance_id = ? AND conversation_id = ?',
      ),
      recent: database.prepare(`
        SELECT * FROM (
          SELECT * FROM messages WHERE instance_id = ? AND conversation_id = ?
          ORDER BY sequence DESC LIMIT ?
        ) ORDER BY sequence ASC`),
      after: database.prepare(`
        SELECT * FROM messages WHERE instance_id = ? AND conversation_id = ? AND sequence > ?
        ORDER BY sequence ASC LIMIT ?`),
      getTranscript: database.prepare(
        'SELECT transcript_hash, ingestion_id FROM transcripts WHERE instance_id = ? AND conversation_id = ?',
      ),
      insertTranscript: database.prepare(`
        INSERT INTO transcripts (instance_id, conversation_id, transcript_hash, ingestion_id, created_at)
        VALUES (?, ?, ?, ?, ?)`),
    };
    // Read and insert in one write transaction: two pushes of the same conversation,
    // even from two processes, cannot both register as new.
    this.registerTranscriptTransaction = database.transaction(
      (
        instanceId: string,
        conversationId: string,
        transcriptHash: string,
        ingestionId: string,
        at: string,
      ) => {
        const existing = this.statements.getTranscript.get(instanceId, conversationId) as
          | { transcript_hash: string; ingestion_id: string }
          | undefined;
        if (existing !== undefined) {
          return {
            status: existing.transcript_hash === transcriptHash ? 'duplicate' : 'conflict',
            ingestionId: existing.ingestion_id,
          } as const;
        }
        this.statements.insertTranscript.run(instanceId, conversationId, transcriptHash, ingestionId, at);
        return { status: 'new', ingestionId } as const;
      },
    );
    // One upsert per conversation per append (not per turn): it registers the
    // conversation and reserves a block of sequence numbers in one statement.
    this.appendTransaction = (messages: readonly NewMessage[]) => {
      const byConversation = new Map<string, NewMessage[]>();
      for (const message of messages) {
        const key = `${message.instanceId}\u0000${message.conversationId}`;
        const group = byConversation.get(key);
        if (group) group.push(message);
        else byConversation.set(key, [message]);
      }
      const sequences = new Map<NewMessage, number>();
      for (const group of byConversation.values()) {
        const last = group[group.length - 1] as NewMessage;
        const first = group[0] as NewMessage;
        const { message_count: end } = this.statements.bumpConversation.get({
          instanceId: first.instanceId,
          conversationId: first.conversationId,
          userId: first.userId ?? null,
          customerId: first.customerId ?? null,
          sessionId: first.sessionId,
          recordedAt: last.recordedAt,
          count: group.length,
        }) as { message_count: number };
        for (const [index, message] of group.entries())
          sequences.set(message, end - group.length + 1 + index);
      }
      return messages.map((message) => {
        const sequence = sequences.get(message) as number;
        this.statements.insertMessage.run({
          ...message,
          userId: message.userId ?? null,
          customerId: message.customerId ?? null,
          metadata: JSON.stringify(message.metadata),
          sequence,
        });
        return { ...message, sequence };
      });
    };
    // Replayable: an append reads and writes nothing but the database.
    this.appends = new GroupCommit(database, this.appendTransaction, { replayable: true });
  }

  async registerTranscript(
    instanceId: string,
    conversationId: string,
    transcriptHash: string,
    ingestionId: string,
    at: string,
  ): Promise<TranscriptRegistration> {
    return this.registerTranscriptTransaction(instanceId, conversationId, transcriptHash, ingestionId, at);
  }

  appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return this.appends.submit(messages);
  }

  async listConversationsOfUser(
    instanceId: string,
    userId: string,
    limit: number,
  ): Promise<ConversationRecord[]> {
    return (this.statements.conversationsOfUser.all(instanceId, userId, limit) as ConversationRow[]).map(
      toConversation,
    );
  }

  async getConversation(instanceId: string, conversationId: string): Promise<ConversationRecord | undefined> {
    const row = this.statements.getConversation.get(instanceId, conversationId) as
      | ConversationRow
      | undefined;
    return row ? toConversation(row) : undefined;
  }

  async listRecentMessages(
    instanceId: string,
    conversationId: string,
    limit: number,
  ): Promise<StoredMessage[]> {
    return (this.statements.recent.all(instanceId, conversationId, limit) as MessageRow[]).map(toMessage);
  }

  async listMessagesAfter(
    instanceId: string,
    conversationId: string,
    afterSequence: number,
    limit: number,
  ): Promise<StoredMessage[]> {
    return (this.statements.after.all(instanceId, conversationId, afterSequence, limit) as MessageRow[]).map(
      toMessage,
    );
  }
}
