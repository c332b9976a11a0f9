import type { ConversationExtractionStore } from '@engram/core';
import type { PostgresDatabase } from './postgres-pool.js';

/**
 * {@link ConversationExtractionStore} on the `conversation_extractions` table
 * (migration 005). Each move is one statement, atomic across nodes: the
 * first from 0 inserts the row (an `ON CONFLICT` upsert that only replaces a
 * row still at 0), later ones are an UPDATE guarded by the old value, which
 * READ COMMITTED re-checks on the latest row version, so of two writers
 * that read the same cursor exactly one moves it.
 */
export class PostgresConversationExtractionStore implements ConversationExtractionStore {
  constructor(private readonly database: PostgresDatabase) {}

  async extractedThrough(instanceId: string, conversationId: string): Promise<number> {
    const { rows } = await this.database.query<{ extracted_through: number }>(
      'SELECT extracted_through FROM conversation_extractions WHERE instance_id = $1 AND conversation_id = $2',
      [instanceId, conversationId],
    );
    return rows[0]?.extracted_through ?? 0;
  }

  async advance(
    instanceId: string,
    conversationId: string,
    from: number,
    to: number,
    at: string,
  ): Promise<boolean> {
    const values = [instanceId, conversationId, from, to, at];
    const { rowCount } =
      from === 0
        ? await this.database.query(
            `INSERT INTO conversation_extractions (instance_id, conversation_id, extracted_through, updated_at)
             VALUES ($1, $2, $4, $5)
             ON CONFLICT (instance_id, conversation_id) DO UPDATE
               SET extracted_through = excluded.extracted_through, updated_at = excluded.updated_at
               WHERE conversation_extractions.extracted_through = $3`,
            values,
          )
        : await this.database.query(
            `UPDATE conversation_extractions SET extracted_through = $4, updated_at = $5
             WHERE instance_id = $1 AND conversation_id = $2 AND extracted_through = $3`,
            values,
          );
    return rowCount === 1;
  }
}
