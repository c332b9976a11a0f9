import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import {
  applyMigrations,
  openSqliteDatabase,
  SQLITE_MIGRATIONS,
  SqliteEngramStore,
  SqliteTextIndex,
} from '../src/index.js';

describe('sqlite text index: context field', () => {
  const store = SqliteEngramStore.open(':memory:');
  after(() => store.close());

  it('finds a memory by its neighbouring lines, below one that has the words itself', async () => {
    const ann = userOwner(freshInstanceId(), 'ann');
    const reply = {
      ...memoryInsert(ann, { content: 'Ann said it was amazing' }),
      contextText: 'Bo: How was the pottery workshop?',
    };
    const own = memoryInsert(ann, { content: 'Ann signed up for a pottery workshop' });
    const unrelated = { ...memoryInsert(ann, { content: 'Ann likes tea' }), contextText: 'Bo: Coffee?' };
    await store.memories.applyIngestion(ingestion(ann, 'doc-a', { inserts: [reply, own, unrelated] }));
    const hits = await store.text.search([ann.scopeKey], ['pottery', 'workshop'], 10);
    assert.deepEqual(
      hits.map((hit) => hit.memoryId),
      [own.memory.memoryId, reply.memory.memoryId],
    );
    const contextBlind = new SqliteTextIndex(store.database, { contextWeight: 0 });
    const blind = await contextBlind.search([ann.scopeKey], ['pottery'], 10);
    assert.equal(blind.length, 2, 'weight 0 still matches on context');
    assert.equal(blind[0]?.memoryId, own.memory.memoryId);
    assert.throws(() => new SqliteTextIndex(store.database, { contextWeight: -1 }), /contextWeight/);
  });
});

describe('migration 8: full-text context column', () => {
  it('re-indexes memories written before it, still scoped, and searchable after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engram-fts-migration-'));
    try {
      const path = join(dir, 'old.db');
      const database = openSqliteDatabase(path);
      applyMigrations(
        database,
        SQLITE_MIGRATIONS.filter((migration) => migration.version < 8),
      );
      const instanceId = freshInstanceId();
      const ann = userOwner(instanceId, 'ann');
      const bo = userOwner(instanceId, 'bo');
      // The version-7 write path: a two-column full-text row.
      const insertOld = (owner: typeof ann, memoryId: string, content: string) => {
        const { lastInsertRowid } = database
          .prepare(`INSERT INTO memories (memory_id, instance_id, scope, user_id, scope_key, type, content,
              confidence, temporal_category, temporal_confidence, details, source_document_id,
              source_ingestion_id, source_document_type, source_document_created_at, source_evidence,
              mention_count, extractor, metadata, extracted_at, created_at, updated_at)
            VALUES (?, ?, 'user', ?, ?, 'fact', ?, 0.8, 'perpetual', 0.9, '{}', 'doc', 'ing',
              'ai-chat-conversation', '2026-01-01', ?, 1, 'rules', '{}', '2026-01-01', '2026-01-01', '2026-01-01')`)
          .run(
            memoryId,
            instanceId,
            owner.userId,
            owner.scopeKey,
            content,
            JSON.stringify([`User: ${content}`]),
          );
        database
          .prepare('INSERT INTO memory_text (rowid, scope_token, body) VALUES (?, engram_scope_token(?), ?)')
          .run(lastInsertRowid, owner.scopeKey, content);
      };
      insertOld(ann, '00000000-0000-7000-8000-000000000001', 'Ann adopted a greyhound');
      insertOld(bo, '00000000-0000-7000-8000-000000000002', 'Bo adopted a greyhound too');
      database.close();

      const store = SqliteEngramStore.open(path);
      await store.migrate();
      try {
        const columns = store.database.prepare('SELECT * FROM memory_text LIMIT 0').columns();
        assert.deepEqual(
          columns.map((column) => column.name),
          ['scope_token', 'body', 'context'],
        );
        const hits = await store.text.search([ann.scopeKey], ['greyhound'], 10);
        assert.deepEqual(
          hits.map((hit) => hit.memoryId),
          ['00000000-0000-7000-8000-000000000001'],
        );
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
