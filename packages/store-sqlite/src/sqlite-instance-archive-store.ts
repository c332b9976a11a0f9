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
  derivedId,
  expandTerms,
  increment,
  toArchivedConversation,
  toArchivedMessage,
} from './archive-rows.js';
import {
  type DocumentRow,
  type EntityRow,
  type MemoryRow,
  type OwnerColumns,
  ownerOf,
  toStoredDocument,
  toStoredEntity,
  toStoredMemory,
} from './memory-rows.js';
import { MemoryWrites } from './memory-writes.js';
import type { SqliteHandle } from './sqlite-database.js';

/** A message row with its row id, by which export pages. */
interface MessageRow extends ArchivedMessageRow {
  message_rowid: number;
}

/**
 * {@link InstanceArchiveStore} on SQLite. Export pages every table by key
 * (never an open iterator, which would lock the connection for the other
 * reads a page needs). Import runs in one transaction and writes memories
 * through {@link MemoryWrites}, so their vector, full-text and term rows are
 * exactly what ingestion would have written for the same index text.
 */
export class SqliteInstanceArchiveStore implements InstanceArchiveStore {
  private readonly statements;
  private readonly writes: MemoryWrites;
  private readonly importTransaction: (instanceId: string, data: InstanceImport) => ImportSummary;

  constructor(database: SqliteHandle) {
    this.writes = new MemoryWrites(database);
    const userFilter = '(@userId IS NULL OR user_id = @userId)';
    this.statements = {
      documents: database.prepare(`SELECT rowid AS position, * FROM documents
        WHERE instance_id = @instanceId AND ${userFilter} AND rowid > @after ORDER BY rowid LIMIT @limit`),
      memories: database.prepare(`SELECT * FROM memories
        WHERE instance_id = @instanceId AND ${userFilter} AND memory_rowid > @after ORDER BY memory_rowid LIMIT @limit`),
      vector: database
        .prepare('SELECT embedding FROM memory_vectors WHERE scope_key = ? AND memory_id = ?')
        .pluck(),
      termsOf: database.prepare(
        'SELECT tokens, body, context FROM memory_term_frequencies WHERE memory_rowid = ?',
      ),
      setTerms:
        database.prepare(`UPDATE memory_term_frequencies SET tokens = @tokens, body = @body, context = @context
        WHERE memory_rowid = (SELECT memory_rowid FROM memories WHERE memory_id = @memoryId)`),
      entityIdsOf: database
        .prepare('SELECT entity_id FROM memory_entities WHERE memory_id = ? ORDER BY entity_id')
        .pluck(),
      scopeKeys: database
        .prepare(`SELECT DISTINCT scope_key FROM memories WHERE instance_id = @instanceId AND ${userFilter}`)
        .pluck(),
      ownerOfScope: database.prepare(
        'SELECT instance_id, scope, customer_id, user_id, conversation_id, scope_key FROM memories WHERE scope_key = ? LIMIT 1',
      ),
      entitiesOfScope: database.prepare('SELECT * FROM entities WHERE scope_key = ? ORDER BY entity_id'),
      edgesOfScope: database.prepare(`SELECT * FROM entity_edges WHERE scope_key = ?
        AND memory_id IN (SELECT memory_id FROM memories WHERE scope_key = @scopeKey AND ${userFilter}) ORDER BY edge_id`),
      conversations:
        database.prepare(`SELECT c.*, (SELECT e.extracted_through FROM conversation_extractions AS e
          WHERE e.instance_id = c.instance_id AND e.conversation_id = c.conversation_id) AS extracted_through
        FROM conversations AS c
        WHERE c.instance_id = @instanceId AND (@userId IS NULL OR c.user_id = @userId) AND c.conversation_id > @after
        ORDER BY c.conversation_id LIMIT @limit`),
      messages: database.prepare(`SELECT rowid AS message_rowid, * FROM messages
        WHERE instance_id = @instanceId AND ${userFilter} AND rowid > @after ORDER BY rowid LIMIT @limit`),
      memoryInstance: database.prepare('SELECT instance_id FROM memories WHERE memory_id = ?').pluck(),
      entityScope: database.prepare('SELECT scope_key FROM entities WHERE entity_id = ?').pluck(),
      edgeScope: database.prepare('SELECT scope_key FROM entity_edges WHERE edge_id = ?').pluck(),
      insertEdge: database.prepare(`
        INSERT INTO entity_edges (edge_id, scope_key, subject_entity_id, relation, object_entity_id, memory_id)
        VALUES (@edgeId, @scopeKey, @subjectEntityId, @relation, @objectEntityId, @memoryId)`),
      insertConversation: database.prepare(`
        INSERT OR IGNORE INTO conversations (instance_id, conversation_id, user_id, customer_id, session_id,
          created_at, last_message_at, message_count)
        VALUES (@instanceId, @conversationId, @userId, @customerId, @sessionId, @createdAt, @lastMessageAt, @messageCount)`),
      insertExtractionCursor: database.prepare(`
        INSERT INTO conversation_extractions (instance_id, conversation_id, extracted_through, updated_at)
        VALUES (@instanceId, @conversationId, @extractedThrough, @lastMessageAt) ON CONFLICT DO NOTHING`),
      insertMessage: database.prepare(`
        INSERT OR IGNORE INTO messages (message_id, instance_id, conversation_id, sequence, role, content, user_id,
          customer_id, session_id, metadata, recorded_at)
        VALUES (@messageId, @instanceId, @conversationId, @sequence, @role, @content, @userId, @customerId,
          @sessionId, @metadata, @recordedAt)`),
      maxConfigVersion: database
        .prepare('SELECT coalesce(max(version), 0) FROM instance_config_versions WHERE instance_id = ?')
        .pluck(),
      insertConfig: database.prepare(`
        INSERT INTO instance_config_versions (instance_id, version, document, author, diff, rolled_back_to, created_at)
        VALUES (?, ?, ?, ?, ?, NULL, ?)`),
    };
    this.importTransaction = database.transaction((instanceId: string, data: InstanceImport) =>
      this.write(instanceId, data),
    );
  }

  *exportChunks(
    instanceId: string,
    filter: { userId?: string },
    chunkSize: number,
  ): Iterable<Partial<InstanceSnapshotPart>> {
    const userId = filter.userId ?? null;
    const base = { instanceId, userId, limit: chunkSize };
    for (let after = 0; ; ) {
      const rows = this.statements.documents.all({ ...base, after }) as (DocumentRow & {
        position: number;
      })[];
      if (rows.length === 0) break;
      yield { documents: rows.map(toStoredDocument) };
      after = (rows.at(-1) as { position: number }).position;
    }
    const scopeKeys = this.statements.scopeKeys.all({ instanceId, userId }) as string[];
    for (const scopeKey of scopeKeys) {
      const owner = ownerOf(this.statements.ownerOfScope.get(scopeKey) as OwnerColumns);
      const entities = (this.statements.entitiesOfScope.all(scopeKey) as EntityRow[]).map((row) => ({
        ...toStoredEntity(row),
        owner,
      }));
      if (entities.length > 0) yield { entities };
    }
    for (let after = 0; ; ) {
      const rows = this.statements.memories.all({ ...base, after }) as MemoryRow[];
      if (rows.length === 0) break;
      yield {
        memories: rows.map((row) => {
          const blob = this.statements.vector.get(row.scope_key, row.memory_id) as Buffer | undefined;
          const bytes = blob ? new Uint8Array(blob).slice() : new Uint8Array();
          const terms = this.statements.termsOf.get(row.memory_rowid) as IndexedTerms | undefined;
          return {
            memory: toStoredMemory(row),
            embedding: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4),
            entityIds: this.statements.entityIdsOf.all(row.memory_id) as string[],
            ...(terms && { terms }),
          };
        }),
      };
      after = (rows.at(-1) as MemoryRow).memory_rowid;
    }
    for (const scopeKey of scopeKeys) {
      const owner = ownerOf(this.statements.ownerOfScope.get(scopeKey) as OwnerColumns);
      const edges = this.statements.edgesOfScope.all(scopeKey, { scopeKey, userId }) as {
        edge_id: string;
        scope_key: string;
        subject_entity_id: string;
        relation: string;
        object_entity_id: string;
        memory_id: string;
      }[];
      if (edges.length > 0) {
        yield {
          edges: edges.map((edge) => ({
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
      const rows = this.statements.conversations.all({ ...base, after }) as ArchivedConversationRow[];
      if (rows.length === 0) break;
      yield { conversations: rows.map(toArchivedConversation) };
      after = (rows.at(-1) as ArchivedConversationRow).conversation_id;
    }
    for (let after = 0; ; ) {
      const rows = this.statements.messages.all({ ...base, after }) as MessageRow[];
      if (rows.length === 0) break;
      yield { messages: rows.map(toArchivedMessage) };
      after = (rows.at(-1) as MessageRow).message_rowid;
    }
  }

  async importInstance(instanceId: string, data: InstanceImport): Promise<ImportSummary> {
    return this.importTransaction(instanceId, data);
  }

  private write(instanceId: string, data: InstanceImport): ImportSummary {
    const imported: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    const changedScopeKeys = new Set<string>();
    const ownsScope = (scopeKey: string | undefined) => scopeKey?.startsWith(`${instanceId}/`) === true;
    // Each id: kept when free, ours when this instance already holds it, derived when another does.
    const memoryIds = new Map<string, { id: string; present: boolean }>();
    const resolveMemory = (id: string) => {
      let resolved = memoryIds.get(id);
      if (!resolved) {
        const holder = this.statements.memoryInstance.get(id) as string | undefined;
        if (holder === undefined || holder === instanceId) resolved = { id, present: holder === instanceId };
        else {
          const derived = derivedId(instanceId, id);
          resolved = { id: derived, present: this.statements.memoryInstance.get(derived) === instanceId };
        }
        memoryIds.set(id, resolved);
      }
      return resolved;
    };
    const entityIds = new Map<string, string>();
    const resolveEntity = (id: string) => {
      let resolved = entityIds.get(id);
      if (resolved === undefined) {
        const scope = this.statements.entityScope.get(id) as string | undefined;
        resolved = scope === undefined || ownsScope(scope) ? id : derivedId(instanceId, id);
        entityIds.set(id, resolved);
      }
      return resolved;
    };

    for (const entity of data.entities) {
      this.writes.upsertEntity({ ...entity, entityId: resolveEntity(entity.entityId) });
      increment(imported, 'entity');
    }
    const byDocument = new Map<string, InstanceImport['memories']>();
    for (const insert of data.memories) {
      const list = byDocument.get(insert.memory.sourceDocumentId) ?? [];
      list.push(insert);
      byDocument.set(insert.memory.sourceDocumentId, list);
    }
    for (const document of data.documents) {
      const inserts = (byDocument.get(document.documentId) ?? []).flatMap((insert) => {
        const resolved = resolveMemory(insert.memory.memoryId);
        if (resolved.present) {
          increment(skipped, 'memory');
          return [];
        }
        increment(imported, 'memory');
        changedScopeKeys.add(insert.memory.owner.scopeKey);
        const supersededBy = insert.memory.supersededBy;
        // The archived statistics are exact; the text they came from is not stored, so the
        // full-text row holds their stems (which FTS5 tokenizes back to the same stems).
        const indexed = insert.terms
          ? { searchText: expandTerms(insert.terms.body), contextText: expandTerms(insert.terms.context) }
          : {};
        return [
          {
            ...insert,
            ...indexed,
            memory: {
              ...insert.memory,
              memoryId: resolved.id,
              supersededBy: supersededBy === undefined ? undefined : resolveMemory(supersededBy).id,
            },
            entityIds: insert.entityIds.map(resolveEntity),
          },
        ];
      });
      byDocument.delete(document.documentId);
      const withTerms = inserts.filter((insert) => insert.terms !== undefined);
      this.writes.applyIngestion({
        document,
        removedMemoryIds: [],
        inserts,
        merges: [],
        supersessions: [],
        entities: [],
        edges: [],
      });
      for (const insert of withTerms)
        this.statements.setTerms.run({ ...insert.terms, memoryId: insert.memory.memoryId });
      increment(imported, 'document');
    }
    for (const [documentId] of byDocument) {
      throw new EngramError(
        'INVALID_INPUT',
        `memories of document ${documentId} arrived without the document`,
      );
    }
    for (const edge of data.edges) {
      const holder = this.statements.edgeScope.get(edge.edgeId) as string | undefined;
      const edgeId =
        holder === undefined || ownsScope(holder) ? edge.edgeId : derivedId(instanceId, edge.edgeId);
      if (this.statements.edgeScope.get(edgeId) !== undefined) {
        increment(skipped, 'edge');
        continue;
      }
      const { owner: _owner, ...row } = edge;
      this.statements.insertEdge.run({
        ...row,
        edgeId,
        subjectEntityId: resolveEntity(edge.subjectEntityId),
        objectEntityId: resolveEntity(edge.objectEntityId),
        memoryId: resolveMemory(edge.memoryId).id,
      });
      increment(imported, 'edge');
    }
    for (const conversation of data.conversations) {
      const { extractedThrough, ...row } = conversation;
      const changes = this.statements.insertConversation.run({ ...row, instanceId }).changes;
      increment(changes > 0 ? imported : skipped, 'conversation');
      if (extractedThrough !== undefined) {
        this.statements.insertExtractionCursor.run({ ...row, instanceId, extractedThrough });
      }
    }
    for (const message of data.messages) {
      const changes = this.statements.insertMessage.run({ ...message, instanceId }).changes;
      increment(changes > 0 ? imported : skipped, 'message');
    }
    if (data.config) {
      const version = (this.statements.maxConfigVersion.get(instanceId) as number) + 1;
      this.statements.insertConfig.run(
        instanceId,
        version,
        JSON.stringify(data.config.document),
        data.config.author,
        JSON.stringify(data.config.diff),
        data.config.createdAt,
      );
      increment(imported, 'config');
    }
    return { imported, skipped, changedScopeKeys: [...changedScopeKeys] };
  }
}

/** ` stem stem*3 ` → `stem stem stem stem`: the stems in the counts FTS5 should hold. */
