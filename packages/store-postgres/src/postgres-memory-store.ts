import type {
  EntityLink,
  IngestionChanges,
  MemoryEdit,
  MemoryStore,
  MemoryType,
  OutboxEvent,
  StoredDocument,
  StoredMemory,
} from '@engram/core';
import {
  type DocumentRow,
  type MemoryRow,
  toStoredDocument,
  toStoredMemory,
} from '@engram/store-sqlite/portable';
import { PostgresMemoryWrites } from './postgres-memory-writes.js';
import { enqueueOutboxEvents } from './postgres-outbox-writes.js';
import type { PostgresDatabase } from './postgres-pool.js';
import { StatementBatch } from './statement-batch.js';

/** Newest first: by event date, else extraction time; ties by insertion order. */
function byRecency(a: MemoryRow, b: MemoryRow): number {
  if (a.recency !== b.recency) return a.recency < b.recency ? 1 : -1;
  return b.memory_rowid - a.memory_rowid;
}

/**
 * {@link MemoryStore} on PostgreSQL. Every read filters by scope key (or by
 * instance, for reads by id); every write is one transaction, so another
 * node sees all of an ingestion or none of it, and every delete cascades to
 * the vector, full-text, entity-link and edge rows in that transaction.
 * `batch` is the fetch reads' shared {@link StatementBatch}: the scope
 * versions read in the same run as the vector-version read and the entity
 * lookup travel with them as one statement.
 */
export class PostgresMemoryStore implements MemoryStore {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly batch: StatementBatch = new StatementBatch(database),
  ) {}

  async applyIngestion(changes: IngestionChanges): Promise<void> {
    await this.database.transaction(
      (sql) => new PostgresMemoryWrites(sql).applyIngestion(changes),
      'a memory with this id already exists',
    );
  }

  async getDocument(instanceId: string, documentId: string): Promise<StoredDocument | undefined> {
    const { rows } = await this.database.query<DocumentRow>(
      'SELECT * FROM documents WHERE instance_id = $1 AND document_id = $2',
      [instanceId, documentId],
    );
    return rows[0] ? toStoredDocument(rows[0]) : undefined;
  }

  /** In insertion order. */
  async memoryIdsOfDocument(instanceId: string, documentId: string): Promise<string[]> {
    const { rows } = await this.database.query<{ memory_id: string }>(
      'SELECT memory_id FROM memories WHERE instance_id = $1 AND source_document_id = $2 ORDER BY memory_rowid',
      [instanceId, documentId],
    );
    return rows.map((row) => row.memory_id);
  }

  async getMemory(instanceId: string, memoryId: string): Promise<StoredMemory | undefined> {
    const { rows } = await this.database.query<MemoryRow>(
      'SELECT * FROM memories WHERE memory_id = $1 AND instance_id = $2',
      [memoryId, instanceId],
    );
    return rows[0] ? toStoredMemory(rows[0]) : undefined;
  }

  async getMemories(scopeKeys: readonly string[], memoryIds: readonly string[]): Promise<StoredMemory[]> {
    if (scopeKeys.length === 0 || memoryIds.length === 0) return [];
    const { rows } = await this.database.query<MemoryRow>(
      'SELECT * FROM memories WHERE memory_id = ANY($1::text[]) AND scope_key = ANY($2::text[])',
      [memoryIds, scopeKeys],
    );
    return rows.map(toStoredMemory);
  }

  /**
   * The memories and their entity links in one statement (a fetch's
   * candidate load): the links are aggregated per memory as JSON, in
   * canonical-name order as the graph store's `entitiesOfMemories` gives them.
   */
  async getMemoriesWithLinks(
    scopeKeys: readonly string[],
    memoryIds: readonly string[],
  ): Promise<Map<string, { memory: StoredMemory; links: EntityLink[] }>> {
    const loaded = new Map<string, { memory: StoredMemory; links: EntityLink[] }>();
    if (scopeKeys.length === 0 || memoryIds.length === 0) return loaded;
    const { rows } = await this.database.query<MemoryRow & { links: EntityLink[] }>(
      `SELECT m.*, coalesce((
         SELECT json_agg(json_build_object('entityId', e.entity_id, 'canonicalName', e.canonical_name, 'type', e.type)
                         ORDER BY e.canonical_name)
         FROM memory_entities l JOIN entities e ON e.entity_id = l.entity_id
         WHERE l.memory_id = m.memory_id), '[]'::json) AS links
       FROM memories m WHERE m.memory_id = ANY($1::text[]) AND m.scope_key = ANY($2::text[])`,
      [memoryIds, scopeKeys],
    );
    for (const { links, ...row } of rows) {
      loaded.set(row.memory_id, { memory: toStoredMemory(row as MemoryRow), links });
    }
    return loaded;
  }

  /**
   * Kept by triggers (migration 13), so every writer, on any node, moves it.
   * Through the statement batch: retrieval starts this read beside its first
   * index reads, so it costs no round trip of its own.
   */
  async memoryScopeVersions(scopeKeys: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (scopeKeys.length === 0) return new Map();
    const rows = await this.batch.rows<{ scope_key: string; version: number | string }>(
      'SELECT scope_key, version FROM memory_scope_versions WHERE scope_key = ANY($1::text[])',
      [[...new Set(scopeKeys)]],
    );
    return new Map(rows.map((row) => [row.scope_key, Number(row.version)]));
  }

  async findByDedupKeys(scopeKey: string, dedupKeys: readonly string[]): Promise<StoredMemory[]> {
    if (dedupKeys.length === 0) return [];
    const { rows } = await this.database.query<MemoryRow>(
      `SELECT * FROM memories
       WHERE scope_key = $1 AND superseded_by IS NULL AND dedup_key IS NOT NULL AND dedup_key = ANY($2::text[])`,
      [scopeKey, dedupKeys],
    );
    return rows.map(toStoredMemory);
  }

  /** Exact (case-sensitive) match on subject and attribute; newest first. */
  async findBySubjectAttribute(
    scopeKey: string,
    subject: string,
    attribute: string,
  ): Promise<StoredMemory[]> {
    const { rows } = await this.database.query<MemoryRow>(
      `SELECT * FROM memories
       WHERE scope_key = $1 AND subject = $2 AND attribute = $3 AND valid_until IS NULL AND superseded_by IS NULL
       ORDER BY recency DESC, memory_rowid DESC`,
      [scopeKey, subject, attribute],
    );
    return rows.map(toStoredMemory);
  }

  /**
   * Includes superseded memories; one index range per scope, newest first,
   * stopping at the limit. `types` undefined means every type; empty matches nothing.
   */
  async listRecent(
    scopeKeys: readonly string[],
    limit: number,
    types?: readonly MemoryType[],
  ): Promise<StoredMemory[]> {
    if (limit <= 0) return [];
    const lists = await Promise.all(
      [...new Set(scopeKeys)].map(async (scopeKey) => {
        const { rows } = await this.database.query<MemoryRow>(
          `SELECT * FROM memories
           WHERE scope_key = $1 AND ($2::text[] IS NULL OR type = ANY($2::text[]))
           ORDER BY recency DESC, memory_rowid DESC
           LIMIT $3`,
          [scopeKey, types === undefined ? null : [...types], limit],
        );
        return rows;
      }),
    );
    return lists.flat().sort(byRecency).slice(0, limit).map(toStoredMemory);
  }

  /** `events` go to the webhook outbox in the same transaction, only when the memory was edited. */
  async editMemory(
    instanceId: string,
    memoryId: string,
    edit: MemoryEdit,
    events: readonly OutboxEvent[] = [],
  ): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const edited = await new PostgresMemoryWrites(sql).editMemory(instanceId, memoryId, edit);
      if (edited) await enqueueOutboxEvents(sql, events);
      return edited;
    });
  }

  /** `events` go to the webhook outbox in the same transaction, only when the memory was deleted. */
  async deleteMemory(
    instanceId: string,
    memoryId: string,
    events: readonly OutboxEvent[] = [],
  ): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const deleted = await new PostgresMemoryWrites(sql).deleteMemory(instanceId, memoryId);
      if (deleted) await enqueueOutboxEvents(sql, events);
      return deleted;
    });
  }

  async countMemories(scopeKeys: readonly string[]): Promise<number> {
    const { rows } = await this.database.query<{ count: number }>(
      'SELECT count(*) AS count FROM memories WHERE scope_key = ANY($1::text[])',
      [scopeKeys],
    );
    return rows[0]?.count ?? 0;
  }
}
