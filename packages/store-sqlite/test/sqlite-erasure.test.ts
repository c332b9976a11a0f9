// The SQLite erasure store on a real file: entities no memory names go with
// the last memory naming them, pending jobs lose their text, and a document
// erased after an ingestion was queued is not written back by it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { newUuidV7 } from '@engram/core';
import { entity, freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-erasure-'));
const store = SqliteEngramStore.open(join(directory, 'erasure.db'));
after(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';

async function queueIngestion(instanceId: string, documentId: string, scopeKey: string, queuedAt: string) {
  const jobId = newUuidV7();
  await store.jobs.enqueue({
    jobId,
    instanceId,
    kind: 'ingest-document',
    serialKey: scopeKey,
    payload: { documentId, text: 'secret text' },
    queuedAt,
  });
  return jobId;
}

describe('sqlite erasure', () => {
  it('drops entities no remaining memory names, keeps shared ones', async () => {
    const owner = userOwner(freshInstanceId(), 'u1');
    const lonely = entity(owner, 'Lonelyname');
    const shared = entity(owner, 'Sharedname');
    const first = memoryInsert(owner, {
      content: 'a',
      documentId: 'd1',
      entityIds: [lonely.entityId, shared.entityId],
    });
    const second = memoryInsert(owner, { content: 'b', documentId: 'd2', entityIds: [shared.entityId] });
    await store.memories.applyIngestion(
      ingestion(owner, 'd1', { entities: [lonely, shared], inserts: [first] }),
    );
    await store.memories.applyIngestion(ingestion(owner, 'd2', { inserts: [second] }));
    await store.erasure.eraseMemory(owner.instanceId, first.memory.memoryId, T1);
    const names = (await store.graph.listEntities(owner.scopeKey)).map((found) => found.canonicalName);
    assert.deepEqual(names, ['Sharedname']);
    assert.equal(
      await store.memories.getDocument(owner.instanceId, 'd1'),
      undefined,
      'last memory took the document',
    );
    assert.ok(await store.memories.getDocument(owner.instanceId, 'd2'));
  });

  it('fails pending ingestions of an erased document and empties their payload', async () => {
    const owner = userOwner(freshInstanceId(), 'u1');
    const jobId = await queueIngestion(owner.instanceId, 'd9', owner.scopeKey, T0);
    await store.erasure.eraseDocument(owner.instanceId, 'd9', T1);
    const job = await store.jobs.get(owner.instanceId, jobId);
    assert.equal(job?.status, 'failed');
    assert.equal(JSON.stringify(job?.payload).includes('secret'), false);
  });

  it('refuses to write back a document erased after the ingestion was queued; a later one is new', async () => {
    const owner = userOwner(freshInstanceId(), 'u1');
    const before = await queueIngestion(owner.instanceId, 'd3', owner.scopeKey, T0);
    await store.erasure.eraseDocument(owner.instanceId, 'd3', T1);
    await assert.rejects(
      store.memories.applyIngestion({
        ...ingestion(owner, 'd3', { inserts: [memoryInsert(owner, { content: 'back', documentId: 'd3' })] }),
        ingestionId: before,
      }),
      { code: 'CONFLICT' },
    );
    assert.equal(await store.memories.getDocument(owner.instanceId, 'd3'), undefined);
    const later = await queueIngestion(owner.instanceId, 'd3', owner.scopeKey, T2);
    await store.memories.applyIngestion({
      ...ingestion(owner, 'd3', { inserts: [memoryInsert(owner, { content: 'new', documentId: 'd3' })] }),
      ingestionId: later,
    });
    assert.deepEqual((await store.memories.memoryIdsOfDocument(owner.instanceId, 'd3')).length, 1);
  });
});
