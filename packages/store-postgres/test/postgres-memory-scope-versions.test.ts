// memory_scope_versions on PostgreSQL (migration 13) across nodes: two
// stores (two pools, as two API nodes) on one database. Every trigger is
// exercised, including the link and entity ones that the ports only reach
// together with a memory write (here by plain SQL, as an operator or a
// future code path would); concurrent ingestions of one scope sharing
// entities must not deadlock; and a candidate cache on node B serves no row
// that node A changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CandidateCache } from '@engram/core';
import {
  entity,
  freshInstanceId,
  hashedEmbedder,
  INSTANCE,
  ingestion,
  memoryInsert,
  ownerOf,
  pipelineOver,
  requestOf,
  Seeder,
  targetOf,
  userOwner,
} from '@engram/core/test-support';
import { PostgresEngramStore } from '../src/index.js';
import { sharedPostgresCluster } from './support/postgres-cluster.js';

describe('PostgreSQL memory_scope_versions across nodes', () => {
  let a: PostgresEngramStore;
  let b: PostgresEngramStore;
  before(async () => {
    const url = await (await sharedPostgresCluster()).createDatabase();
    a = await PostgresEngramStore.open(url);
    b = await PostgresEngramStore.open(url);
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  /** The scope's version as node B reads it. */
  const versionOnB = async (scopeKey: string) => {
    const read = b.memories.memoryScopeVersions;
    assert.ok(read, 'the PostgreSQL memory store keeps memoryScopeVersions');
    return (await read.call(b.memories, [scopeKey])).get(scopeKey);
  };

  it('moves on every kind of write made through node A, read through node B', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const person = entity(owner, 'Ann');
    const linked = memoryInsert(owner, { content: 'Ann keeps bees', entityIds: [person.entityId] });
    const plain = memoryInsert(owner, { content: 'Ann sells honey' });
    assert.equal(await versionOnB(owner.scopeKey), undefined, 'never written: absent');
    await a.memories.applyIngestion(ingestion(owner, 'd1', { inserts: [linked, plain], entities: [person] }));
    const seen = new Set<number>();
    const moved = async (what: string, write: () => Promise<unknown>) => {
      const before = await versionOnB(owner.scopeKey);
      await write();
      const after = await versionOnB(owner.scopeKey);
      assert.ok(before !== undefined && after !== undefined && after > before, `${what} moves the version`);
      assert.ok(!seen.has(after), `${what}: a version never comes back`);
      seen.add(after);
    };
    const sql = (text: string, values: unknown[]) => a.database.query(text, values);
    await moved('a link insert', () =>
      sql('INSERT INTO memory_entities (memory_id, entity_id) VALUES ($1, $2)', [
        plain.memory.memoryId,
        person.entityId,
      ]),
    );
    await moved('a link delete', () =>
      sql('DELETE FROM memory_entities WHERE memory_id = $1', [plain.memory.memoryId]),
    );
    await moved('an entity update', () =>
      sql("UPDATE entities SET type = 'organization' WHERE entity_id = $1", [person.entityId]),
    );
    await moved('a memory update', () =>
      sql("UPDATE memories SET content = 'Ann keeps wasps' WHERE memory_id = $1", [linked.memory.memoryId]),
    );
    await moved('a memory insert', () =>
      a.memories.applyIngestion(ingestion(owner, 'd2', { inserts: [memoryInsert(owner, { content: 'x' })] })),
    );
    await moved('an entity delete', () =>
      sql('DELETE FROM entities WHERE entity_id = $1', [person.entityId]),
    );
    await moved('a memory delete', () =>
      sql('DELETE FROM memories WHERE memory_id = $1', [plain.memory.memoryId]),
    );
  });

  it('bumps both scopes when a memory moves to another scope', async () => {
    const from = userOwner(freshInstanceId(), 'from');
    const to = userOwner(freshInstanceId(), 'to');
    const moving = memoryInsert(from, { content: 'moving' });
    await a.memories.applyIngestion(ingestion(from, 'm1', { inserts: [moving] }));
    await a.memories.applyIngestion(
      ingestion(to, 'm2', { inserts: [memoryInsert(to, { content: 'stays' })] }),
    );
    const [fromBefore, toBefore] = [await versionOnB(from.scopeKey), await versionOnB(to.scopeKey)];
    await a.database.query('UPDATE memories SET scope_key = $1 WHERE memory_id = $2', [
      to.scopeKey,
      moving.memory.memoryId,
    ]);
    assert.ok(((await versionOnB(from.scopeKey)) ?? 0) > (fromBefore ?? 0));
    assert.ok(((await versionOnB(to.scopeKey)) ?? 0) > (toBefore ?? 0));
  });

  it('lets concurrent ingestions of one scope that share entities all commit (no deadlock)', async () => {
    const owner = userOwner(freshInstanceId(), 'busy');
    // Ids are time-ordered: low < mid < high. low and high exist; mid is new.
    const [low, mid, high] = ['Ann', 'Bob', 'Cem'].map((name) => entity(owner, name)) as [
      ReturnType<typeof entity>,
      ReturnType<typeof entity>,
      ReturnType<typeof entity>,
    ];
    await a.memories.applyIngestion(
      ingestion(owner, 'seed', {
        inserts: [memoryInsert(owner, { content: 'seed', documentId: 'seed' })],
        entities: [low, high],
      }),
    );
    // Half update low and insert mid, half insert mid and update high: a scope
    // row locked while the entities are still being written (bumped per
    // statement) made one half wait for the other's new mid row while holding
    // the scope, and the other wait for the scope.
    const writes = Array.from({ length: 24 }, (_, index) => {
      const named = index % 2 === 0 ? [low, mid] : [mid, high];
      const inserts = [0, 1, 2].map((n) =>
        memoryInsert(owner, {
          content: `fact ${index}.${n}`,
          documentId: `c${index}`,
          entityIds: named.map((person) => person.entityId),
        }),
      );
      const entities = named.map((person) => ({ ...person, mentionCount: index + 2 }));
      return (index % 2 === 0 ? a : b).memories.applyIngestion(
        ingestion(owner, `c${index}`, { inserts, entities }),
      );
    });
    const results = await Promise.allSettled(writes);
    assert.deepEqual(
      results.filter((result) => result.status === 'rejected'),
      [],
      'every ingestion committed',
    );
    assert.equal(await b.memories.countMemories([owner.scopeKey]), 73);
  });

  it("serves no cached row on node B that node A changed, at B's next fetch", async () => {
    const ann = ownerOf('user', { customerId: 'acme', userId: 'ann' });
    const target = targetOf('user', { customerId: 'acme', userId: 'ann' }, false);
    const hiking = requestOf({ search_query: ['hiking mountains'], max_results: 10 });
    const embedder = hashedEmbedder();
    const nodeB = pipelineOver(b, embedder, { candidateCache: new CandidateCache({ maxMemories: 1_000 }) });
    const contents = async () =>
      Object.values(await nodeB.retrieve(target, hiking))
        .flat()
        .map((item) => item.content)
        .sort();
    const seederA = new Seeder(a, embedder);
    const [peru] = await seederA.add(ann, [
      { content: 'Ann goes hiking in the mountains of Peru.' },
      { content: 'Ann keeps a hiking journal.' },
    ]);
    assert.ok(peru && peru.owner.instanceId === INSTANCE);
    assert.ok((await contents()).includes('Ann goes hiking in the mountains of Peru.'));
    assert.ok((await contents()).includes('Ann goes hiking in the mountains of Peru.'), 'served again');
    const { embeddings } = await embedder.doEmbed({ values: ['Ann goes hiking in the mountains of Chile.'] });
    await a.memories.editMemory(INSTANCE, peru.memoryId, {
      content: 'Ann goes hiking in the mountains of Chile.',
      embedding: embeddings[0] as Float32Array,
      searchText: 'Ann goes hiking in the mountains of Chile.',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    const edited = await contents();
    assert.ok(edited.includes('Ann goes hiking in the mountains of Chile.'));
    assert.ok(!edited.includes('Ann goes hiking in the mountains of Peru.'));
    await a.memories.deleteMemory(INSTANCE, peru.memoryId);
    assert.deepEqual(await contents(), ['Ann keeps a hiking journal.']);
  });
});
