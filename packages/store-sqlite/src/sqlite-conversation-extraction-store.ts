import type { ConversationExtractionStore } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';

/** {@link ConversationExtractionStore} on the `conversation_extractions` table (migration 016). */
export class SqliteConversationExtractionStore implements ConversationExtractionStore {
  private readonly statements;
  private readonly advanceTransaction;

  constructor(database: SqliteHandle) {
    this.statements = {
      get: database
        .prepare(
          'SELECT extracted_through FROM conversation_extractions WHERE instance_id = ? AND conversation_id = ?',
        )
        .pluck(),
      insert: database.prepare(`
        INSERT INTO conversation_extractions (instance_id, conversation_id, extracted_through, updated_at)
        VALUES (@instanceId, @conversationId, @to, @at) ON CONFLICT DO NOTHING`),
      update: database.prepare(`
        UPDATE conversation_extractions SET extracted_through = @to, updated_at = @at
        WHERE instance_id = @instanceId AND conversation_id = @conversationId AND extracted_through = @from`),
    };
    this.advanceTransaction = database.transaction(
      (row: { instanceId: string; conversationId: string; from: number; to: number; at: string }) =>
        row.from === 0 && this.statements.insert.run(row).changes === 1
          ? true
          : this.statements.update.run(row).changes === 1,
    );
  }

  async extractedThrough(instanceId: string, conversationId: string): Promise<number> {
    return (this.statements.get.get(instanceId, conversationId) as number | undefined) ?? 0;
  }

  async advance(
    instanceId: string,
    conversationId: string,
    from: number,
    to: number,
    at: string,
  ): Promise<boolean> {
    return this.advanceTransaction({ instanceId, conversationId, from, to, at }) as boolean;
  }
}
