// The candidate cache over the real retrieval pipeline and a real store: the
// store's per-scope versions, rows served from the cache, and every kind of
// write seen at the next fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MemoryStore } from '../../src/index.js';
import { CandidateCache } from '../../src/retrieval/candidate-cache.js';
import type { RankedLists } from '../../src/retrieval/memory-retrieval.js';
import { entity, ingestion, memoryInsert, userOwner } from '../memory-fixtures.js';
import type { FreshStoreFactory } from './retrieval-fixtures.js';
import {
  hashedEmbedder,
  INSTANCE,
  openFixture,
  ownerOf,
  pipelineOver,
  requestOf,
  targetOf,
} from './retrieval-fixtures.js';

const contents = (lists: RankedLists) =>
  Object.values(lists)
    .flat()
    .map((item) => item.content)
    .sort();

/** `memories` with its candidate reads (`getMemoriesWithLinks`) counted (every other call passes through). */
function countingReads(memories: MemoryStore) {
  let reads = 0;
  const counted = new Proxy(memories, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'getMemoriesWithLinks')
        return (...parameters: Parameters<MemoryStore['getMemoriesWithLinks']>) => {
          reads++;
          return value.apply(target, parameters);
        };
      return value.bind(target);
    },
  });
  return { memories: counted, reads: () => reads };
}

/**
 * CandidateCache over a real store whose memory store keeps
 * `memoryScopeVersions`: what moves a scope's version, that cached rows are
 * served only while it stands, and that each write is seen at once.
 * `freshStore` opens each fixture's empty store; `label` names the store.
 */
export function candidateCacheSuite(label: string, freshStore: FreshStoreFactory): void {
  describe(`CandidateCache (${label})`, () => {
    let fixture: Awaited<ReturnType<typeof openFixture>>;
    const ann = ownerOf('user', { customerId: 'acme', userId: 'ann' });
    const bob = ownerOf('user', { customerId: 'acme', userId: 'bob' });
    const annTarget = targetOf('user', { customerId: 'acme', userId: 'ann' }, false);
    const bobTarget = targetOf('user', { customerId: 'acme', userId: 'bob' }, false);
    const hiking = requestOf({ search_query: ['hiking mountains'], max_results: 10 });

    before(async () => {
      fixture = await openFixture(freshStore);
      await fixture.seeder.add(ann, [
        { content: 'Ann goes hiking in the mountains every summer.', entities: [['Ann', 'person']] },
        { content: 'Ann keeps a hiking journal.' },
      ]);
    });
    after(() => fixture.dispose());

    const versionsOf = async (...scopeKeys: string[]) => {
      const read = fixture.store.memories.memoryScopeVersions;
      assert.ok(read, 'the store keeps memoryScopeVersions');
      return read.call(fixture.store.memories, scopeKeys);
    };

    function cachedPipeline(maxMemories = 1_000) {
      const counted = countingReads(fixture.store.memories);
      const cache = new CandidateCache({ maxMemories });
      const pipeline = pipelineOver(fixture.store, hashedEmbedder(), {
        memories: counted.memories,
        candidateCache: cache,
      });
      return { pipeline, cache, reads: counted.reads };
    }

    it('moves a scope version on inserts, edits, deletes, link and entity changes, and only that scope', async () => {
      const owner = userOwner(INSTANCE, 'versions');
      const other = userOwner(INSTANCE, 'bystander');
      assert.equal((await versionsOf(owner.scopeKey)).has(owner.scopeKey), false, 'never written: absent');
      const person = entity(owner, 'Vera');
      const first = memoryInsert(owner, { content: 'Vera plays chess', documentId: 'v1' });
      const linked = memoryInsert(owner, {
        content: 'Vera likes tea',
        documentId: 'v1',
        entityIds: [person.entityId],
      });
      await fixture.store.memories.applyIngestion(
        ingestion(owner, 'v1', { inserts: [first, linked], entities: [person] }),
      );
      await fixture.store.memories.applyIngestion(
        ingestion(other, 'b1', {
          inserts: [memoryInsert(other, { content: 'unrelated', documentId: 'b1' })],
        }),
      );
      const seen: number[] = [];
      const otherBefore = (await versionsOf(other.scopeKey)).get(other.scopeKey);
      const record = async (what: string) => {
        const version = (await versionsOf(owner.scopeKey)).get(owner.scopeKey);
        assert.ok(version !== undefined && !seen.includes(version), `${what} gives a new version`);
        seen.push(version);
      };
      await record('the first ingestion');
      const embedding = first.embedding;
      assert.ok(
        await fixture.store.memories.editMemory(INSTANCE, first.memory.memoryId, {
          content: 'Vera plays chess on Sundays',
          embedding,
          searchText: 'Vera plays chess on Sundays',
          updatedAt: '2026-02-01T00:00:00.000Z',
        }),
      );
      await record('an edit');
      await fixture.store.memories.applyIngestion(
        ingestion(owner, 'v2', { entities: [{ ...person, canonicalName: 'Vera Stone', mentionCount: 2 }] }),
      );
      await record('a renamed entity');
      assert.ok(await fixture.store.memories.deleteMemory(INSTANCE, linked.memory.memoryId));
      await record('a delete');
      assert.equal(
        (await versionsOf(other.scopeKey)).get(other.scopeKey),
        otherBefore,
        'another scope stays',
      );
    });

    it('serves an unchanged scope from the cache, with the same lists as without it', async () => {
      const { pipeline, cache, reads } = cachedPipeline();
      const uncached = await fixture.pipeline.retrieve(annTarget, hiking);
      const first = await pipeline.retrieve(annTarget, hiking);
      const readsAfterFirst = reads();
      const second = await pipeline.retrieve(annTarget, hiking);
      assert.deepEqual(first, uncached);
      assert.deepEqual(second, uncached);
      assert.ok(readsAfterFirst > 0 && cache.size > 0);
      assert.equal(reads(), readsAfterFirst, 'the second fetch read no memory rows');
    });

    it('sees an edit, a delete and a new memory of the scope at the next fetch', async () => {
      const { pipeline } = cachedPipeline();
      const [added] = await fixture.seeder.add(ann, [{ content: 'Ann climbed mountains in Peru.' }]);
      assert.ok(added);
      const before = contents(await pipeline.retrieve(annTarget, hiking));
      assert.ok(before.includes('Ann climbed mountains in Peru.'));
      const { embeddings } = await hashedEmbedder().doEmbed({ values: ['Ann climbed mountains in Chile.'] });
      await fixture.store.memories.editMemory(INSTANCE, added.memoryId, {
        content: 'Ann climbed mountains in Chile.',
        embedding: embeddings[0] as Float32Array,
        searchText: 'Ann climbed mountains in Chile.',
        updatedAt: '2026-02-01T00:00:00.000Z',
      });
      const edited = contents(await pipeline.retrieve(annTarget, hiking));
      assert.ok(edited.includes('Ann climbed mountains in Chile.'));
      assert.ok(!edited.includes('Ann climbed mountains in Peru.'));
      await fixture.store.memories.deleteMemory(INSTANCE, added.memoryId);
      assert.ok(
        !contents(await pipeline.retrieve(annTarget, hiking)).includes('Ann climbed mountains in Chile.'),
      );
      await fixture.seeder.add(ann, [{ content: 'Ann plans hiking in the Alps.' }]);
      assert.ok(
        contents(await pipeline.retrieve(annTarget, hiking)).includes('Ann plans hiking in the Alps.'),
      );
    });

    it("never hands one scope's cached rows to another scope", async () => {
      const { pipeline, cache } = cachedPipeline();
      await pipeline.retrieve(annTarget, hiking);
      assert.ok(cache.size > 0);
      assert.deepEqual(contents(await pipeline.retrieve(bobTarget, hiking)), []);
      await fixture.seeder.add(bob, [{ content: 'Bob dislikes hiking.' }]);
      assert.deepEqual(contents(await pipeline.retrieve(bobTarget, hiking)), ['Bob dislikes hiking.']);
    });

    it('drops rows labelled with an older version, and holds at most maxMemories', () => {
      const cache = new CandidateCache({ maxMemories: 2 });
      const row = (memoryId: string, scopeKey: string) => ({
        memory: { memoryId, owner: { scopeKey } } as never,
        links: [],
      });
      cache.remember(new Map([['s1', 1]]), [row('a', 's1'), row('b', 's1')]);
      assert.deepEqual(cache.lookup(['s1'], new Map([['s1', 1]]), ['a', 'b']).missing, []);
      // A write between reading the versions and the rows: the next look sees a newer version.
      assert.deepEqual(cache.lookup(['s1'], new Map([['s1', 2]]), ['a']).missing, ['a']);
      assert.equal(cache.size, 0);
      cache.remember(new Map([['s1', 2]]), [row('a', 's1')]);
      cache.remember(new Map([['s2', 1]]), [row('c', 's2'), row('d', 's2')]);
      assert.ok(cache.size <= 2);
      assert.deepEqual(
        cache.lookup(['s1'], new Map([['s1', 2]]), ['a']).missing,
        ['a'],
        'least recent scope went',
      );
      assert.deepEqual(cache.lookup(['s2'], new Map([['s2', 1]]), ['c', 'd']).missing, []);
    });
  });
}
