import type { EntityEdge, EntityLink, GraphStore, StoredEntity } from '@engram/core';
import { type EdgeRow, type EntityRow, toEntityEdge, toStoredEntity } from '@engram/store-sqlite/portable';
import type { PostgresDatabase } from './postgres-pool.js';
import { StatementBatch } from './statement-batch.js';

/** Newest first: by recency (event date, else extraction time), ties by insertion order. */
function byRecency(
  left: { recency: string; memory_rowid: number },
  right: { recency: string; memory_rowid: number },
): number {
  if (left.recency === right.recency) return right.memory_rowid - left.memory_rowid;
  return left.recency < right.recency ? 1 : -1;
}

/**
 * {@link GraphStore} on PostgreSQL, the same reads as SQLite's: name lookups
 * through the alias table keyed by (scope key, normalised name); reads by
 * entity id need no scope filter (ids are unique and only ever come from a
 * scope-filtered lookup).
 */
export class PostgresGraphStore implements GraphStore {
  /** `batch`: reads sent together with others issued in the same run (see {@link StatementBatch}). */
  constructor(
    private readonly database: PostgresDatabase,
    private readonly batch: StatementBatch = new StatementBatch(database),
  ) {}

  /** `normalizedNames` are already in core's normalizeEntityName form, as the stored aliases are. */
  async findEntities(
    scopeKeys: readonly string[],
    normalizedNames: readonly string[],
  ): Promise<StoredEntity[]> {
    if (scopeKeys.length === 0 || normalizedNames.length === 0) return [];
    const names = [...new Set(normalizedNames)];
    // Batched with the fetch's vector-version read (one round trip); every column is text or integer.
    const rows = await this.batch.rows<EntityRow>(
      `SELECT * FROM entities WHERE entity_id IN (
         SELECT entity_id FROM entity_aliases
         WHERE scope_key = ANY($1::text[]) AND normalized_alias = ANY($2::text[]))`,
      [scopeKeys, names],
    );
    // Most mentioned first, ties by id (ids are ASCII: the same order as COLLATE "C").
    rows.sort(
      (left, right) =>
        right.mention_count - left.mention_count ||
        (left.entity_id < right.entity_id ? -1 : left.entity_id > right.entity_id ? 1 : 0),
    );
    return rows.map(toStoredEntity);
  }

  /** Most mentioned first. */
  async listEntities(scopeKey: string): Promise<StoredEntity[]> {
    const { rows } = await this.database.query<EntityRow>(
      'SELECT * FROM entities WHERE scope_key = $1 ORDER BY mention_count DESC, entity_id',
      [scopeKey],
    );
    return rows.map(toStoredEntity);
  }

  /** The scope's people, most mentioned first (ties by entity id), as listEntities orders them. */
  async listPeople(scopeKey: string): Promise<StoredEntity[]> {
    const { rows } = await this.database.query<EntityRow>(
      "SELECT * FROM entities WHERE scope_key = $1 AND type = 'person' ORDER BY mention_count DESC, entity_id",
      [scopeKey],
    );
    return rows.map(toStoredEntity);
  }

  /** Newest first (event date, else extraction time; ties by insertion order), each memory once. */
  async memoryIdsOfEntities(entityIds: readonly string[], limit: number): Promise<string[]> {
    if (entityIds.length === 0 || limit <= 0) return [];
    const memoryIds = new Set<string>();
    for (const row of await this.newestPerEntity(entityIds, limit)) {
      memoryIds.add(row.memory_id);
      if (memoryIds.size === limit) break;
    }
    return [...memoryIds];
  }

  /** Each entity's newest `limit` memories (as {@link memoryIdsOfEntities} of that entity alone) in one statement. */
  async memoryIdsPerEntity(entityIds: readonly string[], limit: number): Promise<Map<string, string[]>> {
    const perEntity = new Map<string, string[]>(entityIds.map((entityId) => [entityId, []]));
    if (entityIds.length === 0 || limit <= 0) return perEntity;
    for (const row of await this.newestPerEntity(entityIds, limit))
      perEntity.get(row.entity_id)?.push(row.memory_id);
    return perEntity;
  }

  /** Each entity's newest `limit` links, one index range per entity (LATERAL), all newest first. */
  private async newestPerEntity(
    entityIds: readonly string[],
    limit: number,
  ): Promise<{ entity_id: string; memory_id: string; recency: string; memory_rowid: number }[]> {
    const { rows } = await this.database.query<{
      entity_id: string;
      memory_id: string;
      recency: string;
      memory_rowid: number;
    }>(
      `SELECT wanted.entity_id, recent.memory_id, recent.recency, recent.memory_rowid
       FROM unnest($1::text[]) AS wanted (entity_id)
       CROSS JOIN LATERAL (
         SELECT memory_id, recency, memory_rowid FROM entity_memories_by_recency
         WHERE entity_memories_by_recency.entity_id = wanted.entity_id
         ORDER BY recency DESC, memory_rowid DESC
         LIMIT $2
       ) AS recent`,
      [[...new Set(entityIds)], limit],
    );
    return rows.sort(byRecency);
  }

  /** Every requested id is a key; a memory without entities maps to an empty list. */
  async entitiesOfMemories(memoryIds: readonly string[]): Promise<Map<string, EntityLink[]>> {
    const links = new Map<string, EntityLink[]>(memoryIds.map((memoryId) => [memoryId, []]));
    if (memoryIds.length === 0) return links;
    const { rows } = await this.database.query<{
      memory_id: string;
      entity_id: string;
      canonical_name: string;
      type: StoredEntity['type'];
    }>(
      `SELECT memory_entities.memory_id, entities.entity_id, entities.canonical_name, entities.type
       FROM memory_entities JOIN entities ON entities.entity_id = memory_entities.entity_id
       WHERE memory_entities.memory_id = ANY($1::text[])
       ORDER BY memory_entities.memory_id, entities.canonical_name`,
      [memoryIds],
    );
    for (const row of rows) {
      links
        .get(row.memory_id)
        ?.push({ entityId: row.entity_id, canonicalName: row.canonical_name, type: row.type });
    }
    return links;
  }

  /** Newest edges first (insertion order). */
  async edgesOf(entityIds: readonly string[], limit: number): Promise<EntityEdge[]> {
    if (entityIds.length === 0 || limit <= 0) return [];
    const { rows } = await this.database.query<EdgeRow>(
      `SELECT edge_id, scope_key, subject_entity_id, relation, object_entity_id, memory_id FROM entity_edges
       WHERE edge_rowid IN (
         SELECT edge_rowid FROM entity_edges WHERE subject_entity_id = ANY($1::text[])
         UNION
         SELECT edge_rowid FROM entity_edges WHERE object_entity_id = ANY($1::text[]))
       ORDER BY edge_rowid DESC
       LIMIT $2`,
      [entityIds, limit],
    );
    return rows.map(toEntityEdge);
  }
}
