import type { CompactionResult, CompactionStore, CompactionTrigger, StoredCompaction } from '@engram/core';
import { EngramError } from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';

interface CompactionRow {
  compaction_id: string;
  instance_id: string;
  conversation_id: string;
  version: number;
  trigger: CompactionTrigger;
  result: string;
  created_at: string;
}

function toCompaction(row: CompactionRow): StoredCompaction {
  return {
    compactionId: row.compaction_id,
    instanceId: row.instance_id,
    conversationId: row.conversation_id,
    version: row.version,
    trigger: row.trigger,
    // Written by insertCompaction from a CompactionResult; the column is never edited elsewhere.
    result: JSON.parse(row.result) as CompactionResult,
    createdAt: row.created_at,
  };
}

/**
 * {@link CompactionStore} on SQLite. A version is the conversation's highest
 * version plus one, computed and inserted in one write transaction, so two
 * writers (even in two processes) never take the same number; the
 * UNIQUE(instance, conversation, version) constraint backs that up.
 */
export class SqliteCompactionStore implements CompactionStore {
  private readonly statements;
  private readonly insertTransaction: (compaction: Omit<StoredCompaction, 'version'>) => StoredCompaction;

  constructor(database: SqliteHandle) {
    this.statements = {
      byId: database.prepare('SELECT * FROM compactions WHERE compaction_id = ?'),
      nextVersion: database
        .prepare(
          'SELECT coalesce(max(version), 0) + 1 FROM compactions WHERE instance_id = ? AND conversation_id = ?',
        )
        .pluck(),
      insert: database.prepare(`
        INSERT INTO compactions (compaction_id, instance_id, conversation_id, version, trigger, result,
                                 cutoff_sequence, created_at)
        VALUES (@compactionId, @instanceId, @conversationId, @version, @trigger, @result,
                @cutoffSequence, @createdAt)`),
      latest: database.prepare(`
        SELECT * FROM compactions WHERE instance_id = ? AND conversation_id = ?
        ORDER BY version DESC LIMIT 1`),
      byVersion: database.prepare(
        'SELECT * FROM compactions WHERE instance_id = ? AND conversation_id = ? AND version = ?',
      ),
      // The correlated subquery walks the (instance, conversation, version) index backwards to
      // the latest version, so the cost is one index probe per idle conversation.
      candidates: database.prepare(`
        SELECT c.instance_id AS instanceId, c.conversation_id AS conversationId
        FROM conversations AS c
        WHERE c.last_message_at < @idleSince
          AND c.message_count > coalesce((
            SELECT k.cutoff_sequence FROM compactions AS k
            WHERE k.instance_id = c.instance_id AND k.conversation_id = c.conversation_id
            ORDER BY k.version DESC LIMIT 1), 0)
        ORDER BY c.last_message_at, c.instance_id, c.conversation_id
        LIMIT @limit`),
    };
    this.insertTransaction = database.transaction((compaction: Omit<StoredCompaction, 'version'>) => {
      const existing = this.statements.byId.get(compaction.compactionId) as CompactionRow | undefined;
      if (existing !== undefined) return toCompaction(existing);
      const version = this.statements.nextVersion.get(
        compaction.instanceId,
        compaction.conversationId,
      ) as number;
      this.statements.insert.run({
        compactionId: compaction.compactionId,
        instanceId: compaction.instanceId,
        conversationId: compaction.conversationId,
        version,
        trigger: compaction.trigger,
        result: JSON.stringify(compaction.result),
        cutoffSequence: compaction.result.cutoffSequence,
        createdAt: compaction.createdAt,
      });
      return { ...compaction, version };
    });
  }

  /** Idempotent on `compactionId`; throws CONFLICT only if the row cannot be written at all. */
  async insertCompaction(compaction: Omit<StoredCompaction, 'version'>): Promise<StoredCompaction> {
    try {
      return this.insertTransaction(compaction);
    } catch (error) {
      throw new EngramError('CONFLICT', 'the compaction could not be stored', { cause: error });
    }
  }

  async latestCompaction(instanceId: string, conversationId: string): Promise<StoredCompaction | undefined> {
    const row = this.statements.latest.get(instanceId, conversationId) as CompactionRow | undefined;
    return row ? toCompaction(row) : undefined;
  }

  async getCompaction(
    instanceId: string,
    conversationId: string,
    version: number,
  ): Promise<StoredCompaction | undefined> {
    const row = this.statements.byVersion.get(instanceId, conversationId, version) as
      | CompactionRow
      | undefined;
    return row ? toCompaction(row) : undefined;
  }

  async listCompactionCandidates(
    idleSince: string,
    limit: number,
  ): Promise<{ instanceId: string; conversationId: string }[]> {
    return this.statements.candidates.all({ idleSince, limit }) as {
      instanceId: string;
      conversationId: string;
    }[];
  }
}
