// The start-up fill of the in-process vector copy on PostgreSQL: every
// scope's vectors are read into the copy, searches then score them there,
// and a write through another node is still seen by the next search (the
// copy is used only at the scope version it was read at).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  freshInstanceId,
  ingestion,
  memoryInsert,
  TEST_DIMENSIONS,
  unitVector,
  userOwner,
} from '@engram/core/test-support';
import { PostgresEngramStore, type PostgresVectorIndex } from '../src/index.js';
import { sharedPostgresCluster } from './support/postgres-cluster.js';

describe('postgres vector copy warm-up', () => {
  let writer: PostgresEngramStore;
  let reader: PostgresEngramStore;
  before(async () => {
    const url = await (await sharedPostgresCluster()).createDatabase();
    writer = await PostgresEngramStore.open(url);
    reader = await PostgresEngramStore.open(url);
  });
  after(async () => {
    await writer?.close();
    await reader?.close();
  });

  it('fills the copy with every scope, and a later write on another node is seen at once', async () => {
    const instanceId = freshInstanceId();
    const owners = ['a', 'b', 'c'].map((user) => userOwner(instanceId, user));
    for (const [index, owner] of owners.entries()) {
      const inserts = Array.from({ length: 5 }, (_, row) =>
        memoryInsert(owner, { content: `m${row}`, documentId: 'd', embedding: unitVector(1, index, row) }),
      );
      await writer.memories.applyIngestion(ingestion(owner, 'd', { inserts }));
    }
    const warmed = await (reader.vectors as PostgresVectorIndex).warmCache(TEST_DIMENSIONS, {
      scopesPerTurn: 2,
    });
    assert.deepEqual(
      { scopes: warmed?.scopes, vectors: warmed?.vectors, complete: warmed?.complete },
      { scopes: 3, vectors: 15, complete: true },
    );
    const owner = owners[0] as (typeof owners)[0];
    const before = await reader.vectors.nearest([owner.scopeKey], unitVector(0, 0, 0, 1), 10);
    assert.equal(before.length, 5);
    const added = memoryInsert(owner, {
      content: 'new',
      documentId: 'd2',
      embedding: unitVector(0, 0, 0, 1),
    });
    await writer.memories.applyIngestion(ingestion(owner, 'd2', { inserts: [added] }));
    const after = await reader.vectors.nearest([owner.scopeKey], unitVector(0, 0, 0, 1), 10);
    assert.equal(after[0]?.memoryId, added.memory.memoryId);
    assert.equal(after.length, 6);
    const again = await reader.vectors.warmCache?.(TEST_DIMENSIONS);
    assert.equal(again?.scopes, 0, 'scopes already held are not read again');
  });
});
