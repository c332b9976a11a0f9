import type {
  ImportSummary,
  IndexedTerms,
  InstanceArchiveStore,
  InstanceImport,
  InstanceSnapshotPart,
} from '@engram/core';
import { EngramError } from '@engram/core';
import {
  type ArchivedConversationRow,
  type ArchivedMessageRow,
  type DocumentRow,
  derivedId,
  type EdgeRow,
  type EntityRow,
  expandTerms,
  increment,
  type MemoryRow,
  type OwnerColumns,
  ownerOf,
  toArchivedConversation,
  toArchivedMessage,
  toStoredDocument,
  toStoredEntity,
  toStoredMemory,
} from '@engram/store-sqlite/portable';
import { insertRows } from './bulk-insert.js';
import { insertConfigVersion } from './postgres-instance-config-store.js';
import { PostgresMemoryWrites } from './postgres-memory-writes.js';
import type { PostgresDatabase, PostgresQueryable } from './postgres-pool.js';
import { textRowOfTerms } from './text-lexemes.js';

/**
 * {@link InstanceArchiveStore} on PostgreSQL. Export pages every table by
 * key (one round trip per chunk, an async iterable, no cursor held open
 * between chunks); import is one transaction that writes memories through
 * {@link PostgresMemoryWrites}, so their vector, text and entity rows are
 * what ingestion would have written, and archived text statistics replace
 * the recomputed ones exactly (an imported memory scores as it did).
 */
export class PostgresInstanceArchiveStore implements InstanceArchiveStore {
  constructor(private readonly database: PostgresDatabase) {}

  async *exportChunks(
    instanceId: string,
    filter: { userId?: string },
    chunkSize: number,
  ): AsyncIterable<Partial<InstanceSnapshotPart>> {
    const db = this.database;
    const userId = filter.userId ?? null;
    for (let after = ''; ; ) {
      const { rows } = await db.query<DocumentRow>(
        `SELECT * FROM documents WHERE instance_id = $1 AND ($2::text IS NULL OR user_id = $2) AND document_id > $3
         ORDER BY document_id LIMIT $4`,
        [instanceId, userId, after, chunkSize],
      );
      if (rows.length === 0) break;
      yield { documents: rows.map(toStoredDocument) };
      after = (rows.at(-1) as DocumentRow).document_id;
    }
    const { rows: scopes } = await db.query<OwnerColumns>(
      `SELECT DISTINCT ON (scope_key) instance_id, scope, customer_id, user_id, conversation_id, scope_key
       FROM memories WHERE instance_id = $1 AND ($2::text IS NULL OR user_id = $2) ORDER BY scope_key`,
      [instanceId, userId],
    );
    for (const scope of scopes) {
      const owner = ownerOf(scope);
      const { rows } = await db.query<EntityRow>(
        'SELECT * FROM entities WHERE scope_key = $1 ORDER BY entity_id',
        [scope.scope_key],
      );
      if (rows.length > 0) yield { entities: rows.map((row) => ({ ...toStoredEntity(row), owner })) };
    }
    for (let after = 0; ; ) {
      const { rows } = await db.query<MemoryRow>(
        `SELECT * FROM memories WHERE instance_id = $1 AND ($2::text IS NULL OR user_id = $2) AND memory_rowid > $3
         ORDER BY memory_rowid LIMIT $4`,
        [instanceId, userId, after, chunkSize],
      );
      if (rows.length === 0) break;
      yield { memories: await this.memoriesWithIndexes(rows) };
      after = (rows.at(-1) as MemoryRow).memory_rowid;
    }
    for (const scope of scopes) {
      const owner = ownerOf(scope);
      const { rows } = await db.query<EdgeRow>(
        `SELECT * FROM entity_edges WHERE scope_key = $1 AND memory_id IN
           (SELECT memory_id FROM memories WHERE scope_key = $1 AND ($2::text IS NULL OR user_id = $2))
         ORDER BY edge_id`,
        [scope.scope_key, userId],
      );
      if (rows.length > 0) {
        yield {
          edges: rows.map((edge) => ({
            edgeId: edge.edge_id,
            scopeKey: edge.scope_key,
            subjectEntityId: edge.subject_entity_id,
            relation: edge.relation,
            objectEntityId: edge.object_entity_id,
            memoryId: edge.memory_id,
            owner,
          })),
        };
      }
    }
    for (let after = ''; ; ) {
      const { rows } = await db.query<ArchivedConversationRow>(
        `SELECT c.*, (SELECT e.extracted_through FROM conversation_extractions AS e
           WHERE e.instance_id = c.instance_id AND e.conversation_id = c.conversation_id) AS extracted_through
         FROM conversations AS c
         WHERE c.instance_id = $1 AND ($2::text IS NULL OR c.user_id = $2) AND c.conversation_id > $3
         ORDER BY c.conversation_id LIMIT $4`,
        [instanceId, userId, after, chunkSize],
      );
      if (rows.length === 0) break;
      yield { conversations: rows.map(toArchivedConversation) };
      after = (rows.at(-1) as ArchivedConversationRow).conversation_id;
    }
    for (let afterConversation = '', afterSequence = -1; ; ) {
      const { rows } = await db.query<ArchivedMessageRow>(
        `SELECT * FROM messages
         WHERE instance_id = $1 AND ($2::text IS NULL OR user_id = $2) AND (conversation_id, sequence) > ($3, $4)
         ORDER BY conversation_id, sequence LIMIT $5`,
        [instanceId, userId, afterConversation, afterSequence, chunkSize],
      );
      if (rows.length === 0) break;
      yield { messages: rows.map(toArchivedMessage) };
      const last = rows.at(-1) as ArchivedMessageRow;
      afterConversation = last.conversation_id;
      afterSequence = last.sequence;
    }
  }

  /** One page of memories with their vectors, text statistics and entity ids: three reads for the page. */
  private async memoriesWithIndexes(rows: MemoryRow[]): Promise<InstanceSnapshotPart['memories']> {
    const ids = rows.map((row) => row.memory_id);
    const [vectors, terms, links] = await Promise.all([
      this.database.query<{ memory_id: string; embedding: Buffer }>(
        'SELECT memory_id, embedding FROM memory_vectors WHERE scope_key = ANY($1::text[]) AND memory_id = ANY($2::text[])',
        [[...new Set(rows.map((row) => row.scope_key))], ids],
      ),
      this.database.query<IndexedTerms & { memory_rowid: number }>(
        'SELECT memory_rowid, tokens, body, context FROM memory_text WHERE memory_rowid = ANY($1::bigint[])',
        [rows.map((row) => row.memory_rowid)],
      ),
      this.database.query<{ memory_id: string; entity_id: string }>(
        'SELECT memory_id, entity_id FROM memory_entities WHERE memory_id = ANY($1::text[]) ORDER BY memory_id, entity_id',
        [ids],
      ),
    ]);
    const vectorOf = new Map(vectors.rows.map((row) => [row.memory_id, row.embedding]));
    const termsOf = new Map(terms.rows.map(({ memory_rowid, ...row }) => [memory_rowid, row]));
    const entitiesOf = new Map<string, string[]>();
    for (const link of links.rows) {
      const list = entitiesOf.get(link.memory_id) ?? [];
      list.push(link.entity_id);
      entitiesOf.set(link.memory_id, list);
    }
    return rows.map((row) => {
      const blob = vectorOf.get(row.memory_id);
      const bytes = blob ? new Uint8Array(blob).slice() : new Uint8Array();
      const indexed = termsOf.get(row.memory_rowid);
      return {
        memory: toStoredMemory(row),
        embedding: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4),
        entityIds: entitiesOf.get(row.memory_id) ?? [],
        ...(indexed && { terms: indexed }),
      };
    });
  }

  async importInstance(instanceId: string, data: InstanceImport): Promise<ImportSummary> {
    return this.database.transaction((sql) => new ArchiveImport(sql, instanceId).write(data));
  }
}

/** One import, on a connection inside its transaction. */
class ArchiveImport {
  private readonly writes: PostgresMemoryWrites;
  private readonly memoryIds = new Map<string, { id: string; present: boolean }>();
  private readonly entityIds = new Map<string, string>();

  constructor(
    private readonly sql: PostgresQueryable,
    private readonly instanceId: string,
  ) {
    this.writes = new PostgresMemoryWrites(sql);
  }

  private ownsScope(scopeKey: string | undefined): boolean {
    return scopeKey?.startsWith(`${this.instanceId}/`) === true;
  }

  private async holderOf(memoryId: string): Promise<string | undefined> {
    const { rows } = await this.sql.query<{ instance_id: string }>(
      'SELECT instance_id FROM memories WHERE memory_id = $1',
      [memoryId],
    );
    return rows[0]?.instance_id;
  }

  /** Kept when free, ours when this instance already holds it, derived when another does. */
  private async resolveMemory(id: string): Promise<{ id: string; present: boolean }> {
    let resolved = this.memoryIds.get(id);
    if (!resolved) {
      const holder = await this.holderOf(id);
      if (holder === undefined || holder === this.instanceId)
        resolved = { id, present: holder === this.instanceId };
      else {
        const derived = derivedId(this.instanceId, id);
        resolved = { id: derived, present: (await this.holderOf(derived)) === this.instanceId };
      }
      this.memoryIds.set(id, resolved);
    }
    return resolved;
  }

  private async resolveEntity(id: string): Promise<string> {
    let resolved = this.entityIds.get(id);
    if (resolved === undefined) {
      const { rows } = await this.sql.query<{ scope_key: string }>(
        'SELECT scope_key FROM entities WHERE entity_id = $1',
        [id],
      );
      const scope = rows[0]?.scope_key;
      resolved = scope === undefined || this.ownsScope(scope) ? id : derivedId(this.instanceId, id);
      this.entityIds.set(id, resolved);
    }
    return resolved;
  }

  async write(data: InstanceImport): Promise<ImportSummary> {
    const imported: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    const changedScopeKeys = new Set<string>();

    for (const entity of data.entities) {
      await this.writes.upsertEntity({ ...entity, entityId: await this.resolveEntity(entity.entityId) });
      increment(imported, 'entity');
    }
    const byDocument = new Map<string, InstanceImport['memories']>();
    for (const insert of data.memories) {
      const list = byDocument.get(insert.memory.sourceDocumentId) ?? [];
      list.push(insert);
      byDocument.set(insert.memory.sourceDocumentId, list);
    }
    for (const document of data.documents) {
      const inserts: InstanceImport['memories'] = [];
      for (const insert of byDocument.get(document.documentId) ?? []) {
        const resolved = await this.resolveMemory(insert.memory.memoryId);
        if (resolved.present) {
          increment(skipped, 'memory');
          continue;
        }
        increment(imported, 'memory');
        changedScopeKeys.add(insert.memory.owner.scopeKey);
        const supersededBy = insert.memory.supersededBy;
        const indexed = insert.terms
          ? { searchText: expandTerms(insert.terms.body), contextText: expandTerms(insert.terms.context) }
          : {};
        const entityIds: string[] = [];
        for (const entityId of insert.entityIds) entityIds.push(await this.resolveEntity(entityId));
        inserts.push({
          ...insert,
          ...indexed,
          memory: {
            ...insert.memory,
            memoryId: resolved.id,
            supersededBy:
              supersededBy === undefined ? undefined : (await this.resolveMemory(supersededBy)).id,
          },
          entityIds,
        });
      }
      byDocument.delete(document.documentId);
      await this.writes.applyIngestion({
        document,
        removedMemoryIds: [],
        inserts,
        merges: [],
        supersessions: [],
        entities: [],
        edges: [],
      });
      for (const insert of inserts) {
        if (!insert.terms) continue;
        const text = textRowOfTerms(insert.memory.owner.scopeKey, insert.terms);
        await this.sql.query(
          `UPDATE memory_text SET lexemes = array_to_tsvector($2::text[]), tokens = $3, body = $4, context = $5
           WHERE memory_rowid = (SELECT memory_rowid FROM memories WHERE memory_id = $1)`,
          [insert.memory.memoryId, text.lexemes, text.tokens, text.body, text.context],
        );
      }
      increment(imported, 'document');
    }
    for (const [documentId] of byDocument) {
      throw new EngramError(
        'INVALID_INPUT',
        `memories of document ${documentId} arrived without the document`,
      );
    }
    for (const edge of data.edges) {
      const scopeOf = async (edgeId: string) =>
        (
          await this.sql.query<{ scope_key: string }>(
            'SELECT scope_key FROM entity_edges WHERE edge_id = $1',
            [edgeId],
          )
        ).rows[0]?.scope_key;
      const holder = await scopeOf(edge.edgeId);
      const edgeId =
        holder === undefined || this.ownsScope(holder)
          ? edge.edgeId
          : derivedId(this.instanceId, edge.edgeId);
      if ((await scopeOf(edgeId)) !== undefined) {
        increment(skipped, 'edge');
        continue;
      }
      await this.sql.query(
        `INSERT INTO entity_edges (edge_id, scope_key, subject_entity_id, relation, object_entity_id, memory_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          edgeId,
          edge.scopeKey,
          await this.resolveEntity(edge.subjectEntityId),
          edge.relation,
          await this.resolveEntity(edge.objectEntityId),
          (await this.resolveMemory(edge.memoryId)).id,
        ],
      );
      increment(imported, 'edge');
    }
    await this.writeConversations(data, imported, skipped);
    if (data.config) {
      const { rows } = await this.sql.query<{ version: number }>(
        'SELECT coalesce(max(version), 0) AS version FROM instance_config_versions WHERE instance_id = $1',
        [this.instanceId],
      );
      const { rolledBackTo: _rolledBack, ...config } = data.config;
      await insertConfigVersion(
        this.sql,
        { ...config, instanceId: this.instanceId },
        (rows[0]?.version ?? 0) + 1,
      );
      increment(imported, 'config');
    }
    return { imported, skipped, changedScopeKeys: [...changedScopeKeys] };
  }

  private async writeConversations(
    data: InstanceImport,
    imported: Record<string, number>,
    skipped: Record<string, number>,
  ): Promise<void> {
    for (const conversation of data.conversations) {
      const { rowCount } = await this.sql.query(
        `INSERT INTO conversations (instance_id, conversation_id, user_id, customer_id, session_id,
           created_at, last_message_at, message_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          this.instanceId,
          conversation.conversationId,
          conversation.userId,
          conversation.customerId,
          conversation.sessionId,
          conversation.createdAt,
          conversation.lastMessageAt,
          conversation.messageCount,
        ],
      );
      increment((rowCount ?? 0) > 0 ? imported : skipped, 'conversation');
      if (conversation.extractedThrough !== undefined) {
        await this.sql.query(
          `INSERT INTO conversation_extractions (instance_id, conversation_id, extracted_through, updated_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [
            this.instanceId,
            conversation.conversationId,
            conversation.extractedThrough,
            conversation.lastMessageAt,
          ],
        );
      }
    }
    const inserted = await insertRows<{ message_id: string }>(
      this.sql,
      'messages',
      [
        'message_id',
        'instance_id',
        'conversation_id',
        'sequence',
        'role',
        'content',
        'user_id',
        'customer_id',
        'session_id',
        'metadata',
        'recorded_at',
      ],
      data.messages.map((message) => [
        message.messageId,
        this.instanceId,
        message.conversationId,
        message.sequence,
        message.role,
        message.content,
        message.userId,
        message.customerId,
        message.sessionId,
        message.metadata,
        message.recordedAt,
      ]),
      { suffix: 'ON CONFLICT DO NOTHING RETURNING message_id' },
    );
    increment(imported, 'message', inserted.length);
    increment(skipped, 'message', data.messages.length - inserted.length);
  }
}
