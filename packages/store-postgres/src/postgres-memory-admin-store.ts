import {
  EngramError,
  type MemoryAdminStore,
  type MemoryListFilter,
  type MemoryPage,
  type MemoryType,
  type StoredMemory,
} from '@engram/core';
import { type MemoryRow, supersessionChain, toStoredMemory } from '@engram/store-sqlite/portable';
import type { PostgresDatabase } from './postgres-pool.js';

/**
 * The same predicates as on SQLite; `$3` is the instant `valid_until` is
 * compared with. Every statement must give `$3` a type, so those that do not
 * compare it still name it (always true: it is never null).
 */
const VALIDITY_SQL: Readonly<Record<MemoryListFilter['validity'], string>> = {
  all: '$3::text IS NOT NULL',
  current: 'superseded_by IS NULL AND (valid_until IS NULL OR valid_until > $3::text)',
  superseded: '$3::text IS NOT NULL AND superseded_by IS NOT NULL',
  expired: 'superseded_by IS NULL AND valid_until IS NOT NULL AND valid_until <= $3::text',
};

/** The same cursor text as SQLite's (`m:<rowid>`, base64url): a page's position in the instance's rows. */
function encodeCursor(rowid: number): string {
  return Buffer.from(`m:${rowid}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const rowid = /^m:(\d+)$/.exec(text)?.[1];
  if (rowid === undefined)
    throw new EngramError('INVALID_INPUT', 'cursor: not a cursor this server returned');
  return Number(rowid);
}

/**
 * {@link MemoryAdminStore} on PostgreSQL. Listing is keyset-paginated on
 * `memory_rowid` descending through `memories_by_instance`, so a page costs
 * the same however deep it is and never repeats or skips a memory while
 * other nodes write (identity values only grow).
 */
export class PostgresMemoryAdminStore implements MemoryAdminStore {
  constructor(private readonly database: PostgresDatabase) {}

  async listMemories(filter: MemoryListFilter): Promise<MemoryPage> {
    const { rows } = await this.database.query<MemoryRow>(
      `SELECT * FROM memories
       WHERE instance_id = $1
         AND ($2::bigint IS NULL OR memory_rowid < $2)
         AND ($4::text IS NULL OR user_id = $4)
         AND ($5::text IS NULL OR customer_id = $5)
         AND ($6::text IS NULL OR conversation_id = $6)
         AND ($7::text IS NULL OR scope = $7)
         AND ($8::text[] IS NULL OR type = ANY($8::text[]))
         AND ($9::text IS NULL OR extracted_at >= $9)
         AND ($10::text IS NULL OR extracted_at < $10)
         AND ${VALIDITY_SQL[filter.validity]}
       ORDER BY memory_rowid DESC
       LIMIT $11`,
      [
        filter.instanceId,
        filter.cursor ? decodeCursor(filter.cursor) : null,
        filter.now,
        filter.userId ?? null,
        filter.customerId ?? null,
        filter.conversationId ?? null,
        filter.scope ?? null,
        filter.types ? [...filter.types] : null,
        filter.from ?? null,
        filter.to ?? null,
        filter.limit + 1,
      ],
    );
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      memories: page.map(toStoredMemory),
      ...(rows.length > filter.limit && last && { nextCursor: encodeCursor(last.memory_rowid) }),
    };
  }

  async supersessionChain(instanceId: string, memoryId: string): Promise<StoredMemory[]> {
    return supersessionChain(
      {
        byId: async (id) =>
          (
            await this.database.query<MemoryRow>(
              'SELECT * FROM memories WHERE instance_id = $1 AND memory_id = $2',
              [instanceId, id],
            )
          ).rows[0],
        supersededBy: async (id) =>
          (
            await this.database.query<MemoryRow>(
              'SELECT * FROM memories WHERE instance_id = $1 AND superseded_by = $2',
              [instanceId, id],
            )
          ).rows,
      },
      memoryId,
    );
  }

  async expiredMemoryIds(
    instanceId: string,
    type: MemoryType,
    extractedBefore: string,
    limit: number,
  ): Promise<string[]> {
    const { rows } = await this.database.query<{ memory_id: string }>(
      `SELECT memory_id FROM memories WHERE instance_id = $1 AND type = $2 AND extracted_at < $3
       ORDER BY memory_rowid LIMIT $4`,
      [instanceId, type, extractedBefore, limit],
    );
    return rows.map((row) => row.memory_id);
  }

  async overflowMemoryIds(
    instanceId: string,
    maxPerUser: number,
    limit: number,
    policy: 'delete_oldest' | 'delete_least_confident',
  ): Promise<string[]> {
    const { rows: scopes } = await this.database.query<{ scope_key: string; excess: number }>(
      `SELECT scope_key, count(*) - $2 AS excess FROM memories
       WHERE instance_id = $1 AND scope = 'user'
       GROUP BY scope_key HAVING count(*) > $2
       ORDER BY scope_key`,
      [instanceId, maxPerUser],
    );
    const order = policy === 'delete_oldest' ? 'recency, memory_rowid' : 'confidence, recency, memory_rowid';
    const ids: string[] = [];
    for (const scope of scopes) {
      if (ids.length >= limit) break;
      const take = Math.min(scope.excess, limit - ids.length);
      const { rows } = await this.database.query<{ memory_id: string }>(
        `SELECT memory_id FROM memories WHERE scope_key = $1 ORDER BY ${order} LIMIT $2`,
        [scope.scope_key, take],
      );
      ids.push(...rows.map((row) => row.memory_id));
    }
    return ids;
  }
}
