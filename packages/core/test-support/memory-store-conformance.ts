// One conformance suite for the memory, vector, text and graph ports, run
// against every adapter (SQLite now, PostgreSQL later). Every test works in
// instances of its own, so tests share one store without seeing each other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngramStore } from '../src/index.js';
import { newUuidV7 } from '../src/index.js';
import {
  edge,
  entity,
  freshInstanceId,
  ingestion,
  memoryInsert,
  unitVector,
  userOwner,
} from './memory-fixtures.js';
import { registerMemoryIndexCases } from './memory-index-conformance-cases.js';
import type { StoreFactory } from './store-conformance.js';

const ids = (hits: readonly { memoryId: string }[]) => hits.map((hit) => hit.memoryId).sort();

/** Registers the suite under `describe(name)`; `factory.open` must return an empty store. */
export function memoryStoreConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: memory store conformance`, () => {
    let store: EngramStore;
    before(async () => {
      store = await factory.open();
    });
    after(() => factory.dispose());

    it('stores an ingestion and reads every field back', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const first = memoryInsert(owner, {
        content: 'Ann adopted a cat',
        documentId: 'doc',
        eventDate: '2025-05-01',
      });
      const second = memoryInsert(owner, { content: 'Ann lives in Boston', documentId: 'doc' });
      await store.memories.applyIngestion(ingestion(owner, 'doc', { inserts: [first, second] }));
      assert.deepEqual(await store.memories.getMemory(owner.instanceId, first.memory.memoryId), first.memory);
      const document = await store.memories.getDocument(owner.instanceId, 'doc');
      assert.equal(document?.owner.scopeKey, owner.scopeKey);
      assert.deepEqual(document?.metadata, { source: 'conformance' });
      assert.deepEqual(await store.memories.memoryIdsOfDocument(owner.instanceId, 'doc'), [
        first.memory.memoryId,
        second.memory.memoryId,
      ]);
      assert.equal(await store.memories.countMemories([owner.scopeKey]), 2);
    });

    it('applies an ingestion all or nothing: a duplicate memory id writes nothing', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const existing = memoryInsert(owner, { content: 'Ann plays chess', documentId: 'one' });
      await store.memories.applyIngestion(ingestion(owner, 'one', { inserts: [existing] }));
      const fresh = memoryInsert(owner, { content: 'Ann collects zeppelin stamps', documentId: 'two' });
      const bob = entity(owner, 'Bob');
      const bad = ingestion(owner, 'two', {
        inserts: [fresh, { ...existing, searchText: 'duplicate' }],
        entities: [bob],
        edges: [edge(owner, bob, bob, fresh.memory.memoryId)],
        merges: [
          {
            memoryId: existing.memory.memoryId,
            addEvidence: ['x'],
            confidence: 0.1,
            mentionCountDelta: 5,
            updatedAt: 'z',
          },
        ],
      });
      // A sound ingestion written at the same moment must still land.
      const goodOwner = userOwner(owner.instanceId, 'bea');
      const good = memoryInsert(goodOwner, { content: 'Bea likes tea', documentId: 'three' });
      const [badOutcome, goodOutcome] = await Promise.allSettled([
        store.memories.applyIngestion(bad),
        store.memories.applyIngestion(ingestion(goodOwner, 'three', { inserts: [good] })),
      ]);
      assert.equal(badOutcome.status, 'rejected');
      assert.equal(goodOutcome.status, 'fulfilled');
      assert.equal(await store.memories.getDocument(owner.instanceId, 'two'), undefined);
      assert.equal(await store.memories.getMemory(owner.instanceId, fresh.memory.memoryId), undefined);
      assert.deepEqual(
        await store.memories.getMemory(owner.instanceId, existing.memory.memoryId),
        existing.memory,
      );
      assert.deepEqual(await store.text.search([owner.scopeKey], ['zeppelin'], 10), []);
      assert.deepEqual(ids(await store.vectors.nearest([owner.scopeKey], unitVector(1), 10)), [
        existing.memory.memoryId,
      ]);
      assert.deepEqual(await store.graph.findEntities([owner.scopeKey], ['bob']), []);
      assert.deepEqual(await store.graph.edgesOf([bob.entityId], 10), []);
      assert.equal(await store.memories.countMemories([owner.scopeKey]), 1);
      assert.equal(await store.memories.countMemories([goodOwner.scopeKey]), 1);
    });

    it('never returns another scope’s rows from any read, even with identical text', async () => {
      const instanceId = freshInstanceId();
      const owners = [
        userOwner(instanceId, 'ann'),
        userOwner(instanceId, 'bob'),
        userOwner(freshInstanceId(), 'ann'),
      ];
      const written = [];
      for (const owner of owners) {
        const person = entity(owner, 'Caroline', ['Caro']);
        const insert = memoryInsert(owner, {
          content: 'Caroline went to the support group',
          documentId: 'same-doc',
          subject: 'Caroline',
          attribute: 'hobby',
          entityIds: [person.entityId],
        });
        await store.memories.applyIngestion(
          ingestion(owner, 'same-doc', { inserts: [insert], entities: [person] }),
        );
        written.push({ owner, insert, person });
      }
      const allIds = written.map((entry) => entry.insert.memory.memoryId);
      for (const { owner, insert, person } of written) {
        const mine = [insert.memory.memoryId];
        const scope = [owner.scopeKey];
        assert.deepEqual(ids(await store.vectors.nearest(scope, unitVector(1), 10)), mine);
        assert.deepEqual(ids(await store.text.search(scope, ['caroline', 'support'], 10)), mine);
        assert.deepEqual(
          (await store.memories.getMemories(scope, allIds)).map((m) => m.memoryId),
          mine,
        );
        assert.deepEqual(
          (await store.memories.listRecent(scope, 10)).map((m) => m.memoryId),
          mine,
        );
        const current = await store.memories.findBySubjectAttribute(owner.scopeKey, 'Caroline', 'hobby');
        assert.deepEqual(
          current.map((m) => m.memoryId),
          mine,
        );
        assert.deepEqual(
          (await store.graph.findEntities(scope, ['caro'])).map((e) => e.entityId),
          [person.entityId],
        );
        assert.deepEqual(
          (await store.graph.listEntities(owner.scopeKey)).map((e) => e.entityId),
          [person.entityId],
        );
        assert.deepEqual(await store.graph.memoryIdsOfEntities([person.entityId], 10), mine);
        const withLinks = await store.memories.getMemoriesWithLinks(scope, allIds);
        assert.deepEqual([...withLinks.keys()], mine, 'the combined load keeps to the scope too');
        assert.deepEqual(
          withLinks.get(insert.memory.memoryId)?.links.map((link) => link.entityId),
          [person.entityId],
        );
        assert.equal(await store.memories.countMemories(scope), 1);
      }
      const ann = written[0]!;
      const otherInstance = written[2]!;
      const foreign = ann.insert.memory.memoryId;
      assert.equal(await store.memories.getMemory(otherInstance.owner.instanceId, foreign), undefined);
      assert.equal(await store.memories.deleteMemory(otherInstance.owner.instanceId, foreign), false);
      const edit = {
        content: 'hijacked',
        embedding: unitVector(0, 1),
        searchText: 'hijacked',
        updatedAt: 'x',
      };
      assert.equal(await store.memories.editMemory(otherInstance.owner.instanceId, foreign, edit), false);
      assert.equal(
        (await store.memories.getMemory(instanceId, foreign))?.content,
        'Caroline went to the support group',
      );
      const otherDocument = await store.memories.getDocument(otherInstance.owner.instanceId, 'same-doc');
      assert.equal(otherDocument?.owner.scopeKey, otherInstance.owner.scopeKey);
      // Several scopes at once see the union of exactly those scopes.
      const both = [ann.owner.scopeKey, written[1]!.owner.scopeKey];
      assert.equal((await store.text.search(both, ['caroline'], 10)).length, 2);
      assert.equal((await store.vectors.nearest(both, unitVector(1), 10)).length, 2);
    });

    it('deletes a memory from every index', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const ann = entity(owner, 'Ann');
      const bob = entity(owner, 'Bob');
      const target = memoryInsert(owner, {
        content: 'Ann met Bob at the marina',
        entityIds: [ann.entityId, bob.entityId],
      });
      const keep = memoryInsert(owner, {
        content: 'Ann sails',
        entityIds: [ann.entityId],
        embedding: unitVector(1, 1),
      });
      await store.memories.applyIngestion(
        ingestion(owner, 'doc-1', {
          inserts: [target, keep],
          entities: [ann, bob],
          edges: [edge(owner, ann, bob, target.memory.memoryId)],
        }),
      );
      const targetId = target.memory.memoryId;
      assert.equal(await store.memories.deleteMemory(owner.instanceId, targetId), true);
      assert.equal(await store.memories.deleteMemory(owner.instanceId, targetId), false);
      assert.equal(await store.memories.deleteMemory(owner.instanceId, newUuidV7()), false);
      assert.equal(await store.memories.getMemory(owner.instanceId, targetId), undefined);
      assert.deepEqual(ids(await store.vectors.nearest([owner.scopeKey], unitVector(1), 10)), [
        keep.memory.memoryId,
      ]);
      assert.deepEqual(await store.text.search([owner.scopeKey], ['marina'], 10), []);
      assert.deepEqual(await store.graph.memoryIdsOfEntities([ann.entityId, bob.entityId], 10), [
        keep.memory.memoryId,
      ]);
      assert.deepEqual(
        await store.graph.memoryIdsPerEntity([ann.entityId, bob.entityId], 10),
        new Map([
          [ann.entityId, [keep.memory.memoryId]],
          [bob.entityId, []],
        ]),
      );
      assert.deepEqual(await store.graph.edgesOf([ann.entityId, bob.entityId], 10), []);
      assert.deepEqual((await store.graph.entitiesOfMemories([targetId])).get(targetId), []);
      assert.deepEqual(await store.memories.memoryIdsOfDocument(owner.instanceId, 'doc-1'), [
        keep.memory.memoryId,
      ]);
    });

    it('removes the memories a re-ingested document dropped, with cascades', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const old = memoryInsert(owner, { content: 'Ann drives a tractor', documentId: 'doc' });
      await store.memories.applyIngestion(ingestion(owner, 'doc', { inserts: [old] }));
      const replacement = memoryInsert(owner, { content: 'Ann drives a truck', documentId: 'doc' });
      await store.memories.applyIngestion(
        ingestion(owner, 'doc', { removedMemoryIds: [old.memory.memoryId], inserts: [replacement] }),
      );
      assert.deepEqual(await store.memories.memoryIdsOfDocument(owner.instanceId, 'doc'), [
        replacement.memory.memoryId,
      ]);
      assert.deepEqual(await store.text.search([owner.scopeKey], ['tractor'], 10), []);
      assert.deepEqual(ids(await store.text.search([owner.scopeKey], ['truck'], 10)), [
        replacement.memory.memoryId,
      ]);
    });

    it('merges de-duplicate evidence, add mentions and set confidence', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const base = memoryInsert(owner, { content: 'Ann likes jazz', evidence: ['Ann: I like jazz'] });
      await store.memories.applyIngestion(ingestion(owner, 'doc-1', { inserts: [base] }));
      const merge = {
        memoryId: base.memory.memoryId,
        addEvidence: ['Ann: I like jazz', 'Ann: jazz is great', 'Ann: jazz is great'],
        confidence: 0.95,
        mentionCountDelta: 2,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };
      await store.memories.applyIngestion(ingestion(owner, 'doc-2', { merges: [merge] }));
      const merged = await store.memories.getMemory(owner.instanceId, base.memory.memoryId);
      assert.deepEqual(merged?.sourceEvidence, ['Ann: I like jazz', 'Ann: jazz is great']);
      assert.equal(merged?.mentionCount, 3);
      assert.equal(merged?.confidence, 0.95);
      assert.equal(merged?.updatedAt, '2026-02-01T00:00:00.000Z');
    });

    it('leaves superseded memories out of findBySubjectAttribute but keeps them for history', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const boston = memoryInsert(owner, {
        content: 'Ann lives in Boston',
        subject: 'Ann',
        attribute: 'lives_in',
        value: 'Boston',
      });
      await store.memories.applyIngestion(ingestion(owner, 'doc-1', { inserts: [boston] }));
      const denver = memoryInsert(owner, {
        content: 'Ann lives in Denver',
        subject: 'Ann',
        attribute: 'lives_in',
        value: 'Denver',
      });
      const at = '2026-03-01T00:00:00.000Z';
      await store.memories.applyIngestion(
        ingestion(owner, 'doc-2', {
          inserts: [denver],
          supersessions: [
            {
              memoryId: boston.memory.memoryId,
              validUntil: at,
              supersededBy: denver.memory.memoryId,
              updatedAt: at,
            },
          ],
        }),
      );
      const current = await store.memories.findBySubjectAttribute(owner.scopeKey, 'Ann', 'lives_in');
      assert.deepEqual(
        current.map((m) => m.value),
        ['Denver'],
      );
      const closed = await store.memories.getMemory(owner.instanceId, boston.memory.memoryId);
      assert.equal(closed?.validUntil, at);
      assert.equal(closed?.supersededBy, denver.memory.memoryId);
    });

    registerMemoryIndexCases(() => store);

    it('keeps everything across a reopen', async () => {
      const owner = userOwner(freshInstanceId(), 'ann');
      const person = entity(owner, 'Ann');
      const insert = memoryInsert(owner, { content: 'Ann keeps bees', entityIds: [person.entityId] });
      await store.memories.applyIngestion(
        ingestion(owner, 'doc-1', { inserts: [insert], entities: [person] }),
      );
      store = await factory.reopen();
      assert.deepEqual(
        await store.memories.getMemory(owner.instanceId, insert.memory.memoryId),
        insert.memory,
      );
      assert.deepEqual(ids(await store.text.search([owner.scopeKey], ['bees'], 10)), [
        insert.memory.memoryId,
      ]);
      assert.deepEqual(ids(await store.vectors.nearest([owner.scopeKey], unitVector(1), 10)), [
        insert.memory.memoryId,
      ]);
      assert.deepEqual(await store.graph.memoryIdsOfEntities([person.entityId], 10), [
        insert.memory.memoryId,
      ]);
    });
  });
}
