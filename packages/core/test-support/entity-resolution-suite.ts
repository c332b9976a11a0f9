// Entity resolution against a real store's graph: aliases, nicknames, scope
// walls. Run from each store's package with that store's factory.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngramStore, ExtractedMemory } from '../src/index.js';
import type { MemoryCandidate } from '../src/ingestion/memory-candidates.js';
import { toCandidates } from '../src/ingestion/memory-candidates.js';
import { resolveEntities } from '../src/ingestion/resolve-entities.js';
import type { StoreFactory } from './store-conformance.js';

// The store of the suite now running (set in its `before`); `persist` writes to it.
let store: EngramStore;

function extracted(
  content: string,
  names: string[],
  relations: ExtractedMemory['relations'] = [],
): ExtractedMemory {
  return {
    type: 'fact',
    content,
    confidence: 0.9,
    sourceEvidence: [content],
    segmentIndexes: [0],
    subject: undefined,
    attribute: undefined,
    value: undefined,
    eventDate: undefined,
    validUntil: undefined,
    temporalCategory: 'perpetual',
    temporalConfidence: 0,
    entities: names.map((name) => ({ name, type: 'person' as const })),
    relations,
  };
}

function candidates(scopeKey: string, memories: ExtractedMemory[]): MemoryCandidate[] {
  return toCandidates(
    memories,
    {
      documentId: 'd',
      text: '',
      documentType: 'ai-chat-conversation',
      documentCreatedAt: '2024-01-01T00:00:00.000Z',
      mode: 'long-range',
      metadata: {},
      owner: { instanceId: 'inst_0000000000000001', scope: 'user', userId: 'u', customerId: 'u', scopeKey },
    },
    'job',
    'rules',
    '2024-01-01T00:00:00.000Z',
  );
}

/** Writes resolved entities the way ingestion does, so the next resolution sees them. */
async function persist(scopeKey: string, batch: MemoryCandidate[]) {
  const resolution = await resolveEntities(batch, store.graph);
  await store.memories.applyIngestion({
    document: {
      instanceId: 'inst_0000000000000001',
      documentId: `doc-${Math.random()}`,
      owner: batch[0]?.memory.owner ?? {
        instanceId: 'inst_0000000000000001',
        scope: 'user',
        customerId: 'u',
        userId: 'u',
        conversationId: undefined,
        scopeKey,
      },
      documentType: 'ai-chat-conversation',
      mode: 'long-range',
      content: '',
      contentHash: '',
      documentCreatedAt: '2024-01-01T00:00:00.000Z',
      metadata: {},
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    },
    removedMemoryIds: [],
    inserts: batch.map((candidate) => ({
      memory: candidate.memory,
      embedding: new Float32Array(4).fill(0.5),
      searchText: candidate.searchText,
      entityIds: resolution.linksOf.get(candidate) ?? [],
    })),
    merges: [],
    supersessions: [],
    entities: resolution.entities,
    edges: resolution.edges,
  });
  return resolution;
}

/** Registers the entity-resolution suite over the store `factory` opens; `label` names it. */
export function entityResolutionSuite(label: string, factory: StoreFactory): void {
  describe(`entity resolution (${label})`, () => {
    before(async () => {
      store = await factory.open();
    });
    after(() => factory.dispose());

    it('links "Mel" and "Melanie Smith" to the canonical Melanie, and edges between entities', async () => {
      const scope = 'inst_0000000000000001/user/1:u/1:u';
      const first = await persist(scope, candidates(scope, [extracted('Melanie paints.', ['Melanie'])]));
      const melanie = first.entities[0];
      assert.ok(melanie);
      const second = await persist(
        scope,
        candidates(scope, [
          extracted(
            'Mel went hiking with Caroline.',
            ['Mel', 'Caroline'],
            [{ subject: 'Mel', relation: 'hiked_with', object: 'Caroline' }],
          ),
        ]),
      );
      const mel = second.entities.find(
        (entity) => entity.aliases.includes('Mel') || entity.canonicalName === 'Mel',
      );
      assert.equal(mel?.entityId, melanie.entityId, 'the nickname resolves to the same entity');
      assert.equal(second.edges.length, 1);
      assert.equal(second.edges[0]?.subjectEntityId, melanie.entityId);

      const third = await persist(
        scope,
        candidates(scope, [extracted('Melanie Smith has two kids.', ['Melanie Smith'])]),
      );
      assert.equal(third.entities[0]?.entityId, melanie.entityId, 'the full name resolves too');
      assert.equal(third.entities[0]?.canonicalName, 'Melanie Smith', 'and becomes the canonical form');
      const found = await store.graph.findEntities([scope], ['mel', 'melanie', 'melanie smith']);
      assert.deepEqual(new Set(found.map((entity) => entity.entityId)), new Set([melanie.entityId]));
    });

    it('among many entities, links a place by its alias and a person by nickname, as the full list would', async () => {
      const scope = 'inst_0000000000000001/user/1:w/1:w';
      const place = (content: string, name: string): ExtractedMemory => ({
        ...extracted(content, []),
        entities: [{ name, type: 'place' }],
      });
      for (let index = 0; index < 30; index++)
        await persist(scope, candidates(scope, [place(`Visited Town${index}.`, `Town${index}`)]));
      const lisbon = (await persist(scope, candidates(scope, [place('Lived in Lisboa.', 'Lisboa')])))
        .entities[0];
      assert.ok(lisbon);
      const again = await persist(scope, candidates(scope, [place('Back in lisboa.', 'lisboa')]));
      assert.equal(again.entities[0]?.entityId, lisbon.entityId, 'the same place, found by name');
      const samantha = (await persist(scope, candidates(scope, [extracted('Samantha runs.', ['Samantha'])])))
        .entities[0];
      assert.ok(samantha);
      const nick = await persist(scope, candidates(scope, [extracted('Sam swims.', ['Sam'])]));
      assert.equal(nick.entities[0]?.entityId, samantha.entityId, 'the nickname, among people only');
      if (store.graph.listPeople) {
        const people = await store.graph.listPeople(scope);
        assert.deepEqual(
          people.map((entity) => entity.entityId),
          [samantha.entityId],
        );
        const everything = await store.graph.listEntities(scope);
        assert.equal(everything.length, 32);
      }
    });

    it('never resolves across scopes', async () => {
      const other = 'inst_0000000000000001/user/1:v/1:v';
      const resolution = await resolveEntities(
        candidates(other, [extracted('Melanie sings.', ['Melanie'])]),
        store.graph,
      );
      const created = resolution.entities[0];
      assert.ok(created);
      assert.equal(created.scopeKey, other);
      assert.equal(created.mentionCount, 1, 'a new entity, not the other scope’s Melanie');
    });
  });
}
