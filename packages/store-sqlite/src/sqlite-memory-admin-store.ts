import {
  EngramError,
  type MemoryAdminStore,
  type MemoryListFilter,
  type MemoryPage,
  type MemoryType,
  type StoredMemory,
} from '@engram/core';
import { type MemoryRow, toStoredMemory } from './memory-rows.js';
import type { SqliteHandle } from './sqlite-database.js';
import { supersessionChain } from './supersession-chain.js';

const VALIDITY_SQL: Readonly<Record<MemoryListFilter['validity'], string>> = {
  all: '1',
  current: 'superseded_by IS NULL AND (valid_until IS NULL OR valid_until > @now)',
  superseded: 'superseded_by IS NOT NULL',
  expired: 'superseded_by IS NULL AND valid_until IS NOT NULL AND valid_until <= @now',
};

/**
 * {@link MemoryAdminStore} on SQLite. Listing is keyset-paginated on the
 * memory's rowid (descending), so a page costs the same however deep it is.
 */
export class SqliteMemoryAdminStore implements MemoryAdminStore {
  private readonly statements;
  private readonly lists = new Map<string, ReturnType<SqliteHandle['prepare']>>();

  constructor(private readonly database: SqliteHandle) {
    this.statements = {
      byId: database.prepare('SELECT * FROM memories WHERE instance_id = ? AND memory_id = ?'),
      supersededBy: database.prepare('SELECT * FROM memories WHERE instance_id = ? AND superseded_by = ?'),
      expired: database
        .prepare(`SELECT memory_id FROM memories WHERE instance_id = ? AND type = ? AND extracted_at < ?
                  ORDER BY memory_rowid LIMIT ?`)
        .pluck(),
      overflowScopes: database.prepare(`
        SELECT scope_key, count(*) - @max AS excess FROM memories
        WHERE instance_id = @instanceId AND scope = 'user'
        GROUP BY scope_key HAVING count(*) > @max`),
      oldestOfScope: database
        .prepare(`SELECT memory_id FROM memories WHERE scope_key = ? ORDER BY recency, memory_rowid LIMIT ?`)
        .pluck(),
      leastConfidentOfScope: database
        .prepare(
          'SELECT memory_id FROM memories WHERE scope_key = ? ORDER BY confidence, recency, memory_rowid LIMIT ?',
        )
        .pluck(),
    };
  }

  async listMemories(filter: MemoryListFilter): Promise<MemoryPage> {
    const rows = this.listStatement(filter).all({
      instanceId: filter.instanceId,
      userId: filter.userId ?? null,
      customerId: filter.customerId ?? null,
      conversationId: filter.conversationId ?? null,
      scope: filter.scope ?? null,
      types: filter.types ? JSON.stringify(filter.types) : null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      now: filter.now,
      before: filter.cursor ? decodeCursor(filter.cursor) : null,
      limit: filter.limit + 1,
    }) as MemoryRow[];
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
        byId: (id) => this.statements.byId.get(instanceId, id) as MemoryRow | undefined,
        supersededBy: (id) => this.statements.supersededBy.all(instanceId, id) as MemoryRow[],
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
    return this.statements.expired.all(instanceId, type, extractedBefore, limit) as string[];
  }

  async overflowMemoryIds(
    instanceId: string,
    maxPerUser: number,
    limit: number,
    policy: 'delete_oldest' | 'delete_least_confident',
  ): Promise<string[]> {
    const pick =
      policy === 'delete_oldest' ? this.statements.oldestOfScope : this.statements.leastConfidentOfScope;
    const scopes = this.statements.overflowScopes.all({ instanceId, max: maxPerUser }) as {
      scope_key: string;
      excess: number;
    }[];
    const ids: string[] = [];
    for (const scope of scopes) {
      if (ids.length >= limit) break;
      const take = Math.min(scope.excess, limit - ids.length);
      ids.push(...(pick.all(scope.scope_key, take) as string[]));
    }
    return ids;
  }

  /** One statement per validity (the only part of the SQL that varies); the rest are parameters. */
  private listStatement(filter: MemoryListFilter) {
    let statement = this.lists.get(filter.validity);
    if (!statement) {
      statement = this.database.prepare(`
        SELECT * FROM memories
        WHERE instance_id = @instanceId
          AND (@before IS NULL OR memory_rowid < @before)
          AND (@userId IS NULL OR user_id = @userId)
          AND (@customerId IS NULL OR customer_id = @customerId)
          AND (@conversationId IS NULL OR conversation_id = @conversationId)
          AND (@scope IS NULL OR scope = @scope)
          AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
          AND (@from IS NULL OR extracted_at >= @from)
          AND (@to IS NULL OR extracted_at < @to)
          AND ${VALIDITY_SQL[filter.validity]}
        ORDER BY memory_rowid DESC
        LIMIT @limit`);
      this.lists.set(filter.validity, statement);
    }
    return statement;
  }
}

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
