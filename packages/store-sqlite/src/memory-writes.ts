import type {
  IngestionChanges,
  MemoryEdit,
  MemoryInsert,
  MemoryMerge,
  MemorySupersession,
  StoredEntity,
} from '@engram/core';
import { EngramError, normalizeEntityName } from '@engram/core';
import { scopeTokenOf } from './full-text-query.js';
import { documentParameters, memoryParameters } from './memory-rows.js';
import type { SqliteHandle } from './sqlite-database.js';
import { encodeTermFrequencies } from './term-frequencies.js';
import { vectorBlob } from './vector-blob.js';

/** What a cascade needs to find a memory's rows in every index. */
interface MemoryLocation {
  memory_rowid: number;
  scope_key: string;
}

/**
 * The synchronous write steps of the memory store, with their statements
 * prepared once. Callers run them inside a transaction; none of them opens
 * one, so several compose into one atomic write.
 */
export class MemoryWrites {
  private readonly statements;

  constructor(database: SqliteHandle) {
    this.statements = {
      upsertDocument: database.prepare(`
        INSERT INTO documents (instance_id, document_id, scope, customer_id, user_id, conversation_id, scope_key,
                               document_type, mode, content, content_hash, document_created_at, metadata,
                               created_at, updated_at)
        VALUES (@instanceId, @documentId, @scope, @customerId, @userId, @conversationId, @scopeKey,
                @documentType, @mode, @content, @contentHash, @documentCreatedAt, @metadata, @createdAt, @updatedAt)
        ON CONFLICT (instance_id, document_id) DO UPDATE SET
          scope = excluded.scope, customer_id = excluded.customer_id, user_id = excluded.user_id,
          conversation_id = excluded.conversation_id, scope_key = excluded.scope_key,
          document_type = excluded.document_type, mode = excluded.mode, content = excluded.content,
          content_hash = excluded.content_hash, document_created_at = excluded.document_created_at,
          metadata = excluded.metadata, updated_at = excluded.updated_at`),
      insertMemory: database.prepare(`
        INSERT INTO memories (memory_id, instance_id, scope, customer_id, user_id, conversation_id, scope_key,
                              type, content, confidence, subject, attribute, value, event_date, valid_until,
                              temporal_category, temporal_confidence, details, source_document_id,
                              source_ingestion_id, source_document_type, source_document_created_at,
                              source_evidence, mention_count, superseded_by, extractor, metadata,
                              extracted_at, created_at, updated_at, dedup_key, config_version)
        VALUES (@memoryId, @instanceId, @scope, @customerId, @userId, @conversationId, @scopeKey,
                @type, @content, @confidence, @subject, @attribute, @value, @eventDate, @validUntil,
                @temporalCategory, @temporalConfidence, @details, @sourceDocumentId,
                @sourceIngestionId, @sourceDocumentType, @sourceDocumentCreatedAt,
                @sourceEvidence, @mentionCount, @supersededBy, @extractor, @metadata,
                @extractedAt, @createdAt, @updatedAt, @dedupKey, @configVersion)`),
      insertVector: database.prepare(
        'INSERT INTO memory_vectors (scope_key, memory_id, embedding) VALUES (?, ?, ?)',
      ),
      replaceVector: database.prepare(
        'INSERT OR REPLACE INTO memory_vectors (scope_key, memory_id, embedding) VALUES (?, ?, ?)',
      ),
      insertText: database.prepare(
        'INSERT INTO memory_text (rowid, scope_token, body, context) VALUES (?, ?, ?, ?)',
      ),
      insertTermFrequencies: database.prepare(
        'INSERT OR REPLACE INTO memory_term_frequencies (memory_rowid, tokens, body, context) VALUES (?, ?, ?, ?)',
      ),
      deleteTermFrequencies: database.prepare('DELETE FROM memory_term_frequencies WHERE memory_rowid = ?'),
      insertMemoryEntity: database.prepare(
        'INSERT OR IGNORE INTO memory_entities (memory_id, entity_id) VALUES (?, ?)',
      ),
      locate: database.prepare(
        'SELECT memory_rowid, scope_key FROM memories WHERE memory_id = ? AND instance_id = ?',
      ),
      deleteVector: database.prepare('DELETE FROM memory_vectors WHERE scope_key = ? AND memory_id = ?'),
      deleteText: database.prepare('DELETE FROM memory_text WHERE rowid = ?'),
      deleteMemoryEntities: database.prepare('DELETE FROM memory_entities WHERE memory_id = ?'),
      entitiesOfMemory: database.prepare('SELECT entity_id FROM memory_entities WHERE memory_id = ?').pluck(),
      // An entity no memory mentions any more holds names taken from erased text: it goes too.
      deleteOrphanEntity: database.prepare(`
        DELETE FROM entities WHERE entity_id = ?
          AND NOT EXISTS (SELECT 1 FROM memory_entities WHERE entity_id = ?)`),
      deleteEdgesOfEntity: database.prepare(
        'DELETE FROM entity_edges WHERE subject_entity_id = ? OR object_entity_id = ?',
      ),
      tombstoneOf: database
        .prepare('SELECT erased_at FROM document_tombstones WHERE instance_id = ? AND document_id = ?')
        .pluck(),
      queuedAtOf: database.prepare('SELECT queued_at FROM jobs WHERE job_id = ?').pluck(),
      deleteEdgesOfMemory: database.prepare('DELETE FROM entity_edges WHERE memory_id = ?'),
      deleteMemoryRow: database.prepare('DELETE FROM memories WHERE memory_rowid = ?'),
      evidenceOf: database.prepare(
        'SELECT source_evidence FROM memories WHERE memory_id = ? AND instance_id = ?',
      ),
      merge: database.prepare(`
        UPDATE memories SET source_evidence = @evidence, confidence = @confidence,
          mention_count = mention_count + @mentionCountDelta, updated_at = @updatedAt
        WHERE memory_id = @memoryId`),
      supersede: database.prepare(`
        UPDATE memories SET valid_until = @validUntil, superseded_by = @supersededBy, updated_at = @updatedAt
        WHERE memory_id = @memoryId AND instance_id = @instanceId`),
      upsertEntity: database.prepare(`
        INSERT INTO entities (entity_id, scope_key, canonical_name, normalized_name, type, aliases, mention_count)
        VALUES (@entityId, @scopeKey, @canonicalName, @normalizedName, @type, @aliases, @mentionCount)
        ON CONFLICT (entity_id) DO UPDATE SET
          canonical_name = excluded.canonical_name, normalized_name = excluded.normalized_name,
          type = excluded.type, aliases = excluded.aliases, mention_count = excluded.mention_count
        RETURNING scope_key`),
      deleteAliases: database.prepare('DELETE FROM entity_aliases WHERE entity_id = ?'),
      insertAlias: database.prepare(
        'INSERT OR IGNORE INTO entity_aliases (scope_key, normalized_alias, entity_id) VALUES (?, ?, ?)',
      ),
      insertEdge: database.prepare(`
        INSERT INTO entity_edges (edge_id, scope_key, subject_entity_id, relation, object_entity_id, memory_id)
        VALUES (@edgeId, @scopeKey, @subjectEntityId, @relation, @objectEntityId, @memoryId)`),
      edit: database.prepare(`
        UPDATE memories SET content = @content, details = coalesce(@details, details),
          metadata = coalesce(@metadata, metadata), updated_at = @updatedAt, dedup_key = @dedupKey
        WHERE memory_rowid = @memoryRowid`),
    };
  }

  /**
   * Applies one ingestion. Order matters: removals first (a re-ingested
   * document may reuse nothing of its old rows), entities before the links
   * and edges that name them, inserts before the supersessions that point at
   * them.
   */
  applyIngestion(changes: IngestionChanges): void {
    const instanceId = changes.document.instanceId;
    this.refuseResurrection(changes);
    this.statements.upsertDocument.run(documentParameters(changes.document));
    const unlinked: string[] = [];
    for (const memoryId of changes.removedMemoryIds) this.deleteMemory(instanceId, memoryId, unlinked);
    for (const entity of changes.entities) this.upsertEntity(entity);
    this.insertMemories(changes.inserts);
    for (const merge of changes.merges) this.merge(instanceId, merge);
    for (const supersession of changes.supersessions) this.supersede(instanceId, supersession);
    for (const edge of changes.edges) this.statements.insertEdge.run(edge);
    this.dropOrphanEntities(unlinked);
  }

  /**
   * Inserts memory rows and their vector, text and entity links, one table
   * at a time: consecutive inserts into one b-tree reuse its cursor's
   * position, while interleaving the tables made every insert seek from the
   * root (less than half the time per insert: docs/decisions/0044). Throws
   * on a duplicate id.
   */
  insertMemories(inserts: readonly MemoryInsert[]): void {
    const rowids = inserts.map(
      (insert) => this.statements.insertMemory.run(memoryParameters(insert.memory)).lastInsertRowid,
    );
    inserts.forEach((insert, index) => {
      this.statements.insertText.run(
        rowids[index],
        scopeTokenOf(insert.memory.owner.scopeKey),
        insert.searchText,
        insert.contextText ?? '',
      );
    });
    inserts.forEach((insert, index) => {
      this.writeTermFrequencies(rowids[index] as number | bigint, insert.searchText, insert.contextText);
    });
    for (const insert of inserts) {
      const { memory } = insert;
      this.statements.insertVector.run(memory.owner.scopeKey, memory.memoryId, vectorBlob(insert.embedding));
    }
    for (const insert of inserts) {
      for (const entityId of insert.entityIds)
        this.statements.insertMemoryEntity.run(insert.memory.memoryId, entityId);
    }
  }

  /** Deletes those of `entityIds` no memory names any more, with their aliases and edges. */
  dropOrphanEntities(entityIds: readonly string[]): void {
    for (const entityId of new Set(entityIds)) {
      if (this.statements.deleteOrphanEntity.run(entityId, entityId).changes === 0) continue;
      this.statements.deleteAliases.run(entityId);
      this.statements.deleteEdgesOfEntity.run(entityId, entityId);
    }
  }

  /**
   * Throws CONFLICT when the document was erased after this ingestion was
   * queued: a job already running when its document was erased must not
   * bring the text back. An ingestion queued after the erasure is a
   * deliberate new one and goes ahead.
   */
  private refuseResurrection(changes: IngestionChanges): void {
    if (changes.ingestionId === undefined) return;
    const erasedAt = this.statements.tombstoneOf.get(
      changes.document.instanceId,
      changes.document.documentId,
    ) as string | undefined;
    if (erasedAt === undefined) return;
    const queuedAt = this.statements.queuedAtOf.get(changes.ingestionId) as string | undefined;
    if (queuedAt !== undefined && queuedAt <= erasedAt) {
      throw new EngramError('CONFLICT', 'the document was erased after this ingestion was queued');
    }
  }

  /**
   * Deletes a memory and every index row that points at it, and the entities
   * (with their aliases and edges) no other memory mentions; false if it is
   * not in this instance. With `unlinkedEntities`, the entities it named are
   * added there instead, for {@link dropOrphanEntities} once the rest of the
   * write has linked what it links (a re-ingestion may link them again).
   */
  deleteMemory(instanceId: string, memoryId: string, unlinkedEntities?: string[]): boolean {
    const location = this.statements.locate.get(memoryId, instanceId) as MemoryLocation | undefined;
    if (!location) return false;
    this.statements.deleteVector.run(location.scope_key, memoryId);
    this.statements.deleteText.run(location.memory_rowid);
    this.statements.deleteTermFrequencies.run(location.memory_rowid);
    const entityIds = this.statements.entitiesOfMemory.all(memoryId) as string[];
    this.statements.deleteMemoryEntities.run(memoryId);
    this.statements.deleteEdgesOfMemory.run(memoryId);
    if (unlinkedEntities) unlinkedEntities.push(...entityIds);
    else this.dropOrphanEntities(entityIds);
    this.statements.deleteMemoryRow.run(location.memory_rowid);
    return true;
  }

  /** Rewrites content (and details/metadata when given) and re-indexes; false if not in this instance. */
  editMemory(instanceId: string, memoryId: string, edit: MemoryEdit): boolean {
    const location = this.statements.locate.get(memoryId, instanceId) as MemoryLocation | undefined;
    if (!location) return false;
    this.statements.edit.run({
      memoryRowid: location.memory_rowid,
      content: edit.content,
      details: edit.details === undefined ? null : JSON.stringify(edit.details),
      metadata: edit.metadata === undefined ? null : JSON.stringify(edit.metadata),
      updatedAt: edit.updatedAt,
      dedupKey: edit.dedupKey ?? null,
    });
    this.statements.replaceVector.run(location.scope_key, memoryId, vectorBlob(edit.embedding));
    this.statements.deleteText.run(location.memory_rowid);
    this.statements.insertText.run(
      location.memory_rowid,
      scopeTokenOf(location.scope_key),
      edit.searchText,
      edit.contextText ?? '',
    );
    this.writeTermFrequencies(location.memory_rowid, edit.searchText, edit.contextText);
    return true;
  }

  /** The stem counts of a memory's indexed text, beside its `memory_text` row (see term-frequencies.ts). */
  private writeTermFrequencies(
    memoryRowid: number | bigint,
    body: string,
    context: string | undefined,
  ): void {
    const bodyTerms = encodeTermFrequencies(body);
    const contextTerms = encodeTermFrequencies(context ?? '');
    // One more token: the scope token column, which FTS5 counts in a row's length.
    const tokens = 1 + bodyTerms.tokens + contextTerms.tokens;
    this.statements.insertTermFrequencies.run(memoryRowid, tokens, bodyTerms.encoded, contextTerms.encoded);
  }

  private merge(instanceId: string, merge: MemoryMerge): void {
    const row = this.statements.evidenceOf.get(merge.memoryId, instanceId) as
      | { source_evidence: string }
      | undefined;
    if (!row) throw missingTarget('merge');
    const evidence = new Set(JSON.parse(row.source_evidence) as string[]);
    for (const line of merge.addEvidence) evidence.add(line);
    this.statements.merge.run({
      memoryId: merge.memoryId,
      evidence: JSON.stringify([...evidence]),
      confidence: merge.confidence,
      mentionCountDelta: merge.mentionCountDelta,
      updatedAt: merge.updatedAt,
    });
  }

  private supersede(instanceId: string, supersession: MemorySupersession): void {
    const { changes } = this.statements.supersede.run({ ...supersession, instanceId });
    if (changes === 0) throw missingTarget('supersession');
  }

  /** Inserts or replaces an entity and its alias rows (by id). */
  upsertEntity(entity: StoredEntity): void {
    const { scope_key: scopeKey } = this.statements.upsertEntity.get({
      entityId: entity.entityId,
      scopeKey: entity.scopeKey,
      canonicalName: entity.canonicalName,
      normalizedName: normalizeEntityName(entity.canonicalName),
      type: entity.type,
      aliases: JSON.stringify(entity.aliases),
      mentionCount: entity.mentionCount,
    }) as { scope_key: string };
    this.statements.deleteAliases.run(entity.entityId);
    for (const name of [entity.canonicalName, ...entity.aliases]) {
      const normalized = normalizeEntityName(name);
      if (normalized !== '') this.statements.insertAlias.run(scopeKey, normalized, entity.entityId);
    }
  }
}

/**
 * A merge or supersession whose target vanished (deleted between the
 * pipeline's read and this write). Retryable: a rerun re-reads the scope.
 */
function missingTarget(step: 'merge' | 'supersession'): EngramError {
  return new EngramError('CONFLICT', `the ${step} target memory no longer exists`, {
    retryable: true,
    details: { step },
  });
}
