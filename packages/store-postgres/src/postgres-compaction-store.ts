import type { CompactionResult, CompactionStore, CompactionTrigger, StoredCompaction } from '@engram/core';
import { EngramError, isEngramError } from '@engram/core';
import type { PostgresDatabase } from './postgres-pool.js';

interface CompactionRow {
  compaction_id: string;
  instance_id: string;
  conversation_id: string;
  version: number;
  trigger: CompactionTrigger;
  result: string;
  created_at: string;
}

const COLUMNS = 'compaction_id, instance_id, conversation_id, version, trigger, result, created_at';

/**
 * The first key of the two-key advisory locks that serialise version
 * numbering per conversation ("cmp" in ASCII); the second is a hash of the
 * conversation. Two-key locks never collide with the migrator's one-key lock.
 */
const VERSION_LOCK_CLASS = 0x636d70;

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
 * {@link CompactionStore} on PostgreSQL. A version is the conversation's
 * highest plus one, read and inserted in one transaction that first takes a
 * transaction-scoped advisory lock on the conversation: two nodes compacting
 * one conversation at once queue on the lock instead of failing on the
 * UNIQUE(instance, conversation, version) constraint, which still backs it up.
 * The lock does not need the conversation's row, so it works before any turn
 * was recorded.
 */
export class PostgresCompactionStore implements CompactionStore {
  constructor(private readonly database: PostgresDatabase) {}

  /** Idempotent on `compactionId`; STORE_UNAVAILABLE when the database is down, CONFLICT if the row cannot be written. */
  async insertCompaction(compaction: Omit<StoredCompaction, 'version'>): Promise<StoredCompaction> {
    try {
      return await this.database.transaction(async (sql) => {
        await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          VERSION_LOCK_CLASS,
          `${compaction.instanceId}/${compaction.conversationId}`,
        ]);
        const existing = await sql.query<CompactionRow>(
          `SELECT ${COLUMNS} FROM compactions WHERE compaction_id = $1`,
          [compaction.compactionId],
        );
        if (existing.rows[0]) return toCompaction(existing.rows[0]);
        const { rows } = await sql.query<{ version: number }>(
          `INSERT INTO compactions (compaction_id, instance_id, conversation_id, version, trigger, result,
                                    cutoff_sequence, created_at)
           SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7
           FROM compactions WHERE instance_id = $2 AND conversation_id = $3
           RETURNING version`,
          [
            compaction.compactionId,
            compaction.instanceId,
            compaction.conversationId,
            compaction.trigger,
            JSON.stringify(compaction.result),
            compaction.result.cutoffSequence,
            compaction.createdAt,
          ],
        );
        return { ...compaction, version: rows[0]?.version as number };
      });
    } catch (error) {
      if (isEngramError(error, 'STORE_UNAVAILABLE')) throw error;
      throw new EngramError('CONFLICT', 'the compaction could not be stored', { cause: error });
    }
  }

  async latestCompaction(instanceId: string, conversationId: string): Promise<StoredCompaction | undefined> {
    const { rows } = await this.database.query<CompactionRow>(
      `SELECT ${COLUMNS} FROM compactions WHERE instance_id = $1 AND conversation_id = $2
       ORDER BY version DESC LIMIT 1`,
      [instanceId, conversationId],
    );
    return rows[0] ? toCompaction(rows[0]) : undefined;
  }

  async getCompaction(
    instanceId: string,
    conversationId: string,
    version: number,
  ): Promise<StoredCompaction | undefined> {
    const { rows } = await this.database.query<CompactionRow>(
      `SELECT ${COLUMNS} FROM compactions WHERE instance_id = $1 AND conversation_id = $2 AND version = $3`,
      [instanceId, conversationId, version],
    );
    return rows[0] ? toCompaction(rows[0]) : undefined;
  }

  /** One probe of the (instance, conversation, version) index per idle conversation, walked backwards. */
  async listCompactionCandidates(
    idleSince: string,
    limit: number,
  ): Promise<{ instanceId: string; conversationId: string }[]> {
    const { rows } = await this.database.query<{ instanceId: string; conversationId: string }>(
      `SELECT c.instance_id AS "instanceId", c.conversation_id AS "conversationId"
       FROM conversations AS c
       WHERE c.last_message_at < $1
         AND c.message_count > coalesce((
           SELECT k.cutoff_sequence FROM compactions AS k
           WHERE k.instance_id = c.instance_id AND k.conversation_id = c.conversation_id
           ORDER BY k.version DESC LIMIT 1), 0)
       ORDER BY c.last_message_at, c.instance_id, c.conversation_id
       LIMIT $2`,
      [idleSince, limit],
    );
    return rows;
  }
}
