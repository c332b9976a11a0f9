import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  edge,
  entity,
  freshInstanceId,
  ingestion,
  memoryInsert,
  memoryStoreConformanceSuite,
  userOwner,
} from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';
import { sqliteStoreFactory } from './support/sqlite-store-factory.js';

memoryStoreConformanceSuite('sqlite', sqliteStoreFactory('memories'));

describe('sqlite memory specifics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engram-sqlite-plans-'));
  const store = SqliteEngramStore.open(join(dir, 'plans.db'));
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const count = (table: string) =>
    (store.database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const plan = (sql: string, ...parameters: unknown[]) =>
    (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[])
      .map((row) => row.detail)
      .join('\n');

  it('leaves no orphan index rows after deletes and removals', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const person = entity(owner, 'Ann');
    const inserts = ['one', 'two', 'three'].map((content) =>
      memoryInsert(owner, { content, documentId: 'doc', entityIds: [person.entityId] }),
    );
    const [first, second, third] = inserts.map((insert) => insert.memory.memoryId) as [
      string,
      string,
      string,
    ];
    await store.memories.applyIngestion(
      ingestion(owner, 'doc', { inserts, entities: [person], edges: [edge(owner, person, person, first)] }),
    );
    await store.memories.deleteMemory(owner.instanceId, first);
    await store.memories.applyIngestion(ingestion(owner, 'doc', { removedMemoryIds: [second] }));
    assert.deepEqual(
      ['memories', 'memory_vectors', 'memory_text', 'memory_entities'].map(count),
      [1, 1, 1, 1],
    );
    assert.equal(count('entity_edges'), 0);
    assert.deepEqual(await store.memories.memoryIdsOfDocument(owner.instanceId, 'doc'), [third]);
  });

  it('reads every scope through an index, never a full scan or a sort of the scope', () => {
    const vectorPlan = plan(
      `SELECT memory_id FROM memory_vectors WHERE scope_key IN (SELECT value FROM json_each(?))
       AND length(embedding) = 32 ORDER BY vec_distance_cosine(embedding, ?) LIMIT 10`,
      '[]',
      Buffer.alloc(32),
    );
    assert.match(vectorPlan, /SEARCH memory_vectors USING PRIMARY KEY \(scope_key=\?\)/);
    const recentPlan = plan(
      `SELECT * FROM memories WHERE scope_key = ? AND (? IS NULL OR type IN (SELECT value FROM json_each(?)))
       ORDER BY recency DESC, memory_rowid DESC LIMIT 10`,
      'k',
      null,
      null,
    );
    assert.match(recentPlan, /SEARCH memories USING INDEX memories_by_scope_recency/);
    assert.doesNotMatch(recentPlan, /TEMP B-TREE/);
    const subjectPlan = plan(
      `SELECT * FROM memories WHERE scope_key = ? AND subject = ? AND attribute = ?
       AND valid_until IS NULL AND superseded_by IS NULL`,
      'k',
      's',
      'a',
    );
    assert.match(subjectPlan, /USING INDEX memories_current_by_subject/);
  });
});
