// Cases of the memory-store conformance suite that exercise the indexes:
// re-indexing on edit, full-text escaping, vector ranking, recency listing
// and entity aliases. Registered by memoryStoreConformanceSuite.
import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import type { EngramStore } from '../src/index.js';
import { newUuidV7 } from '../src/index.js';
import {
  clientOwner,
  edge,
  entity,
  freshInstanceId,
  ingestion,
  memoryInsert,
  unitVector,
  userOwner,
} from './memory-fixtures.js';

const ids = (hits: readonly { memoryId: string }[]) => hits.map((hit) => hit.memoryId).sort();

/** Registers the index cases in the current `describe`; `current` returns the open store. */
export function registerMemoryIndexCases(current: () => EngramStore): void {
  let store: EngramStore;
  beforeEach(() => {
    store = current();
  });

  it('re-indexes an edited memory: old words no longer match, the new vector does', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const insert = memoryInsert(owner, { content: 'Ann owns a kayak', embedding: unitVector(1) });
    const other = memoryInsert(owner, { content: 'Ann owns a bicycle', embedding: unitVector(0.9, 0.1) });
    await store.memories.applyIngestion(ingestion(owner, 'doc-1', { inserts: [insert, other] }));
    const edited = await store.memories.editMemory(owner.instanceId, insert.memory.memoryId, {
      content: 'Ann owns a canoe',
      details: { category: 'boats' },
      embedding: unitVector(0, 0, 1),
      searchText: 'Ann owns a canoe',
      updatedAt: '2026-04-01T00:00:00.000Z',
    });
    assert.equal(edited, true);
    assert.deepEqual(await store.text.search([owner.scopeKey], ['kayak'], 10), []);
    assert.deepEqual(ids(await store.text.search([owner.scopeKey], ['canoe'], 10)), [insert.memory.memoryId]);
    const [best] = await store.vectors.nearest([owner.scopeKey], unitVector(0, 0, 1), 1);
    assert.equal(best?.memoryId, insert.memory.memoryId);
    assert.ok(Math.abs((best?.score ?? 0) - 1) < 1e-5);
    const stored = await store.memories.getMemory(owner.instanceId, insert.memory.memoryId);
    assert.deepEqual(
      [stored?.content, stored?.details, stored?.metadata],
      ['Ann owns a canoe', { category: 'boats' }, { origin: 'conformance' }],
    );
    assert.equal(
      await store.memories.editMemory(owner.instanceId, newUuidV7(), {
        content: 'x',
        embedding: unitVector(1),
        searchText: 'x',
        updatedAt: 'x',
      }),
      false,
    );
  });

  it('treats any term text as literal words, never as query syntax', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const neighbour = userOwner(owner.instanceId, 'bob');
    const mine = memoryInsert(owner, { content: 'Ann saw a zebra near the café' });
    await store.memories.applyIngestion(ingestion(owner, 'doc-1', { inserts: [mine] }));
    await store.memories.applyIngestion(
      ingestion(neighbour, 'doc-2', {
        inserts: [memoryInsert(neighbour, { content: 'Bob saw a zebra near the café' })],
      }),
    );
    const nasty = [
      '"',
      '""',
      "'",
      'AND',
      'OR',
      'NOT',
      'NEAR(',
      'NEAR/2',
      '*',
      '-',
      '-zebra',
      '^',
      ':',
      'body:',
      'scope_token:',
      '{body}',
      '(',
      ')',
      'x"y',
      'a*b',
      '\u0000',
      '\n',
      ' ',
      '',
      'naïve',
      '日本語',
      '🦓',
      'zebra") OR ("',
    ];
    for (const term of nasty) {
      const hits = await store.text.search([owner.scopeKey], [term], 10);
      assert.ok(
        hits.every((hit) => hit.memoryId === mine.memory.memoryId),
        `term ${JSON.stringify(term)}`,
      );
    }
    assert.deepEqual(ids(await store.text.search([owner.scopeKey], [...nasty, 'zebra'], 10)), [
      mine.memory.memoryId,
    ]);
    assert.deepEqual(ids(await store.text.search([owner.scopeKey], ['café'], 10)), [mine.memory.memoryId]);
    assert.deepEqual(await store.text.search([owner.scopeKey], [], 10), []);
    assert.deepEqual(await store.text.search([], ['zebra'], 10), []);
  });

  it('ranks vector hits by cosine similarity, best first, within the limit', async () => {
    const owner = clientOwner(freshInstanceId());
    const near = memoryInsert(owner, { content: 'near', embedding: unitVector(1, 0.1) });
    const mid = memoryInsert(owner, { content: 'mid', embedding: unitVector(1, 1) });
    const far = memoryInsert(owner, { content: 'far', embedding: unitVector(-1, 0.2) });
    await store.memories.applyIngestion(ingestion(owner, 'doc-1', { inserts: [far, mid, near] }));
    const hits = await store.vectors.nearest([owner.scopeKey], unitVector(1), 2);
    assert.deepEqual(
      hits.map((hit) => hit.memoryId),
      [near.memory.memoryId, mid.memory.memoryId],
    );
    assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
    assert.ok(Math.abs((hits[1]?.score ?? 0) - Math.SQRT1_2) < 1e-5, 'score is cosine similarity');
    assert.deepEqual(await store.vectors.nearest([owner.scopeKey], new Float32Array(8), 5), []);
  });

  it('lists recent memories newest first across scopes, by type', async () => {
    const instanceId = freshInstanceId();
    const user = userOwner(instanceId, 'ann');
    const client = clientOwner(instanceId);
    const a = memoryInsert(user, { content: 'a', eventDate: '2024-01-01' });
    const b = memoryInsert(client, {
      content: 'b',
      type: 'preference',
      extractedAt: '2025-06-01T00:00:00.000Z',
    });
    const c = memoryInsert(user, { content: 'c', type: 'preference', eventDate: '2025-01-01' });
    await store.memories.applyIngestion(ingestion(user, 'doc-1', { inserts: [a, c] }));
    await store.memories.applyIngestion(ingestion(client, 'doc-2', { inserts: [b] }));
    const scopes = [user.scopeKey, client.scopeKey];
    assert.deepEqual(
      (await store.memories.listRecent(scopes, 10)).map((m) => m.content),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(
      (await store.memories.listRecent(scopes, 2)).map((m) => m.content),
      ['b', 'c'],
    );
    assert.deepEqual(
      (await store.memories.listRecent(scopes, 10, ['fact'])).map((m) => m.content),
      ['a'],
    );
  });

  it('keeps entity aliases in sync on upsert and links graph reads', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const melanie = entity(owner, 'Mélanie', ['Mel']);
    const ann = entity(owner, 'Ann');
    const memory = memoryInsert(owner, {
      content: 'Mel and Ann hiked',
      entityIds: [melanie.entityId, ann.entityId],
    });
    const link = edge(owner, ann, melanie, memory.memory.memoryId);
    await store.memories.applyIngestion(
      ingestion(owner, 'doc-1', { inserts: [memory], entities: [melanie, ann], edges: [link] }),
    );
    const found = await store.graph.findEntities([owner.scopeKey], ['melanie', 'mel']);
    assert.deepEqual(
      found.map((e) => e.entityId),
      [melanie.entityId],
    );
    const renamed = { ...melanie, aliases: ['Melly'], mentionCount: 4 };
    await store.memories.applyIngestion(ingestion(owner, 'doc-2', { entities: [renamed] }));
    assert.deepEqual(await store.graph.findEntities([owner.scopeKey], ['mel']), []);
    assert.deepEqual(await store.graph.findEntities([owner.scopeKey], ['melly']), [renamed]);
    assert.deepEqual(
      (await store.graph.edgesOf([melanie.entityId], 10)).map((e) => e.edgeId),
      [link.edgeId],
    );
    const links = (await store.graph.entitiesOfMemories([memory.memory.memoryId])).get(
      memory.memory.memoryId,
    );
    assert.deepEqual(links?.map((l) => l.canonicalName).sort(), ['Ann', 'Mélanie']);
    const loaded = await store.memories.getMemoriesWithLinks([owner.scopeKey], [memory.memory.memoryId]);
    assert.deepEqual(
      loaded.get(memory.memory.memoryId)?.links,
      links,
      'the same links as entitiesOfMemories',
    );
    assert.deepEqual(
      loaded.get(memory.memory.memoryId)?.memory,
      await store.memories.getMemory(owner.instanceId, memory.memory.memoryId),
    );
  });
}
