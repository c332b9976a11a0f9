import type {
  EntityLink,
  GraphStore,
  IngestionChanges,
  MemoryEdit,
  MemoryStore,
  MemoryType,
  OutboxEvent,
  StoredDocument,
  StoredMemory,
} from '@engram/core';
import { GroupCommit } from './group-commit.js';
import { type DocumentRow, type MemoryRow, toStoredDocument, toStoredMemory } from './memory-rows.js';
import { MemoryScopeVersionsReader } from './memory-scope-versions.js';
import { MemoryWrites } from './memory-writes.js';
import { OutboxWrites } from './outbox-writes.js';
import { allRows } from './raw-rows.js';
import type { SqliteHandle } from './sqlite-database.js';

/** Newest first: by event date, else extraction time; ties by insertion order. */
function byRecency(a: MemoryRow, b: MemoryRow): number {
  if (a.recency !== b.recency) return a.recency < b.recency ? 1 : -1;
  return b.memory_rowid - a.memory_rowid;
}

/**
 * {@link MemoryStore} on SQLite. Every read filters by scope key (or by
 * instance, for reads by id) before anything else; every delete cascades to
 * the vector, full-text, entity-link and edge rows in the same transaction.
 *
 * `applyIngestion` uses group commit: ingestions that finish in the same
 * event-loop turn share one transaction, each in its own savepoint, so each
 * stays all-or-nothing while they share the commit's cost.
 */
export class SqliteMemoryStore implements MemoryStore {
  private readonly statements;
  private readonly writes: MemoryWrites;
  private readonly scopeVersions: MemoryScopeVersionsReader;
  private readonly ingestions: GroupCommit<IngestionChanges, void>;
  private readonly deleteTransaction: (
    instanceId: string,
    memoryId: string,
    events: readonly OutboxEvent[],
  ) => boolean;
  private readonly editTransaction: (
    instanceId: string,
    memoryId: string,
    edit: MemoryEdit,
    events: readonly OutboxEvent[],
  ) => boolean;

  /** `linksOf` is the graph store's {@link GraphStore.entitiesOfMemories} over the same database. */
  constructor(
    database: SqliteHandle,
    private readonly linksOf: GraphStore['entitiesOfMemories'],
  ) {
    this.writes = new MemoryWrites(database);
    this.scopeVersions = new MemoryScopeVersionsReader(database);
    this.ingestions = new GroupCommit(database, (changes: IngestionChanges) =>
      this.writes.applyIngestion(changes),
    );
    const outbox = new OutboxWrites(database);
    // Events are written only when the change happened, in its transaction.
    this.deleteTransaction = database.transaction(
      (instanceId: string, memoryId: string, events: readonly OutboxEvent[]) => {
        const deleted = this.writes.deleteMemory(instanceId, memoryId);
        if (deleted) outbox.enqueue(events);
        return deleted;
      },
    );
    this.editTransaction = database.transaction(
      (instanceId: string, memoryId: string, edit: MemoryEdit, events: readonly OutboxEvent[]) => {
        const edited = this.writes.editMemory(instanceId, memoryId, edit);
        if (edited) outbox.enqueue(events);
        return edited;
      },
    );
    this.statements = {
      getDocument: database.prepare('SELECT * FROM documents WHERE instance_id = ? AND document_id = ?'),
      memoryIdsOfDocument: database
        .prepare(
          'SELECT memory_id FROM memories WHERE instance_id = ? AND source_document_id = ? ORDER BY memory_rowid',
        )
        .pluck(),
      getMemory: database.prepare('SELECT * FROM memories WHERE memory_id = ? AND instance_id = ?'),
      // Ids are looked up through the unique index; the scope test then drops
      // anything outside the caller's partitions.
      getMemories: database
        .prepare(`
          SELECT * FROM memories
          WHERE memory_id IN (SELECT value FROM json_each(@memoryIds))
            AND scope_key IN (SELECT value FROM json_each(@scopeKeys))`)
        .raw(),
      findByDedupKeys: database.prepare(`
        SELECT * FROM memories
        WHERE scope_key = @scopeKey AND superseded_by IS NULL
          AND dedup_key IN (SELECT value FROM json_each(@dedupKeys))`),
      findBySubjectAttribute: database.prepare(`
        SELECT * FROM memories
        WHERE scope_key = ? AND subject = ? AND attribute = ? AND valid_until IS NULL AND superseded_by IS NULL
        ORDER BY recency DESC, memory_rowid DESC`),
      // One scope per query: each walks its index range newest first and stops
      // at the limit, instead of sorting every memory of every scope.
      listRecent: database.prepare(`
        SELECT * FROM memories
        WHERE scope_key = @scopeKey
          AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
        ORDER BY recency DESC, memory_rowid DESC
        LIMIT @limit`),
      countMemories: database.prepare(
        'SELECT count(*) AS count FROM memories WHERE scope_key IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  /** Atomic: the document, removals, inserts, merges, supersessions, entities and edges land together or not at all. */
  applyIngestion(changes: IngestionChanges): Promise<void> {
    return this.ingestions.submit(changes);
  }

  async getDocument(instanceId: string, documentId: string): Promise<StoredDocument | undefined> {
    const row = this.statements.getDocument.get(instanceId, documentId) as DocumentRow | undefined;
    return row ? toStoredDocument(row) : undefined;
  }

  /** In insertion order. */
  async memoryIdsOfDocument(instanceId: string, documentId: string): Promise<string[]> {
    return this.statements.memoryIdsOfDocument.all(instanceId, documentId) as string[];
  }

  async getMemory(instanceId: string, memoryId: string): Promise<StoredMemory | undefined> {
    const row = this.statements.getMemory.get(memoryId, instanceId) as MemoryRow | undefined;
    return row ? toStoredMemory(row) : undefined;
  }

  async getMemories(scopeKeys: readonly string[], memoryIds: readonly string[]): Promise<StoredMemory[]> {
    if (scopeKeys.length === 0 || memoryIds.length === 0) return [];
    // Retrieval loads dozens of candidates per fetch: rows built in JS (see allRows).
    const rows = allRows<MemoryRow>(this.statements.getMemories, {
      memoryIds: JSON.stringify(memoryIds),
      scopeKeys: JSON.stringify(scopeKeys),
    });
    return rows.map(toStoredMemory);
  }

  /** Kept by triggers (migration 28), so every writer, in any process, moves it. */
  async memoryScopeVersions(scopeKeys: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return this.scopeVersions.read(scopeKeys);
  }

  /** In-process reads cost no round trip: the two reads of {@link getMemories} and the graph's links. */
  async getMemoriesWithLinks(
    scopeKeys: readonly string[],
    memoryIds: readonly string[],
  ): Promise<Map<string, { memory: StoredMemory; links: EntityLink[] }>> {
    const loaded = new Map<string, { memory: StoredMemory; links: EntityLink[] }>();
    const memories = await this.getMemories(scopeKeys, memoryIds);
    if (memories.length === 0) return loaded;
    const links = await this.linksOf(memories.map((memory) => memory.memoryId));
    for (const memory of memories)
      loaded.set(memory.memoryId, { memory, links: links.get(memory.memoryId) ?? [] });
    return loaded;
  }

  /** Exact (case-sensitive) match on subject and attribute; newest first. */
  async findByDedupKeys(scopeKey: string, dedupKeys: readonly string[]): Promise<StoredMemory[]> {
    if (dedupKeys.length === 0) return [];
    const rows = this.statements.findByDedupKeys.all({
      scopeKey,
      dedupKeys: JSON.stringify(dedupKeys),
    }) as MemoryRow[];
    return rows.map(toStoredMemory);
  }

  async findBySubjectAttribute(
    scopeKey: string,
    subject: string,
    attribute: string,
  ): Promise<StoredMemory[]> {
    const rows = this.statements.findBySubjectAttribute.all(scopeKey, subject, attribute) as MemoryRow[];
    return rows.map(toStoredMemory);
  }

  /**
   * Includes superseded memories (history); callers that want only current ones filter.
   * `types` undefined means every type; an empty list matches nothing.
   */
  async listRecent(
    scopeKeys: readonly string[],
    limit: number,
    types?: readonly MemoryType[],
  ): Promise<StoredMemory[]> {
    if (limit <= 0) return [];
    const typesJson = types === undefined ? null : JSON.stringify(types);
    const rows = [...new Set(scopeKeys)].flatMap(
      (scopeKey) => this.statements.listRecent.all({ scopeKey, types: typesJson, limit }) as MemoryRow[],
    );
    return rows.sort(byRecency).slice(0, limit).map(toStoredMemory);
  }

  async editMemory(
    instanceId: string,
    memoryId: string,
    edit: MemoryEdit,
    events: readonly OutboxEvent[] = [],
  ): Promise<boolean> {
    return this.editTransaction(instanceId, memoryId, edit, events);
  }

  async deleteMemory(
    instanceId: string,
    memoryId: string,
    events: readonly OutboxEvent[] = [],
  ): Promise<boolean> {
    return this.deleteTransaction(instanceId, memoryId, events);
  }

  async countMemories(scopeKeys: readonly string[]): Promise<number> {
    const row = this.statements.countMemories.get(JSON.stringify(scopeKeys)) as { count: number };
    return row.count;
  }
}
