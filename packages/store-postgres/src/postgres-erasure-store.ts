import type { ErasureReport, ErasureStore, ErasureSubject, OutboxEvent } from '@engram/core';
import { PostgresMemoryWrites } from './postgres-memory-writes.js';
import { enqueueOutboxEvents } from './postgres-outbox-writes.js';
import type { PostgresDatabase, PostgresQueryable } from './postgres-pool.js';

/** Result left in an erased ingestion's job: ids of nothing, counts of nothing (as on SQLite). */
const ERASED_RESULT = JSON.stringify({ memoriesCreated: 0, memoryIds: [], erased: true });

/** Tables whose deleted rows {@link PostgresErasureStore.purge} vacuums away. */
const ERASED_TABLES = [
  'memories',
  'memory_text',
  'memory_vectors',
  'memory_entities',
  'entity_memories_by_recency',
  'entities',
  'entity_aliases',
  'entity_edges',
  'documents',
  'messages',
  'conversations',
  'transcripts',
];

function emptyReport(): ErasureReport {
  return { memories: 0, documents: 0, conversations: 0, scopeKeys: [] };
}

function addInto(total: ErasureReport, part: ErasureReport): void {
  total.memories += part.memories;
  total.documents += part.documents;
  total.conversations += part.conversations;
  for (const key of part.scopeKeys) if (!total.scopeKeys.includes(key)) total.scopeKeys.push(key);
}

/** The steps of one erasure, on a connection inside its transaction. */
class ErasureSteps {
  private readonly writes: PostgresMemoryWrites;

  constructor(private readonly sql: PostgresQueryable) {
    this.writes = new PostgresMemoryWrites(sql);
  }

  async memory(
    instanceId: string,
    memoryId: string,
    erasedAt: string,
    events: readonly OutboxEvent[],
  ): Promise<ErasureReport | undefined> {
    const { rows } = await this.sql.query<{ scope_key: string; source_document_id: string }>(
      'SELECT scope_key, source_document_id FROM memories WHERE memory_id = $1 AND instance_id = $2 FOR UPDATE',
      [memoryId, instanceId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    await this.writes.deleteMemory(instanceId, memoryId);
    await enqueueOutboxEvents(this.sql, events);
    // The id leaves the results of the scope's ingestions that list it (serial key = scope key).
    await this.sql.query(
      `UPDATE jobs SET result = jsonb_set(result::jsonb, '{memoryIds}', coalesce(
         (SELECT jsonb_agg(id) FROM jsonb_array_elements(result::jsonb -> 'memoryIds') AS id
          WHERE id <> to_jsonb($2::text)), '[]'::jsonb))
       WHERE instance_id = $1 AND kind = 'ingest-document' AND serial_key = $3
         AND (result::jsonb -> 'memoryIds') @> jsonb_build_array($2::text)`,
      [instanceId, memoryId, row.scope_key],
    );
    const report = { ...emptyReport(), memories: 1, scopeKeys: [row.scope_key] };
    const left = await this.sql.query(
      'SELECT 1 FROM memories WHERE instance_id = $1 AND source_document_id = $2 LIMIT 1',
      [instanceId, row.source_document_id],
    );
    if (left.rows.length === 0)
      addInto(report, await this.document(instanceId, row.source_document_id, erasedAt));
    return report;
  }

  /** The document's memories (with cascades), its row, its jobs' text, and a tombstone. */
  async document(instanceId: string, documentId: string, erasedAt: string): Promise<ErasureReport> {
    const report = emptyReport();
    const document = await this.sql.query<{ scope_key: string }>(
      'SELECT scope_key FROM documents WHERE instance_id = $1 AND document_id = $2 FOR UPDATE',
      [instanceId, documentId],
    );
    const { rows: memories } = await this.sql.query<{ memory_id: string; scope_key: string }>(
      'SELECT memory_id, scope_key FROM memories WHERE instance_id = $1 AND source_document_id = $2 ORDER BY memory_rowid',
      [instanceId, documentId],
    );
    for (const memory of memories) {
      if (!report.scopeKeys.includes(memory.scope_key)) report.scopeKeys.push(memory.scope_key);
      if (await this.writes.deleteMemory(instanceId, memory.memory_id)) report.memories += 1;
    }
    const scopeKey = document.rows[0]?.scope_key;
    if (scopeKey !== undefined) {
      if (!report.scopeKeys.includes(scopeKey)) report.scopeKeys.push(scopeKey);
      await this.sql.query('DELETE FROM documents WHERE instance_id = $1 AND document_id = $2', [
        instanceId,
        documentId,
      ]);
      report.documents = 1;
    }
    // Text out of the payload, ids out of the result; a pending one fails instead of running empty.
    await this.sql.query(
      `UPDATE jobs SET payload = jsonb_build_object('documentId', $2::text, 'erased', true),
         result = $3::jsonb,
         status = CASE WHEN status IN ('queued', 'processing') THEN 'failed' ELSE status END,
         error_message = CASE WHEN status IN ('queued', 'processing') THEN 'the document was erased'
           ELSE error_message END,
         lease_until = NULL
       WHERE instance_id = $1 AND kind = 'ingest-document' AND payload::jsonb ->> 'documentId' = $2`,
      [instanceId, documentId, ERASED_RESULT],
    );
    await this.sql.query(
      `INSERT INTO document_tombstones (instance_id, document_id, erased_at) VALUES ($1, $2, $3)
       ON CONFLICT (instance_id, document_id) DO UPDATE SET erased_at = excluded.erased_at`,
      [instanceId, documentId, erasedAt],
    );
    return report;
  }

  async subject(instanceId: string, subject: ErasureSubject, erasedAt: string): Promise<ErasureReport> {
    const filter = [instanceId, subject.customerId ?? null, subject.userId ?? null];
    const report = emptyReport();
    const { rows: documents } = await this.sql.query<{ document_id: string }>(
      `SELECT document_id FROM documents WHERE instance_id = $1
         AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR user_id = $3)
       ORDER BY document_id`,
      filter,
    );
    for (const row of documents) addInto(report, await this.document(instanceId, row.document_id, erasedAt));
    const { rows: conversations } = await this.sql.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM conversations WHERE instance_id = $1
         AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR user_id = $3)
       ORDER BY conversation_id FOR UPDATE`,
      filter,
    );
    for (const { conversation_id: conversationId } of conversations) {
      const key = [instanceId, conversationId];
      await this.sql.query('DELETE FROM messages WHERE instance_id = $1 AND conversation_id = $2', key);
      await this.sql.query('DELETE FROM transcripts WHERE instance_id = $1 AND conversation_id = $2', key);
      await this.sql.query('DELETE FROM conversations WHERE instance_id = $1 AND conversation_id = $2', key);
      await this.sql.query('DELETE FROM compactions WHERE instance_id = $1 AND conversation_id = $2', key);
      await this.sql.query(
        'DELETE FROM conversation_extractions WHERE instance_id = $1 AND conversation_id = $2',
        key,
      );
      await this.sql.query(
        `UPDATE jobs SET payload = '{"erased":true}'::jsonb, result = '{}'::jsonb,
           status = CASE WHEN status IN ('queued', 'processing') THEN 'failed' ELSE status END,
           error_message = CASE WHEN status IN ('queued', 'processing') THEN 'the conversation was erased'
             ELSE error_message END,
           lease_until = NULL
         WHERE instance_id = $1 AND serial_key = ANY($2::text[])`,
        [instanceId, [`compaction:${conversationId}`, `extract:${instanceId}:${conversationId}`]],
      );
      report.conversations += 1;
    }
    return report;
  }
}

/**
 * {@link ErasureStore} on PostgreSQL: each erasure is one transaction
 * (memory rows, their vector, text, entity and edge rows, the document, its
 * jobs' text, the conversations, a tombstone), so every node sees all of it
 * or none.
 * {@link purge} vacuums the erased tables: dead row versions leave the heap
 * and every index, so no query, snapshot or index scan can reach the text.
 */
export class PostgresErasureStore implements ErasureStore {
  constructor(private readonly database: PostgresDatabase) {}

  private run<Result>(work: (steps: ErasureSteps) => Promise<Result>): Promise<Result> {
    return this.database.transaction((sql) => work(new ErasureSteps(sql)));
  }

  async eraseMemory(
    instanceId: string,
    memoryId: string,
    erasedAt: string,
    events: readonly OutboxEvent[] = [],
  ): Promise<ErasureReport | undefined> {
    return this.run((steps) => steps.memory(instanceId, memoryId, erasedAt, events));
  }

  async eraseDocument(instanceId: string, documentId: string, erasedAt: string): Promise<ErasureReport> {
    return this.run((steps) => steps.document(instanceId, documentId, erasedAt));
  }

  async eraseSubject(instanceId: string, subject: ErasureSubject, erasedAt: string): Promise<ErasureReport> {
    return this.run((steps) => steps.subject(instanceId, subject, erasedAt));
  }

  /**
   * VACUUM (outside any transaction) of every table erasure deletes from,
   * and of the queue's `jobs`. False when the database could
   * not be vacuumed now (busy or down): the caller tries again later.
   */
  async purge(): Promise<boolean> {
    try {
      await this.database.query(`VACUUM ${[...ERASED_TABLES, 'jobs'].join(', ')}`);
      return true;
    } catch {
      return false;
    }
  }
}
