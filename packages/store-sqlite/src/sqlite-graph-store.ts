import type { EntityEdge, EntityLink, GraphStore, StoredEntity } from '@engram/core';
import { type EdgeRow, type EntityRow, toEntityEdge, toStoredEntity } from './memory-rows.js';
import type { SqliteHandle } from './sqlite-database.js';

/**
 * {@link GraphStore} on SQLite. Name lookups go through the alias table
 * keyed by (scope key, normalised name). Reads by entity id need no scope
 * filter of their own: entity ids are unique and only ever come from a
 * scope-filtered lookup.
 */
export class SqliteGraphStore implements GraphStore {
  private readonly statements;

  constructor(database: SqliteHandle) {
    this.statements = {
      findEntities: database.prepare(`
        SELECT * FROM entities WHERE entity_id IN (
          SELECT entity_id FROM entity_aliases
          WHERE scope_key IN (SELECT value FROM json_each(@scopeKeys))
            AND normalized_alias IN (SELECT value FROM json_each(@names)))
        ORDER BY mention_count DESC, entity_id`),
      listEntities: database.prepare(
        'SELECT * FROM entities WHERE scope_key = ? ORDER BY mention_count DESC, entity_id',
      ),
      listPeople: database.prepare(
        "SELECT * FROM entities WHERE scope_key = ? AND type = 'person' ORDER BY mention_count DESC, entity_id",
      ),
      // One index range per entity, newest first, stopping at the limit.
      memoriesOfEntityByRecency: database
        .prepare(`
          SELECT memory_id, recency, memory_rowid FROM entity_memories_by_recency
          WHERE entity_id = ?
          ORDER BY recency DESC, memory_rowid DESC
          LIMIT ?`)
        .raw(),
      entitiesOfMemories: database
        .prepare(`
          SELECT memory_entities.memory_id, entities.entity_id, entities.canonical_name, entities.type
          FROM memory_entities JOIN entities ON entities.entity_id = memory_entities.entity_id
          WHERE memory_entities.memory_id IN (SELECT value FROM json_each(?))
          ORDER BY memory_entities.memory_id, entities.canonical_name`)
        .raw(),
      // Newest edges first (rowid follows insertion).
      edgesOf: database.prepare(`
        SELECT * FROM entity_edges WHERE rowid IN (
          SELECT rowid FROM entity_edges WHERE subject_entity_id IN (SELECT value FROM json_each(@entityIds))
          UNION
          SELECT rowid FROM entity_edges WHERE object_entity_id IN (SELECT value FROM json_each(@entityIds)))
        ORDER BY rowid DESC
        LIMIT @limit`),
    };
  }

  /** `normalizedNames` are already in core's normalizeEntityName form, as the stored aliases are. */
  async findEntities(
    scopeKeys: readonly string[],
    normalizedNames: readonly string[],
  ): Promise<StoredEntity[]> {
    if (scopeKeys.length === 0 || normalizedNames.length === 0) return [];
    const names = [...new Set(normalizedNames)];
    const rows = this.statements.findEntities.all({
      scopeKeys: JSON.stringify(scopeKeys),
      names: JSON.stringify(names),
    }) as EntityRow[];
    return rows.map(toStoredEntity);
  }

  /** Most mentioned first. */
  async listEntities(scopeKey: string): Promise<StoredEntity[]> {
    return (this.statements.listEntities.all(scopeKey) as EntityRow[]).map(toStoredEntity);
  }

  /** The scope's people, most mentioned first (ties by entity id). */
  async listPeople(scopeKey: string): Promise<StoredEntity[]> {
    return (this.statements.listPeople.all(scopeKey) as EntityRow[]).map(toStoredEntity);
  }

  /**
   * Newest first (event date, else extraction time; ties by insertion order),
   * each memory once. Each entity's newest `limit` are read from the recency
   * table and merged, so the cost follows `limit`, not the entities' sizes.
   */
  async memoryIdsOfEntities(entityIds: readonly string[], limit: number): Promise<string[]> {
    if (entityIds.length === 0 || limit <= 0) return [];
    const rows: [memoryId: string, recency: string, memoryRowid: number][] = [];
    for (const entityId of new Set(entityIds)) {
      rows.push(...(this.statements.memoriesOfEntityByRecency.all(entityId, limit) as typeof rows));
    }
    rows.sort((left, right) => (left[1] === right[1] ? right[2] - left[2] : left[1] < right[1] ? 1 : -1));
    const memoryIds = new Set<string>();
    for (const [memoryId] of rows) {
      memoryIds.add(memoryId);
      if (memoryIds.size === limit) break;
    }
    return [...memoryIds];
  }

  /** Each entity's newest `limit` memories, as {@link memoryIdsOfEntities} of that entity alone. */
  async memoryIdsPerEntity(entityIds: readonly string[], limit: number): Promise<Map<string, string[]>> {
    const perEntity = new Map<string, string[]>();
    for (const entityId of entityIds)
      perEntity.set(entityId, await this.memoryIdsOfEntities([entityId], limit));
    return perEntity;
  }

  /** Every requested id is a key; a memory without entities maps to an empty list. */
  async entitiesOfMemories(memoryIds: readonly string[]): Promise<Map<string, EntityLink[]>> {
    const links = new Map<string, EntityLink[]>(memoryIds.map((memoryId) => [memoryId, []]));
    if (memoryIds.length === 0) return links;
    // Raw rows: a fetch links dozens of candidates, and these four columns need no object per row.
    const rows = this.statements.entitiesOfMemories.all(JSON.stringify(memoryIds)) as [
      memoryId: string,
      entityId: string,
      canonicalName: string,
      type: StoredEntity['type'],
    ][];
    for (const [memoryId, entityId, canonicalName, type] of rows) {
      links.get(memoryId)?.push({ entityId, canonicalName, type });
    }
    return links;
  }

  async edgesOf(entityIds: readonly string[], limit: number): Promise<EntityEdge[]> {
    if (entityIds.length === 0 || limit <= 0) return [];
    const rows = this.statements.edgesOf.all({ entityIds: JSON.stringify(entityIds), limit }) as EdgeRow[];
    return rows.map(toEntityEdge);
  }
}
