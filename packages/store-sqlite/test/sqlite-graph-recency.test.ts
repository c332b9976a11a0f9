import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { entity, freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';

/** The query the recency table replaced: every linked memory, sorted. */
const JOIN_QUERY = `
  SELECT memories.memory_id FROM memories
  WHERE memories.memory_id IN (
    SELECT memory_id FROM memory_entities WHERE entity_id IN (SELECT value FROM json_each(?)))
  ORDER BY memories.recency DESC, memories.memory_rowid DESC
  LIMIT ?`;

describe('sqlite graph: memories of entities by recency', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-graph-recency-'));
  const store = SqliteEngramStore.open(join(directory, 'engram.db'));
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const joined = (entityIds: string[], limit: number) =>
    store.database.prepare(JOIN_QUERY).pluck().all(JSON.stringify(entityIds), limit) as string[];

  it('answers exactly as the join over memories, through inserts, deletes and re-ingestion', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const people = ['Ann', 'Bob', 'Cy', 'Di'].map((name) => entity(owner, name));
    const ids = people.map((person) => person.entityId);
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const inserts = Array.from({ length: 120 }, (_, index) => {
      const linked = people.filter(() => next() < 0.4).map((person) => person.entityId);
      const day = 1 + Math.floor(next() * 28);
      return memoryInsert(owner, {
        content: `memory ${index}`,
        documentId: index < 60 ? 'doc-a' : 'doc-b',
        // Some share a date (ties go to the later insert), some have none (extraction time).
        eventDate: next() < 0.8 ? `2025-03-${String(day).padStart(2, '0')}T00:00:00.000Z` : undefined,
        extractedAt: '2025-01-15T00:00:00.000Z',
        entityIds: linked,
      });
    });
    await store.memories.applyIngestion(
      ingestion(owner, 'doc-a', { inserts: inserts.slice(0, 60), entities: people }),
    );
    await store.memories.applyIngestion(ingestion(owner, 'doc-b', { inserts: inserts.slice(60) }));
    const check = async () => {
      for (const entityIds of [[ids[0]], [ids[1], ids[2]], ids, [ids[3], ids[3]]] as string[][]) {
        for (const limit of [1, 5, 40, 500]) {
          assert.deepEqual(await store.graph.memoryIdsOfEntities(entityIds, limit), joined(entityIds, limit));
        }
      }
    };
    await check();
    for (const insert of inserts.slice(0, 30))
      await store.memories.deleteMemory(owner.instanceId, insert.memory.memoryId);
    await check();
    await store.memories.applyIngestion(
      ingestion(owner, 'doc-b', {
        removedMemoryIds: inserts.slice(60, 90).map((insert) => insert.memory.memoryId),
      }),
    );
    await check();
  });
});
