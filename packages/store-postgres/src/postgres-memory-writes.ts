import type {
  IngestionChanges,
  MemoryEdit,
  MemoryInsert,
  MemoryMerge,
  MemorySupersession,
  StoredEntity,
} from '@engram/core';
import { EngramError, normalizeEntityName } from '@engram/core';
import { documentParameters, memoryParameters } from '@engram/store-sqlite/portable';
import { insertRows } from './bulk-insert.js';
import type { PostgresQueryable } from './postgres-pool.js';
import { textRowOf } from './text-lexemes.js';

/** The bytes of a float32 vector (little-endian on every platform Node supports). */
export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

const MEMORY_COLUMNS = [
  'memory_id',
  'instance_id',
  'scope',
  'customer_id',
  'user_id',
  'conversation_id',
  'scope_key',
  'type',
  'content',
  'confidence',
  'subject',
  'attribute',
  'value',
  'event_date',
  'valid_until',
  'temporal_category',
  'temporal_confidence',
  'details',
  'source_document_id',
  'source_ingestion_id',
  'source_document_type',
  'source_document_created_at',
  'source_evidence',
  'mention_count',
  'superseded_by',
  'extractor',
  'metadata',
  'extracted_at',
  'created_at',
  'updated_at',
  'dedup_key',
  'config_version',
] as const;

function memoryValues(insert: MemoryInsert): unknown[] {
  const p = memoryParameters(insert.memory);
  return [
    p.memoryId,
    p.instanceId,
    p.scope,
    p.customerId,
    p.userId,
    p.conversationId,
    p.scopeKey,
    p.type,
    p.content,
    p.confidence,
    p.subject,
    p.attribute,
    p.value,
    p.eventDate,
    p.validUntil,
    p.temporalCategory,
    p.temporalConfidence,
    p.details,
    p.sourceDocumentId,
    p.sourceIngestionId,
    p.sourceDocumentType,
    p.sourceDocumentCreatedAt,
    p.sourceEvidence,
    p.mentionCount,
    p.supersededBy,
    p.extractor,
    p.metadata,
    p.extractedAt,
    p.createdAt,
    p.updatedAt,
    p.dedupKey,
    p.configVersion,
  ];
}

/** What a cascade needs to find a memory's rows in every index. */
interface MemoryLocation {
  memory_rowid: number;
  scope_key: string;
}

/**
 * The write steps of the memory store, on a connection inside a transaction
 * the caller opened: several compose into one atomic write, as on SQLite
 * (same order of steps, same cascades).
 */
export class PostgresMemoryWrites {
  constructor(private readonly sql: PostgresQueryable) {}

  /**
   * Applies one ingestion. Order matters: removals first, entities before
   * the links and edges that name them, inserts before the supersessions
   * that point at them.
   */
  async applyIngestion(changes: IngestionChanges): Promise<void> {
    const instanceId = changes.document.instanceId;
    await this.refuseResurrection(changes);
    await this.upsertDocument(changes);
    const unlinked: string[] = [];
    for (const memoryId of changes.removedMemoryIds) await this.deleteMemory(instanceId, memoryId, unlinked);
    // In id order: two ingestions touching the same entities lock their rows in
    // the same order, so they queue behind each other instead of deadlocking.
    const entities = [...changes.entities].sort((left, right) =>
      left.entityId < right.entityId ? -1 : left.entityId > right.entityId ? 1 : 0,
    );
    for (const entity of entities) await this.upsertEntity(entity);
    await this.insertMemories(changes.inserts);
    for (const merge of changes.merges) await this.merge(instanceId, merge);
    for (const supersession of changes.supersessions) await this.supersede(instanceId, supersession);
    await insertRows(
      this.sql,
      'entity_edges',
      ['edge_id', 'scope_key', 'subject_entity_id', 'relation', 'object_entity_id', 'memory_id'],
      changes.edges.map((edge) => [
        edge.edgeId,
        edge.scopeKey,
        edge.subjectEntityId,
        edge.relation,
        edge.objectEntityId,
        edge.memoryId,
      ]),
    );
    await this.dropOrphanEntities(unlinked);
  }

  private async upsertDocument(changes: IngestionChanges): Promise<void> {
    const d = documentParameters(changes.document);
    await this.sql.query(
      `INSERT INTO documents (instance_id, document_id, scope, customer_id, user_id, conversation_id, scope_key,
                              document_type, mode, content, content_hash, document_created_at, metadata,
                              created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (instance_id, document_id) DO UPDATE SET
         scope = excluded.scope, customer_id = excluded.customer_id, user_id = excluded.user_id,
         conversation_id = excluded.conversation_id, scope_key = excluded.scope_key,
         document_type = excluded.document_type, mode = excluded.mode, content = excluded.content,
         content_hash = excluded.content_hash, document_created_at = excluded.document_created_at,
         metadata = excluded.metadata, updated_at = excluded.updated_at`,
      [
        d.instanceId,
        d.documentId,
        d.scope,
        d.customerId,
        d.userId,
        d.conversationId,
        d.scopeKey,
        d.documentType,
        d.mode,
        d.content,
        d.contentHash,
        d.documentCreatedAt,
        d.metadata,
        d.createdAt,
        d.updatedAt,
      ],
    );
  }

  /**
   * Inserts memory rows and their vector, text and entity links: one
   * multi-row statement per table. Throws (CONFLICT) on a duplicate id.
   */
  async insertMemories(inserts: readonly MemoryInsert[]): Promise<void> {
    if (inserts.length === 0) return;
    const returned = await insertRows<{ memory_id: string; memory_rowid: number }>(
      this.sql,
      'memories',
      MEMORY_COLUMNS,
      inserts.map(memoryValues),
      { suffix: 'RETURNING memory_id, memory_rowid' },
    );
    const rowids = new Map(returned.map((row) => [row.memory_id, row.memory_rowid]));
    await insertRows(
      this.sql,
      'memory_text',
      ['memory_rowid', 'scope_key', 'lexemes', 'tokens', 'body', 'context', 'body_text', 'context_text'],
      inserts.map((insert) => {
        const text = textRowOf(insert.memory.owner.scopeKey, insert.searchText, insert.contextText);
        return [
          rowids.get(insert.memory.memoryId),
          insert.memory.owner.scopeKey,
          text.lexemes,
          text.tokens,
          text.body,
          text.context,
          insert.searchText,
          insert.contextText ?? '',
        ];
      }),
      { expressions: { lexemes: 'array_to_tsvector({}::text[])' } },
    );
    await insertRows(
      this.sql,
      'memory_vectors',
      ['scope_key', 'memory_id', 'dimensions', 'embedding'],
      inserts.map((insert) => [
        insert.memory.owner.scopeKey,
        insert.memory.memoryId,
        insert.embedding.length,
        vectorBytes(insert.embedding),
      ]),
    );
    await insertRows(
      this.sql,
      'memory_entities',
      ['memory_id', 'entity_id'],
      inserts.flatMap((insert) =>
        [...new Set(insert.entityIds)].map((entityId) => [insert.memory.memoryId, entityId]),
      ),
      { suffix: 'ON CONFLICT DO NOTHING' },
    );
  }

  /** Deletes those of `entityIds` no memory names any more, with their aliases and edges. */
  async dropOrphanEntities(entityIds: readonly string[]): Promise<void> {
    const unique = [...new Set(entityIds)];
    if (unique.length === 0) return;
    const { rows } = await this.sql.query<{ entity_id: string }>(
      `DELETE FROM entities WHERE entity_id = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM memory_entities WHERE memory_entities.entity_id = entities.entity_id)
       RETURNING entity_id`,
      [unique],
    );
    if (rows.length === 0) return;
    const dropped = rows.map((row) => row.entity_id);
    await this.sql.query('DELETE FROM entity_aliases WHERE entity_id = ANY($1::text[])', [dropped]);
    await this.sql.query(
      'DELETE FROM entity_edges WHERE subject_entity_id = ANY($1::text[]) OR object_entity_id = ANY($1::text[])',
      [dropped],
    );
  }

  /**
   * Throws CONFLICT when the document was erased after this ingestion was
   * queued (see the SQLite adapter). The queue time is read from `jobs`.
   */
  private async refuseResurrection(changes: IngestionChanges): Promise<void> {
    if (changes.ingestionId === undefined) return;
    const tombstone = await this.sql.query<{ erased_at: string }>(
      'SELECT erased_at FROM document_tombstones WHERE instance_id = $1 AND document_id = $2',
      [changes.document.instanceId, changes.document.documentId],
    );
    const erasedAt = tombstone.rows[0]?.erased_at;
    if (erasedAt === undefined) return;
    const queuedAt = await this.queuedAtOf(changes.ingestionId);
    if (queuedAt !== undefined && queuedAt <= erasedAt) {
      throw new EngramError('CONFLICT', 'the document was erased after this ingestion was queued');
    }
  }

  /** The job's queue time; undefined for no such job (or, before the job queue's migration, no jobs table). */
  private async queuedAtOf(jobId: string): Promise<string | undefined> {
    const exists = await this.sql.query<{ present: boolean }>(
      "SELECT to_regclass('jobs') IS NOT NULL AS present",
    );
    if (!exists.rows[0]?.present) return undefined;
    const { rows } = await this.sql.query<{ queued_at: string | Date }>(
      'SELECT queued_at FROM jobs WHERE job_id = $1',
      [jobId],
    );
    const queuedAt = rows[0]?.queued_at;
    return queuedAt instanceof Date ? queuedAt.toISOString() : queuedAt;
  }

  /**
   * Deletes a memory and every index row that points at it, and the
   * entities no other memory mentions; false if it is not in this instance.
   * With `unlinkedEntities`, the entities it named are collected there
   * instead, for {@link dropOrphanEntities} at the end of the write.
   */
  async deleteMemory(instanceId: string, memoryId: string, unlinkedEntities?: string[]): Promise<boolean> {
    const location = await this.locate(instanceId, memoryId);
    if (!location) return false;
    await this.sql.query('DELETE FROM memory_vectors WHERE scope_key = $1 AND memory_id = $2', [
      location.scope_key,
      memoryId,
    ]);
    await this.sql.query('DELETE FROM memory_text WHERE memory_rowid = $1', [location.memory_rowid]);
    const linked = await this.sql.query<{ entity_id: string }>(
      'DELETE FROM memory_entities WHERE memory_id = $1 RETURNING entity_id',
      [memoryId],
    );
    await this.sql.query('DELETE FROM entity_edges WHERE memory_id = $1', [memoryId]);
    const entityIds = linked.rows.map((row) => row.entity_id);
    if (unlinkedEntities) unlinkedEntities.push(...entityIds);
    else await this.dropOrphanEntities(entityIds);
    await this.sql.query('DELETE FROM memories WHERE memory_rowid = $1', [location.memory_rowid]);
    return true;
  }

  /** Rewrites content (and details/metadata when given) and re-indexes; false if not in this instance. */
  async editMemory(instanceId: string, memoryId: string, edit: MemoryEdit): Promise<boolean> {
    const location = await this.locate(instanceId, memoryId, true);
    if (!location) return false;
    await this.sql.query(
      `UPDATE memories SET content = $2, details = coalesce($3, details), metadata = coalesce($4, metadata),
         updated_at = $5, dedup_key = $6
       WHERE memory_rowid = $1`,
      [
        location.memory_rowid,
        edit.content,
        edit.details === undefined ? null : JSON.stringify(edit.details),
        edit.metadata === undefined ? null : JSON.stringify(edit.metadata),
        edit.updatedAt,
        edit.dedupKey ?? null,
      ],
    );
    await this.sql.query(
      `INSERT INTO memory_vectors (scope_key, memory_id, dimensions, embedding) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope_key, memory_id) DO UPDATE SET dimensions = excluded.dimensions, embedding = excluded.embedding`,
      [location.scope_key, memoryId, edit.embedding.length, vectorBytes(edit.embedding)],
    );
    const text = textRowOf(location.scope_key, edit.searchText, edit.contextText);
    await this.sql.query(
      `INSERT INTO memory_text (memory_rowid, scope_key, lexemes, tokens, body, context, body_text, context_text)
       VALUES ($1, $2, array_to_tsvector($3::text[]), $4, $5, $6, $7, $8)
       ON CONFLICT (memory_rowid) DO UPDATE SET lexemes = excluded.lexemes, tokens = excluded.tokens,
         body = excluded.body, context = excluded.context,
         body_text = excluded.body_text, context_text = excluded.context_text`,
      [
        location.memory_rowid,
        location.scope_key,
        text.lexemes,
        text.tokens,
        text.body,
        text.context,
        edit.searchText,
        edit.contextText ?? '',
      ],
    );
    return true;
  }

  private async locate(
    instanceId: string,
    memoryId: string,
    lock = false,
  ): Promise<MemoryLocation | undefined> {
    const { rows } = await this.sql.query<MemoryLocation>(
      `SELECT memory_rowid, scope_key FROM memories WHERE memory_id = $1 AND instance_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [memoryId, instanceId],
    );
    return rows[0];
  }

  private async merge(instanceId: string, merge: MemoryMerge): Promise<void> {
    // FOR UPDATE: two nodes merging into one memory must not lose each other's evidence.
    const { rows } = await this.sql.query<{ source_evidence: string }>(
      'SELECT source_evidence FROM memories WHERE memory_id = $1 AND instance_id = $2 FOR UPDATE',
      [merge.memoryId, instanceId],
    );
    const row = rows[0];
    if (!row) throw missingTarget('merge');
    const evidence = new Set(JSON.parse(row.source_evidence) as string[]);
    for (const line of merge.addEvidence) evidence.add(line);
    await this.sql.query(
      `UPDATE memories SET source_evidence = $2, confidence = $3, mention_count = mention_count + $4, updated_at = $5
       WHERE memory_id = $1`,
      [
        merge.memoryId,
        JSON.stringify([...evidence]),
        merge.confidence,
        merge.mentionCountDelta,
        merge.updatedAt,
      ],
    );
  }

  private async supersede(instanceId: string, supersession: MemorySupersession): Promise<void> {
    const { rowCount } = await this.sql.query(
      `UPDATE memories SET valid_until = $1, superseded_by = $2, updated_at = $3
       WHERE memory_id = $4 AND instance_id = $5`,
      [
        supersession.validUntil,
        supersession.supersededBy,
        supersession.updatedAt,
        supersession.memoryId,
        instanceId,
      ],
    );
    if (rowCount === 0) throw missingTarget('supersession');
  }

  /** Inserts or replaces an entity and its alias rows (by id). */
  async upsertEntity(entity: StoredEntity): Promise<void> {
    const { rows } = await this.sql.query<{ scope_key: string }>(
      `INSERT INTO entities (entity_id, scope_key, canonical_name, normalized_name, type, aliases, mention_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (entity_id) DO UPDATE SET
         canonical_name = excluded.canonical_name, normalized_name = excluded.normalized_name,
         type = excluded.type, aliases = excluded.aliases, mention_count = excluded.mention_count
       RETURNING scope_key`,
      [
        entity.entityId,
        entity.scopeKey,
        entity.canonicalName,
        normalizeEntityName(entity.canonicalName),
        entity.type,
        JSON.stringify(entity.aliases),
        entity.mentionCount,
      ],
    );
    const scopeKey = rows[0]?.scope_key as string;
    await this.sql.query('DELETE FROM entity_aliases WHERE entity_id = $1', [entity.entityId]);
    const names = new Set<string>();
    for (const name of [entity.canonicalName, ...entity.aliases]) {
      const normalized = normalizeEntityName(name);
      if (normalized !== '') names.add(normalized);
    }
    await insertRows(
      this.sql,
      'entity_aliases',
      ['scope_key', 'normalized_alias', 'entity_id'],
      [...names].map((name) => [scopeKey, name, entity.entityId]),
      { suffix: 'ON CONFLICT DO NOTHING' },
    );
  }
}

/** A merge or supersession whose target vanished between the pipeline's read and this write. Retryable. */
function missingTarget(step: 'merge' | 'supersession'): EngramError {
  return new EngramError('CONFLICT', `the ${step} target memory no longer exists`, {
    retryable: true,
    details: { step },
  });
}
