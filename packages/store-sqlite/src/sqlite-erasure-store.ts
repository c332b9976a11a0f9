import type { ErasureReport, ErasureStore, ErasureSubject, OutboxEvent } from '@engram/core';
import { MemoryWrites } from './memory-writes.js';
import { OutboxWrites } from './outbox-writes.js';
import type { SqliteHandle } from './sqlite-database.js';

/** Result left in an erased ingestion's job: ids of nothing, counts of nothing. */
const ERASED_RESULT = JSON.stringify({ memoriesCreated: 0, memoryIds: [], erased: true });

function emptyReport(): ErasureReport {
  return { memories: 0, documents: 0, conversations: 0, scopeKeys: [] };
}

function addInto(total: ErasureReport, part: ErasureReport): void {
  total.memories += part.memories;
  total.documents += part.documents;
  total.conversations += part.conversations;
  for (const key of part.scopeKeys) if (!total.scopeKeys.includes(key)) total.scopeKeys.push(key);
}

/**
 * {@link ErasureStore} on SQLite. The connection runs with
 * `secure_delete = ON` (sqlite-database.ts), so deleted rows' pages are
 * zeroed rather than left in the free list; {@link purge} then merges the
 * full-text index and empties the write-ahead log, after which the text is
 * in neither file.
 */
export class SqliteErasureStore implements ErasureStore {
  private readonly statements;
  private readonly writes: MemoryWrites;
  private readonly memoryTransaction;
  private readonly documentTransaction;
  private readonly subjectTransaction;

  constructor(private readonly database: SqliteHandle) {
    this.writes = new MemoryWrites(database);
    this.statements = {
      memory: database.prepare(
        'SELECT scope_key, source_document_id FROM memories WHERE memory_id = ? AND instance_id = ?',
      ),
      memoriesOfDocument: database
        .prepare('SELECT memory_id FROM memories WHERE instance_id = ? AND source_document_id = ?')
        .pluck(),
      document: database.prepare('SELECT scope_key FROM documents WHERE instance_id = ? AND document_id = ?'),
      deleteDocument: database.prepare('DELETE FROM documents WHERE instance_id = ? AND document_id = ?'),
      tombstone: database.prepare(`
        INSERT INTO document_tombstones (instance_id, document_id, erased_at) VALUES (?, ?, ?)
        ON CONFLICT (instance_id, document_id) DO UPDATE SET erased_at = excluded.erased_at`),
      // A memory id leaves the results of the scope's ingestions that list it
      // (the serial key of an ingestion is its scope key, which is indexed).
      dropFromResults: database.prepare(`
        UPDATE jobs SET result = json_set(result, '$.memoryIds',
            (SELECT json_group_array(value) FROM json_each(result, '$.memoryIds') WHERE value <> @memoryId))
        WHERE instance_id = @instanceId AND kind = 'ingest-document' AND serial_key = @scopeKey
          AND EXISTS (SELECT 1 FROM json_each(result, '$.memoryIds') WHERE value = @memoryId)`),
      // Ingestions of the document: text out of the payload, ids out of the
      // result; a pending one fails instead of running on an empty payload.
      // Every ingestion of the instance is looked at (erasure is rare): one
      // still queued has written no document whose scope would narrow it.
      scrubDocumentJobs: database.prepare(`
        UPDATE jobs SET payload = json_object('documentId', @documentId, 'erased', json('true')),
          result = @erasedResult,
          status = CASE WHEN status IN ('queued', 'processing') THEN 'failed' ELSE status END,
          error_message = CASE WHEN status IN ('queued', 'processing') THEN 'the document was erased'
            ELSE error_message END,
          lease_until = NULL
        WHERE instance_id = @instanceId AND kind = 'ingest-document'
          AND json_extract(payload, '$.documentId') = @documentId`),
      documentsOfSubject: database.prepare(`
        SELECT document_id FROM documents WHERE instance_id = @instanceId
          AND (@customerId IS NULL OR customer_id = @customerId)
          AND (@userId IS NULL OR user_id = @userId)`),
      conversationsOfSubject: database
        .prepare(`
          SELECT conversation_id FROM conversations WHERE instance_id = @instanceId
            AND (@customerId IS NULL OR customer_id = @customerId)
            AND (@userId IS NULL OR user_id = @userId)`)
        .pluck(),
      deleteMessages: database.prepare('DELETE FROM messages WHERE instance_id = ? AND conversation_id = ?'),
      deleteCompactions: database.prepare(
        'DELETE FROM compactions WHERE instance_id = ? AND conversation_id = ?',
      ),
      deleteTranscript: database.prepare(
        'DELETE FROM transcripts WHERE instance_id = ? AND conversation_id = ?',
      ),
      deleteConversation: database.prepare(
        'DELETE FROM conversations WHERE instance_id = ? AND conversation_id = ?',
      ),
      deleteExtractionCursor: database.prepare(
        'DELETE FROM conversation_extractions WHERE instance_id = ? AND conversation_id = ?',
      ),
      scrubCompactionJobs: database.prepare(`
        UPDATE jobs SET payload = json_object('erased', json('true')), result = '{}',
          status = CASE WHEN status IN ('queued', 'processing') THEN 'failed' ELSE status END,
          error_message = CASE WHEN status IN ('queued', 'processing') THEN 'the conversation was erased'
            ELSE error_message END,
          lease_until = NULL
        WHERE instance_id = ? AND serial_key = ?`),
    };
    const outbox = new OutboxWrites(database);
    this.memoryTransaction = database.transaction(
      (
        instanceId: string,
        memoryId: string,
        erasedAt: string,
        events: readonly OutboxEvent[],
      ): ErasureReport | undefined => {
        const row = this.statements.memory.get(memoryId, instanceId) as
          | { scope_key: string; source_document_id: string }
          | undefined;
        if (row === undefined) return undefined;
        this.writes.deleteMemory(instanceId, memoryId);
        outbox.enqueue(events);
        this.statements.dropFromResults.run({ instanceId, memoryId, scopeKey: row.scope_key });
        const report = { ...emptyReport(), memories: 1, scopeKeys: [row.scope_key] };
        if (this.statements.memoriesOfDocument.all(instanceId, row.source_document_id).length === 0) {
          addInto(report, this.eraseDocumentRows(instanceId, row.source_document_id, erasedAt));
        }
        return report;
      },
    );
    this.documentTransaction = database.transaction(
      (instanceId: string, documentId: string, erasedAt: string) =>
        this.eraseDocumentRows(instanceId, documentId, erasedAt),
    );
    this.subjectTransaction = database.transaction(
      (instanceId: string, subject: ErasureSubject, erasedAt: string) => {
        const filter = { instanceId, customerId: subject.customerId ?? null, userId: subject.userId ?? null };
        const report = emptyReport();
        for (const row of this.statements.documentsOfSubject.all(filter) as { document_id: string }[]) {
          addInto(report, this.eraseDocumentRows(instanceId, row.document_id, erasedAt));
        }
        for (const conversationId of this.statements.conversationsOfSubject.all(filter) as string[]) {
          this.statements.deleteMessages.run(instanceId, conversationId);
          this.statements.deleteCompactions.run(instanceId, conversationId);
          this.statements.deleteTranscript.run(instanceId, conversationId);
          this.statements.deleteConversation.run(instanceId, conversationId);
          this.statements.deleteExtractionCursor.run(instanceId, conversationId);
          this.statements.scrubCompactionJobs.run(instanceId, `compaction:${conversationId}`);
          this.statements.scrubCompactionJobs.run(instanceId, `extract:${instanceId}:${conversationId}`);
          report.conversations += 1;
        }
        return report;
      },
    );
  }

  /** The document's memories (with cascades), its row, its jobs' text, and a tombstone. */
  private eraseDocumentRows(instanceId: string, documentId: string, erasedAt: string): ErasureReport {
    const report = emptyReport();
    const document = this.statements.document.get(instanceId, documentId) as
      | { scope_key: string }
      | undefined;
    for (const memoryId of this.statements.memoriesOfDocument.all(instanceId, documentId) as string[]) {
      const row = this.statements.memory.get(memoryId, instanceId) as { scope_key: string } | undefined;
      if (row !== undefined && !report.scopeKeys.includes(row.scope_key))
        report.scopeKeys.push(row.scope_key);
      if (this.writes.deleteMemory(instanceId, memoryId)) report.memories += 1;
    }
    if (document !== undefined) {
      if (!report.scopeKeys.includes(document.scope_key)) report.scopeKeys.push(document.scope_key);
      this.statements.deleteDocument.run(instanceId, documentId);
      report.documents = 1;
    }
    this.statements.scrubDocumentJobs.run({ instanceId, documentId, erasedResult: ERASED_RESULT });
    this.statements.tombstone.run(instanceId, documentId, erasedAt);
    return report;
  }

  async eraseMemory(
    instanceId: string,
    memoryId: string,
    erasedAt: string,
    events: readonly OutboxEvent[] = [],
  ) {
    return this.memoryTransaction(instanceId, memoryId, erasedAt, events);
  }

  async eraseDocument(instanceId: string, documentId: string, erasedAt: string) {
    return this.documentTransaction(instanceId, documentId, erasedAt);
  }

  async eraseSubject(instanceId: string, subject: ErasureSubject, erasedAt: string) {
    return this.subjectTransaction(instanceId, subject, erasedAt);
  }

  async purge(): Promise<boolean> {
    // FTS5 keeps a deleted row's terms in its segments until they are merged.
    this.database.prepare("INSERT INTO memory_text (memory_text) VALUES ('optimize')").run();
    const [checkpoint] = this.database.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return checkpoint === undefined || checkpoint.busy === 0;
  }
}
