// One conformance suite for the platform ports (instance settings and
// configuration, webhooks and their outbox, memory admin reads, archives,
// erasure, the operator console), run against every adapter. Each adapter's
// test file calls it with a factory that opens a fresh, empty store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  EngramStore,
  InstanceSnapshotPart,
  MemoryOwner,
  NewMessage,
  OutboxEvent,
  WebhookEndpoint,
} from '../src/index.js';
import { EngramError, newUuidV7 } from '../src/index.js';
import { toArchiveRecords, toInstanceImport } from '../src/portability/archive-conversion.js';
import type { ArchiveRecord } from '../src/portability/archive-records.js';
import {
  edge,
  entity,
  freshInstanceId,
  ingestion,
  memoryInsert,
  unitVector,
  userOwner,
} from './memory-fixtures.js';
import type { StoreFactory } from './store-conformance.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';
const T3 = '2026-01-01T00:00:03.000Z';

function endpoint(instanceId: string, events: WebhookEndpoint['events'], createdAt = T0): WebhookEndpoint {
  return {
    endpointId: `whe_${newUuidV7().replaceAll('-', '')}`,
    instanceId,
    url: 'http://127.0.0.1:9/hook',
    events,
    secret: 'whsec_test',
    description: 'conformance',
    createdAt,
  };
}

function event(instanceId: string, eventType: OutboxEvent['eventType'], createdAt = T0): OutboxEvent {
  return { eventId: `evt_${newUuidV7()}`, instanceId, eventType, body: `{"type":"${eventType}"}`, createdAt };
}

function message(owner: MemoryOwner, conversationId: string, content: string, at: string): NewMessage {
  return {
    messageId: newUuidV7(),
    instanceId: owner.instanceId,
    conversationId,
    role: 'user',
    content,
    userId: owner.userId,
    customerId: owner.customerId,
    sessionId: conversationId,
    metadata: {},
    recordedAt: at,
  };
}

/** Every chunk of an export, whether the store yields them synchronously or not. */
async function exportAll(
  store: EngramStore,
  instanceId: string,
  filter: { userId?: string } = {},
  chunkSize = 2,
): Promise<Partial<InstanceSnapshotPart>[]> {
  const parts: Partial<InstanceSnapshotPart>[] = [];
  for await (const part of store.archive.exportChunks(instanceId, filter, chunkSize)) parts.push(part);
  return parts;
}

/** Registers the suite under `describe(name)`. */
export function platformStoreConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: platform port conformance`, () => {
    let store: EngramStore;
    let clientCount = 0;

    /** A new instance (with its client) of `relationship`; returns its id. */
    async function newInstance(relationship: 'b2c' | 'b2b' = 'b2c'): Promise<string> {
      clientCount += 1;
      const clientId = `cli_${String(clientCount).padStart(16, '0')}`;
      await store.tenancy.createClient({ clientId, name: clientId, createdAt: T0 });
      const instanceId = freshInstanceId();
      await store.tenancy.createInstance({ instanceId, clientId, name: 'x', relationship, createdAt: T0 });
      return instanceId;
    }

    before(async () => {
      store = await factory.open();
    });
    after(() => factory.dispose());

    describe('instance settings', () => {
      it('is undefined for an unknown instance, {} before any change', async () => {
        assert.equal(await store.instanceSettings.getSettings('inst_nothere'), undefined);
        assert.equal(
          await store.instanceSettings.updateSettings('inst_nothere', { rateLimitBurst: 3 }),
          undefined,
        );
        const instanceId = await newInstance();
        assert.deepEqual(await store.instanceSettings.getSettings(instanceId), {});
      });

      it('merges changes, removes a key set to undefined, and keeps concurrent updates of different keys', async () => {
        const instanceId = await newInstance();
        await Promise.all([
          store.instanceSettings.updateSettings(instanceId, { compactionThresholdTokens: 100 }),
          store.instanceSettings.updateSettings(instanceId, { rateLimitPerSecond: 5 }),
          store.instanceSettings.updateSettings(instanceId, { rateLimitBurst: 9 }),
        ]);
        assert.deepEqual(await store.instanceSettings.getSettings(instanceId), {
          compactionThresholdTokens: 100,
          rateLimitPerSecond: 5,
          rateLimitBurst: 9,
        });
        const after = await store.instanceSettings.updateSettings(instanceId, {
          rateLimitPerSecond: undefined,
          rateLimitBurst: 0,
        });
        assert.deepEqual(after, { compactionThresholdTokens: 100, rateLimitBurst: 0 });
        assert.deepEqual(await store.instanceSettings.getSettings(instanceId), after);
      });
    });

    describe('instance configuration versions', () => {
      const next = (instanceId: string, value: number, rolledBackTo?: number) => ({
        instanceId,
        document: { retrieval: { max_results: value } },
        author: 'ops',
        createdAt: T1,
        diff: [{ path: 'retrieval.max_results', before: null, after: value }],
        ...(rolledBackTo !== undefined && { rolledBackTo }),
      });

      it('appends numbered versions, refuses a stale one, and lists newest first', async () => {
        const instanceId = await newInstance();
        assert.equal(await store.instanceConfigs.latest(instanceId), undefined);
        const first = await store.instanceConfigs.append(0, next(instanceId, 1));
        assert.equal(first?.version, 1);
        assert.equal(await store.instanceConfigs.append(0, next(instanceId, 2)), undefined, 'stale');
        const second = await store.instanceConfigs.append(1, next(instanceId, 3, 1));
        assert.equal(second?.version, 2);
        assert.deepEqual(await store.instanceConfigs.latest(instanceId), second);
        assert.deepEqual(await store.instanceConfigs.get(instanceId, 1), first);
        assert.equal((await store.instanceConfigs.get(instanceId, 2))?.rolledBackTo, 1);
        assert.equal(await store.instanceConfigs.get(instanceId, 3), undefined);
        assert.deepEqual(
          (await store.instanceConfigs.history(instanceId)).map((version) => version.version),
          [2, 1],
        );
        assert.deepEqual(await store.instanceConfigs.history(await newInstance()), [], 'per instance');
      });

      it('gives a number to exactly one of several concurrent writers', async () => {
        const instanceId = await newInstance();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, index) => store.instanceConfigs.append(0, next(instanceId, index))),
        );
        assert.equal(results.filter((result) => result !== undefined).length, 1);
        assert.equal((await store.instanceConfigs.history(instanceId)).length, 1);
      });
    });

    describe('webhooks', () => {
      it('keeps endpoints per instance, oldest first', async () => {
        const a = await newInstance();
        const b = await newInstance();
        const first = endpoint(a, ['memory.created'], T0);
        const second = endpoint(a, ['memory.deleted'], T1);
        await store.webhooks.createEndpoint(second);
        await store.webhooks.createEndpoint(first);
        await store.webhooks.createEndpoint(endpoint(b, ['memory.created']));
        assert.deepEqual(
          (await store.webhooks.listEndpoints(a)).map((found) => found.endpointId),
          [first.endpointId, second.endpointId],
        );
        assert.deepEqual(await store.webhooks.getEndpoint(a, first.endpointId), first);
        assert.equal(await store.webhooks.getEndpoint(b, first.endpointId), undefined, 'other instance');
        assert.equal(await store.webhooks.deleteEndpoint(b, first.endpointId), false);
        assert.equal(await store.webhooks.deleteEndpoint(a, first.endpointId), true);
        assert.equal(await store.webhooks.deleteEndpoint(a, first.endpointId), false);
      });

      it('queues an event once per subscribed endpoint, idempotent per event id', async () => {
        const a = await newInstance();
        const b = await newInstance();
        const created = endpoint(a, ['memory.created', 'memory.updated']);
        const deleted = endpoint(a, ['memory.deleted']);
        const other = endpoint(b, ['memory.created']);
        for (const found of [created, deleted, other]) await store.webhooks.createEndpoint(found);
        const events = [
          event(a, 'memory.created'),
          event(a, 'memory.updated'),
          event(a, 'ingestion.completed'),
        ];
        assert.equal(await store.webhooks.enqueue(events), 2);
        assert.equal(await store.webhooks.enqueue(events), 0, 'the same event ids queue nothing');
        assert.equal(await store.webhooks.enqueue([]), 0);
        const listed = await store.webhooks.listDeliveries(a, { limit: 10 });
        assert.equal(listed.length, 2);
        assert.ok(listed.every((delivery) => delivery.endpointId === created.endpointId));
        assert.ok(listed.every((delivery) => delivery.status === 'pending' && delivery.attempts === 0));
        assert.deepEqual(await store.webhooks.listDeliveries(b, { limit: 10 }), []);
      });

      it('claims due deliveries once under a lease, retries, gives up, delivers and redelivers', async () => {
        const a = await newInstance();
        const hook = endpoint(a, ['memory.created']);
        await store.webhooks.createEndpoint(hook);
        const later = { ...event(a, 'memory.created', '2999-01-01T00:00:00.000Z') };
        await store.webhooks.enqueue([event(a, 'memory.created', T0), event(a, 'memory.created', T1), later]);
        const lease = '2026-01-01T00:01:00.000Z';
        // Other instances' due deliveries may exist in a shared store: look at ours only.
        const ours = <Claimed extends { instanceId: string }>(claimed: Claimed[]) =>
          claimed.filter((found) => found.instanceId === a);
        const claims = await Promise.all([
          store.webhooks.claimDue(T2, lease, 100),
          store.webhooks.claimDue(T2, lease, 100),
        ]);
        const claimed = ours(claims.flat());
        assert.equal(claimed.length, 2, 'each due delivery claimed by exactly one claimer');
        assert.equal(new Set(claimed.map((found) => found.deliveryId)).size, 2);
        for (const found of claimed) {
          assert.equal(found.url, hook.url);
          assert.equal(found.secret, hook.secret);
          assert.equal(found.attempts, 1);
          assert.equal(found.nextAttemptAt, lease);
        }
        assert.deepEqual(ours(await store.webhooks.claimDue(T3, lease, 100)), [], 'leased');
        const [first, second] = claimed.sort((left, right) => (left.createdAt < right.createdAt ? -1 : 1));
        assert.ok(first && second);
        assert.equal(first.createdAt, T0);
        await store.webhooks.markDelivered(first.deliveryId, 204, T3);
        await store.webhooks.markAttemptFailed(
          second.deliveryId,
          'x'.repeat(800),
          500,
          '2026-01-01T00:02:00.000Z',
        );
        const delivered = await store.webhooks.getDelivery(a, first.deliveryId);
        assert.equal(delivered?.status, 'delivered');
        assert.equal(delivered?.lastStatusCode, 204);
        assert.equal(delivered?.deliveredAt, T3);
        const retrying = await store.webhooks.getDelivery(a, second.deliveryId);
        assert.equal(retrying?.status, 'pending');
        assert.equal(retrying?.lastError?.length, 500, 'errors are cut to 500 characters');
        assert.equal(retrying?.lastStatusCode, 500);
        const again = ours(
          await store.webhooks.claimDue('2026-01-01T00:02:00.000Z', '2026-01-01T00:03:00.000Z', 10),
        );
        assert.deepEqual(
          again.map((found) => [found.deliveryId, found.attempts]),
          [[second.deliveryId, 2]],
        );
        await store.webhooks.markAttemptFailed(second.deliveryId, 'refused', undefined, undefined);
        assert.equal((await store.webhooks.getDelivery(a, second.deliveryId))?.status, 'failed');
        assert.equal(
          (await store.webhooks.listDeliveries(a, { status: 'failed', limit: 10 }))[0]?.deliveryId,
          second.deliveryId,
        );
        assert.equal(await store.webhooks.redeliver(a, second.deliveryId, T3), true);
        assert.equal(await store.webhooks.redeliver(await newInstance(), second.deliveryId, T3), false);
        const requeued = await store.webhooks.getDelivery(a, second.deliveryId);
        assert.equal(requeued?.status, 'pending');
        assert.equal(requeued?.nextAttemptAt, T3);
        assert.equal(requeued?.attempts, 2, 'attempts keep counting');
        assert.equal(
          (await store.webhooks.listDeliveries(a, { endpointId: hook.endpointId, limit: 10 })).length,
          3,
        );
        assert.equal(await store.webhooks.deleteEndpoint(a, hook.endpointId), true);
        assert.deepEqual(await store.webhooks.listDeliveries(a, { limit: 10 }), [], 'deliveries go with it');
      });

      it('writes edit, delete and erasure events with the change, and none when nothing changed', async () => {
        const owner = userOwner(await newInstance(), 'u1');
        await store.webhooks.createEndpoint(endpoint(owner.instanceId, ['memory.updated', 'memory.deleted']));
        const kept = memoryInsert(owner, { content: 'Ann likes tea', documentId: 'd1' });
        const gone = memoryInsert(owner, { content: 'Ann likes jazz', documentId: 'd1' });
        const erased = memoryInsert(owner, { content: 'Ann likes maps', documentId: 'd1' });
        await store.memories.applyIngestion(ingestion(owner, 'd1', { inserts: [kept, gone, erased] }));
        const edit = {
          content: 'Ann likes green tea',
          embedding: unitVector(0, 1),
          searchText: 'Ann likes green tea',
          updatedAt: T1,
        };
        assert.equal(
          await store.memories.editMemory(owner.instanceId, kept.memory.memoryId, edit, [
            event(owner.instanceId, 'memory.updated'),
          ]),
          true,
        );
        assert.equal(
          await store.memories.editMemory(owner.instanceId, newUuidV7(), edit, [
            event(owner.instanceId, 'memory.updated'),
          ]),
          false,
        );
        assert.equal(
          await store.memories.deleteMemory(owner.instanceId, gone.memory.memoryId, [
            event(owner.instanceId, 'memory.deleted'),
          ]),
          true,
        );
        assert.equal(
          await store.memories.deleteMemory(owner.instanceId, gone.memory.memoryId, [
            event(owner.instanceId, 'memory.deleted'),
          ]),
          false,
        );
        const report = await store.erasure.eraseMemory(owner.instanceId, erased.memory.memoryId, T2, [
          event(owner.instanceId, 'memory.deleted'),
        ]);
        assert.equal(report?.memories, 1);
        assert.equal(
          await store.erasure.eraseMemory(owner.instanceId, erased.memory.memoryId, T2, [
            event(owner.instanceId, 'memory.deleted'),
          ]),
          undefined,
        );
        const types = (await store.webhooks.listDeliveries(owner.instanceId, { limit: 10 }))
          .map((delivery) => delivery.eventType)
          .sort();
        assert.deepEqual(types, ['memory.deleted', 'memory.deleted', 'memory.updated']);
      });
    });

    describe('memory admin', () => {
      it('pages newest first without repeats or gaps while memories are added, with filters', async () => {
        const instanceId = await newInstance();
        const ann = userOwner(instanceId, 'ann');
        const bob = userOwner(instanceId, 'bob');
        const annMemories = Array.from({ length: 5 }, (_, index) =>
          memoryInsert(ann, {
            content: `ann fact ${index}`,
            documentId: 'da',
            extractedAt: `2026-01-0${index + 1}T00:00:00.000Z`,
          }),
        );
        await store.memories.applyIngestion(ingestion(ann, 'da', { inserts: annMemories }));
        const bobEvent = memoryInsert(bob, { content: 'bob went out', documentId: 'db', type: 'episode' });
        await store.memories.applyIngestion(ingestion(bob, 'db', { inserts: [bobEvent] }));
        const base = { instanceId, validity: 'all' as const, now: T0, limit: 2 };
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 10; page += 1) {
          const result = await store.memoryAdmin.listMemories({ ...base, ...(cursor && { cursor }) });
          seen.push(...result.memories.map((memory) => memory.memoryId));
          if (page === 0) {
            // A memory written after the first page is older than no page to come: never listed twice, never skipped.
            await store.memories.applyIngestion(
              ingestion(ann, 'dc', { inserts: [memoryInsert(ann, { content: 'late', documentId: 'dc' })] }),
            );
          }
          cursor = result.nextCursor;
          if (!cursor) break;
        }
        const expected = [bobEvent, ...[...annMemories].reverse()].map((insert) => insert.memory.memoryId);
        assert.deepEqual(seen, expected);
        const annOnly = await store.memoryAdmin.listMemories({ ...base, userId: 'ann', limit: 100 });
        assert.equal(annOnly.memories.length, 6);
        assert.equal(annOnly.nextCursor, undefined);
        const events = await store.memoryAdmin.listMemories({ ...base, types: ['episode'], limit: 100 });
        assert.deepEqual(
          events.memories.map((memory) => memory.memoryId),
          [bobEvent.memory.memoryId],
        );
        const ranged = await store.memoryAdmin.listMemories({
          ...base,
          userId: 'ann',
          from: '2026-01-02T00:00:00.000Z',
          to: '2026-01-04T00:00:00.000Z',
          limit: 100,
        });
        assert.deepEqual(
          ranged.memories.map((memory) => memory.content),
          ['ann fact 2', 'ann fact 1'],
        );
        const elsewhere = await store.memoryAdmin.listMemories({ ...base, instanceId: await newInstance() });
        assert.deepEqual(elsewhere.memories, []);
        await assert.rejects(
          store.memoryAdmin.listMemories({ ...base, cursor: 'bm90LWEtY3Vyc29y' }),
          (error: unknown) => error instanceof EngramError && error.code === 'INVALID_INPUT',
        );
      });

      it('tells current, superseded and expired memories apart, and follows a supersession chain', async () => {
        const owner = userOwner(await newInstance(), 'u1');
        const oldest = memoryInsert(owner, { content: 'lives in Oslo', documentId: 'd1', extractedAt: T0 });
        const middle = memoryInsert(owner, { content: 'lives in Rome', documentId: 'd2', extractedAt: T1 });
        const newest = memoryInsert(owner, { content: 'lives in Lima', documentId: 'd3', extractedAt: T2 });
        const expiring = memoryInsert(owner, { content: 'on holiday', documentId: 'd4', extractedAt: T2 });
        expiring.memory.validUntil = '2026-01-01T00:00:02.500Z';
        await store.memories.applyIngestion(ingestion(owner, 'd1', { inserts: [oldest] }));
        await store.memories.applyIngestion(
          ingestion(owner, 'd2', {
            inserts: [middle],
            supersessions: [
              {
                memoryId: oldest.memory.memoryId,
                supersededBy: middle.memory.memoryId,
                validUntil: T1,
                updatedAt: T1,
              },
            ],
          }),
        );
        await store.memories.applyIngestion(
          ingestion(owner, 'd3', {
            inserts: [newest],
            supersessions: [
              {
                memoryId: middle.memory.memoryId,
                supersededBy: newest.memory.memoryId,
                validUntil: T2,
                updatedAt: T2,
              },
            ],
          }),
        );
        await store.memories.applyIngestion(ingestion(owner, 'd4', { inserts: [expiring] }));
        const list = async (validity: 'current' | 'superseded' | 'expired') =>
          (
            await store.memoryAdmin.listMemories({
              instanceId: owner.instanceId,
              validity,
              now: T3,
              limit: 10,
            })
          ).memories.map((memory) => memory.content);
        assert.deepEqual(await list('current'), ['lives in Lima']);
        assert.deepEqual(await list('superseded'), ['lives in Rome', 'lives in Oslo']);
        assert.deepEqual(await list('expired'), ['on holiday']);
        for (const start of [oldest, middle, newest]) {
          const chain = await store.memoryAdmin.supersessionChain(owner.instanceId, start.memory.memoryId);
          assert.deepEqual(
            chain.map((memory) => memory.content),
            ['lives in Oslo', 'lives in Rome', 'lives in Lima'],
          );
        }
        assert.deepEqual(
          (await store.memoryAdmin.supersessionChain(owner.instanceId, expiring.memory.memoryId)).length,
          1,
        );
        assert.deepEqual(
          await store.memoryAdmin.supersessionChain(await newInstance(), newest.memory.memoryId),
          [],
        );
      });

      it('finds retention candidates: expired by age, and each user scope beyond its limit', async () => {
        const instanceId = await newInstance();
        const ann = userOwner(instanceId, 'ann');
        const bob = userOwner(instanceId, 'bob');
        const annMemories = [0.9, 0.2, 0.5, 0.7].map((confidence, index) => {
          const insert = memoryInsert(ann, {
            content: `ann ${index}`,
            documentId: 'da',
            type: index === 0 ? 'episode' : 'fact',
            extractedAt: `2026-01-0${index + 1}T00:00:00.000Z`,
          });
          insert.memory.confidence = confidence;
          return insert;
        });
        await store.memories.applyIngestion(ingestion(ann, 'da', { inserts: annMemories }));
        await store.memories.applyIngestion(
          ingestion(bob, 'db', {
            inserts: [
              memoryInsert(bob, {
                content: 'bob',
                documentId: 'db',
                extractedAt: '2026-02-01T00:00:00.000Z',
              }),
            ],
          }),
        );
        const ids = (indexes: number[]) => indexes.map((index) => annMemories[index]?.memory.memoryId);
        assert.deepEqual(
          await store.memoryAdmin.expiredMemoryIds(instanceId, 'fact', '2026-01-03T12:00:00.000Z', 10),
          ids([1, 2]),
        );
        assert.deepEqual(
          await store.memoryAdmin.expiredMemoryIds(instanceId, 'fact', '2026-01-09T00:00:00.000Z', 1),
          ids([1]),
        );
        assert.deepEqual(
          await store.memoryAdmin.overflowMemoryIds(instanceId, 2, 10, 'delete_oldest'),
          ids([0, 1]),
        );
        assert.deepEqual(
          await store.memoryAdmin.overflowMemoryIds(instanceId, 2, 10, 'delete_least_confident'),
          ids([1, 2]),
        );
        assert.deepEqual(
          await store.memoryAdmin.overflowMemoryIds(instanceId, 1, 2, 'delete_oldest'),
          ids([0, 1]),
        );
        assert.deepEqual(await store.memoryAdmin.overflowMemoryIds(instanceId, 4, 10, 'delete_oldest'), []);
      });
    });

    describe('archive', () => {
      /** One user's memories, entities, an edge, a conversation; returns what a test compares. */
      async function seed(instanceId: string, userId: string) {
        const owner = userOwner(instanceId, userId);
        const ann = entity(owner, 'Ann');
        const bob = entity(owner, 'Bob');
        const first = memoryInsert(owner, {
          content: `${userId} Ann knows Bob from chess club`,
          documentId: `doc-${userId}`,
          entityIds: [ann.entityId, bob.entityId],
          embedding: unitVector(1, 2, 3),
        });
        const second = memoryInsert(owner, {
          content: `${userId} Bob plays chess on Sundays`,
          documentId: `doc-${userId}`,
          entityIds: [bob.entityId],
          embedding: unitVector(3, 2, 1),
        });
        second.memory.configVersion = 2;
        await store.memories.applyIngestion(
          ingestion(owner, `doc-${userId}`, {
            entities: [ann, bob],
            inserts: [first, second],
            edges: [edge(owner, ann, bob, first.memory.memoryId)],
          }),
        );
        await store.conversations.appendMessages([
          message(owner, `conv-${userId}`, 'hello', T0),
          message(owner, `conv-${userId}`, 'again', T1),
        ]);
        return { owner, first, second };
      }

      /** The archive of `instanceId` as the service writes it, then read back for `target`. */
      async function archiveOf(instanceId: string, target: string, filter: { userId?: string } = {}) {
        const records: ArchiveRecord[] = [];
        for (const part of await exportAll(store, instanceId, filter))
          records.push(...toArchiveRecords(part));
        return { records, data: toInstanceImport(target, records) };
      }

      it('exports every table in chunks and imports into another instance, once', async () => {
        const source = await newInstance();
        const { owner, first, second } = await seed(source, 'u1');
        await seed(source, 'u2');
        const { records, data } = await archiveOf(source, source);
        const count = (type: string) => records.filter((record) => record.type === type).length;
        assert.deepEqual(
          ['document', 'entity', 'memory', 'edge', 'conversation', 'message'].map(count),
          [2, 4, 4, 2, 2, 4],
        );
        const target = await newInstance();
        const moved = toInstanceImport(target, records);
        const summary = await store.archive.importInstance(target, moved);
        assert.deepEqual(summary.imported, {
          entity: 4,
          memory: 4,
          document: 2,
          edge: 2,
          conversation: 2,
          message: 4,
        });
        const targetOwner = userOwner(target, 'u1');
        assert.ok(summary.changedScopeKeys.includes(targetOwner.scopeKey));
        // The ids were taken by the source instance: the target holds derived ones, its own.
        const listed = await store.memoryAdmin.listMemories({
          instanceId: target,
          userId: 'u1',
          validity: 'all',
          now: T3,
          limit: 10,
        });
        assert.equal(listed.memories.length, 2);
        assert.ok(listed.memories.every((memory) => memory.memoryId !== first.memory.memoryId));
        assert.ok(listed.memories.every((memory) => memory.owner.scopeKey === targetOwner.scopeKey));
        assert.deepEqual(
          listed.memories.map((memory) => memory.configVersion),
          [2, undefined],
          'the configuration version travels',
        );
        // Searched and scored as in the source.
        const terms = ['chess'];
        const sourceHits = await store.text.search([owner.scopeKey], terms, 10);
        const targetHits = await store.text.search([targetOwner.scopeKey], terms, 10);
        assert.equal(targetHits.length, 2);
        assert.deepEqual(
          targetHits.map((hit) => hit.score.toFixed(9)),
          sourceHits.map((hit) => hit.score.toFixed(9)),
        );
        const nearest = await store.vectors.nearest([targetOwner.scopeKey], unitVector(3, 2, 1), 1);
        const secondMoved = listed.memories.find((memory) => memory.content === second.memory.content);
        assert.equal(nearest[0]?.memoryId, secondMoved?.memoryId);
        const links = await store.graph.entitiesOfMemories(listed.memories.map((memory) => memory.memoryId));
        assert.deepEqual(
          [...links.values()].map((list) => list.map((link) => link.canonicalName).sort()).sort(),
          [['Ann', 'Bob'], ['Bob']],
        );
        const conversation = await store.conversations.getConversation(target, 'conv-u1');
        assert.equal(conversation?.messageCount, 2);
        assert.deepEqual(
          (await store.conversations.listRecentMessages(target, 'conv-u1', 10)).map((found) => found.content),
          ['hello', 'again'],
        );
        // Again: everything is already there.
        const again = await store.archive.importInstance(target, toInstanceImport(target, records));
        assert.deepEqual(again.imported, { entity: 4, document: 2 });
        assert.deepEqual(again.skipped, { memory: 4, edge: 2, conversation: 2, message: 4 });
        // Into its own instance: every id is its own already.
        const self = await store.archive.importInstance(source, data);
        assert.equal(self.imported.memory, undefined);
        assert.equal(self.skipped.memory, 4);
      });

      it("exports one user's data only", async () => {
        const source = await newInstance();
        await seed(source, 'u1');
        await seed(source, 'u2');
        const { records } = await archiveOf(source, source, { userId: 'u2' });
        const users = new Set(records.flatMap((record) => ('owner' in record ? [record.owner.userId] : [])));
        assert.deepEqual([...users], ['u2']);
        assert.equal(records.filter((record) => record.type === 'memory').length, 2);
        assert.equal(records.filter((record) => record.type === 'document').length, 1);
        assert.deepEqual(
          records.flatMap((record) => (record.type === 'message' ? [record.userId] : [])),
          ['u2', 'u2'],
        );
      });

      it('writes an import whole or not at all', async () => {
        const source = await newInstance();
        await seed(source, 'u1');
        const target = await newInstance();
        const { data } = await archiveOf(source, target);
        data.memories.push({ ...(data.memories[0] as (typeof data.memories)[0]) });
        const orphan = data.memories.at(-1) as (typeof data.memories)[0];
        orphan.memory = { ...orphan.memory, memoryId: newUuidV7(), sourceDocumentId: 'missing-document' };
        await assert.rejects(
          store.archive.importInstance(target, data),
          (error: unknown) => error instanceof EngramError && error.code === 'INVALID_INPUT',
        );
        assert.deepEqual(
          (await store.memoryAdmin.listMemories({ instanceId: target, validity: 'all', now: T3, limit: 10 }))
            .memories,
          [],
        );
        assert.equal(await store.conversations.getConversation(target, 'conv-u1'), undefined);
      });

      it('appends an imported configuration as the next version', async () => {
        const target = await newInstance();
        const summary = await store.archive.importInstance(target, {
          documents: [],
          entities: [],
          edges: [],
          conversations: [],
          messages: [],
          memories: [],
          config: { instanceId: target, document: { a: 1 }, author: 'import', createdAt: T1, diff: [] },
        });
        assert.equal(summary.imported.config, 1);
        assert.deepEqual((await store.instanceConfigs.latest(target))?.document, { a: 1 });
        assert.equal((await store.instanceConfigs.latest(target))?.version, 1);
      });
    });

    describe('erasure', () => {
      it('erases a memory with its indexes; the last one takes its document and leaves a tombstone', async () => {
        const owner = userOwner(await newInstance(), 'u1');
        const lonely = entity(owner, 'Lonelyname');
        const first = memoryInsert(owner, {
          content: 'secret alpha',
          documentId: 'd1',
          entityIds: [lonely.entityId],
        });
        const second = memoryInsert(owner, { content: 'secret beta', documentId: 'd1' });
        await store.memories.applyIngestion(
          ingestion(owner, 'd1', { entities: [lonely], inserts: [first, second] }),
        );
        const report = await store.erasure.eraseMemory(owner.instanceId, first.memory.memoryId, T1);
        assert.deepEqual(report, {
          memories: 1,
          documents: 0,
          conversations: 0,
          scopeKeys: [owner.scopeKey],
        });
        assert.deepEqual(await store.graph.listEntities(owner.scopeKey), [], 'an entity nothing names goes');
        assert.deepEqual(
          (await store.text.search([owner.scopeKey], ['secret'], 10)).map((hit) => hit.memoryId),
          [second.memory.memoryId],
        );
        assert.ok(await store.memories.getDocument(owner.instanceId, 'd1'));
        assert.equal(
          await store.erasure.eraseMemory(await newInstance(), second.memory.memoryId, T1),
          undefined,
        );
        const last = await store.erasure.eraseMemory(owner.instanceId, second.memory.memoryId, T2);
        assert.deepEqual(last, { memories: 1, documents: 1, conversations: 0, scopeKeys: [owner.scopeKey] });
        assert.equal(await store.memories.getDocument(owner.instanceId, 'd1'), undefined);
        assert.deepEqual(await store.vectors.nearest([owner.scopeKey], unitVector(1), 10), []);
        assert.deepEqual(await store.text.search([owner.scopeKey], ['secret'], 10), []);
        assert.equal(typeof (await store.erasure.purge()), 'boolean');
      });

      it("erases a user's documents and conversations, and nobody else's", async () => {
        const instanceId = await newInstance('b2b');
        const ann: MemoryOwner = { ...userOwner(instanceId, 'ann'), customerId: 'acme' };
        const bob: MemoryOwner = { ...userOwner(instanceId, 'bob'), customerId: 'acme' };
        for (const owner of [ann, bob]) {
          await store.memories.applyIngestion(
            ingestion(owner, `doc-${owner.userId}`, {
              inserts: [
                memoryInsert(owner, {
                  content: `${owner.userId} private`,
                  documentId: `doc-${owner.userId}`,
                }),
              ],
            }),
          );
          await store.conversations.appendMessages([message(owner, `conv-${owner.userId}`, 'words', T0)]);
        }
        const other = userOwner(await newInstance(), 'ann');
        await store.conversations.appendMessages([message(other, 'conv-ann', 'words', T0)]);
        const report = await store.erasure.eraseSubject(
          instanceId,
          { userId: 'ann', customerId: 'acme' },
          T1,
        );
        assert.equal(report.memories, 1);
        assert.equal(report.documents, 1);
        assert.equal(report.conversations, 1);
        assert.equal(await store.memories.getDocument(instanceId, 'doc-ann'), undefined);
        assert.equal(await store.conversations.getConversation(instanceId, 'conv-ann'), undefined);
        assert.deepEqual(await store.conversations.listRecentMessages(instanceId, 'conv-ann', 10), []);
        assert.ok(await store.memories.getDocument(instanceId, 'doc-bob'));
        assert.ok(await store.conversations.getConversation(instanceId, 'conv-bob'));
        assert.ok(await store.conversations.getConversation(other.instanceId, 'conv-ann'), 'other instance');
        const again = await store.erasure.eraseSubject(instanceId, { userId: 'ann', customerId: 'acme' }, T2);
        assert.deepEqual(again, { memories: 0, documents: 0, conversations: 0, scopeKeys: [] });
        const customer = await store.erasure.eraseSubject(instanceId, { customerId: 'acme' }, T2);
        assert.equal(customer.documents, 1);
        assert.equal(customer.conversations, 1);
        assert.equal(await store.conversations.getConversation(instanceId, 'conv-bob'), undefined);
      });

      it("takes erased text out of ingestion jobs: a pending one fails, a finished one's result drops the id", async () => {
        const owner = userOwner(await newInstance(), 'u1');
        const pending = newUuidV7();
        const done = newUuidV7();
        await store.jobs.enqueue({
          jobId: done,
          instanceId: owner.instanceId,
          kind: 'ingest-document',
          serialKey: owner.scopeKey,
          payload: { documentId: 'd1', text: 'secret text one' },
          queuedAt: T0,
        });
        const kept = memoryInsert(owner, { content: 'kept', documentId: 'd1' });
        const erased = memoryInsert(owner, { content: 'erased', documentId: 'd1' });
        await store.memories.applyIngestion(ingestion(owner, 'd1', { inserts: [kept, erased] }));
        assert.equal(
          (await store.jobs.claim(['ingest-document'], 'w1', '2999-01-01T00:00:00.000Z', T1))?.jobId,
          done,
        );
        const ids = [kept.memory.memoryId, erased.memory.memoryId];
        await store.jobs.finish(done, 'w1', {
          status: 'completed',
          result: { memoriesCreated: 2, memoryIds: ids },
          completedAt: T1,
        });
        await store.jobs.enqueue({
          jobId: pending,
          instanceId: owner.instanceId,
          kind: 'ingest-document',
          serialKey: owner.scopeKey,
          payload: { documentId: 'd2', text: 'secret text two' },
          queuedAt: T1,
        });
        await store.erasure.eraseMemory(owner.instanceId, erased.memory.memoryId, T2);
        assert.deepEqual((await store.jobs.get(owner.instanceId, done))?.result.memoryIds, [
          kept.memory.memoryId,
        ]);
        await store.erasure.eraseDocument(owner.instanceId, 'd2', T2);
        const failed = await store.jobs.get(owner.instanceId, pending);
        assert.equal(failed?.status, 'failed');
        assert.equal(failed?.errorMessage, 'the document was erased');
        assert.equal(JSON.stringify(failed?.payload).includes('secret'), false);
        assert.deepEqual(failed?.result.memoryIds, []);
      });

      it('erases a document by id, idempotently', async () => {
        const owner = userOwner(await newInstance(), 'u1');
        await store.memories.applyIngestion(
          ingestion(owner, 'd1', { inserts: [memoryInsert(owner, { content: 'x', documentId: 'd1' })] }),
        );
        const report = await store.erasure.eraseDocument(owner.instanceId, 'd1', T1);
        assert.deepEqual(report, {
          memories: 1,
          documents: 1,
          conversations: 0,
          scopeKeys: [owner.scopeKey],
        });
        assert.deepEqual(await store.erasure.eraseDocument(owner.instanceId, 'd1', T2), {
          memories: 0,
          documents: 0,
          conversations: 0,
          scopeKeys: [],
        });
      });
    });

    describe('operator console', () => {
      it('counts usage, lists owners and conversations of one instance', async () => {
        const instanceId = await newInstance('b2b');
        const ann: MemoryOwner = { ...userOwner(instanceId, 'ann'), customerId: 'acme' };
        const bob: MemoryOwner = { ...userOwner(instanceId, 'bob'), customerId: 'acme' };
        const annEntity = entity(ann, 'Ann');
        await store.memories.applyIngestion(
          ingestion(ann, 'd1', {
            entities: [annEntity],
            inserts: [
              memoryInsert(ann, { content: 'a1', documentId: 'd1', entityIds: [annEntity.entityId] }),
              memoryInsert(ann, { content: 'a2', documentId: 'd1' }),
            ],
          }),
        );
        await store.conversations.appendMessages([
          message(bob, 'conv-b', 'one', T0),
          message(bob, 'conv-b', 'two', T1),
          message(ann, 'conv-a', 'three', T2),
        ]);
        const usage = await store.operatorConsole.usageOf(instanceId);
        assert.deepEqual(usage, {
          memories: 2,
          documents: 1,
          conversations: 2,
          messages: 3,
          entities: 1,
          users: 2,
          customers: 1,
          jobs: {},
        });
        assert.deepEqual(await store.operatorConsole.listOwners(instanceId, 10), [
          { customerId: 'acme', userId: 'ann', conversations: 1, memories: 2 },
          { customerId: 'acme', userId: 'bob', conversations: 1, memories: 0 },
        ]);
        assert.equal((await store.operatorConsole.listOwners(instanceId, 1)).length, 1);
        assert.deepEqual(
          (await store.operatorConsole.listConversations({ instanceId, limit: 10 })).map(
            (found) => found.conversationId,
          ),
          ['conv-a', 'conv-b'],
        );
        assert.deepEqual(
          (await store.operatorConsole.listConversations({ instanceId, userId: 'bob', limit: 10 })).map(
            (found) => found.messageCount,
          ),
          [2],
        );
        const empty = await store.operatorConsole.usageOf(await newInstance());
        assert.equal(empty.memories + empty.conversations + empty.users, 0);
        assert.deepEqual(await store.operatorConsole.countJobs(await newInstance()), {});
      });

      it("reads a scope's graph and revokes an instance's own keys only", async () => {
        const instanceId = await newInstance();
        const owner = userOwner(instanceId, 'u1');
        const ann = entity(owner, 'Ann');
        const bob = entity(owner, 'Bob');
        bob.mentionCount = 5;
        const insert = memoryInsert(owner, {
          content: 'Ann knows Bob',
          documentId: 'd1',
          entityIds: [ann.entityId, bob.entityId],
        });
        await store.memories.applyIngestion(
          ingestion(owner, 'd1', {
            entities: [ann, bob],
            inserts: [insert],
            edges: [edge(owner, ann, bob, insert.memory.memoryId)],
          }),
        );
        const graph = await store.operatorConsole.graphOfScope(owner.scopeKey, 10);
        assert.deepEqual(
          graph.entities.map((found) => found.canonicalName),
          ['Bob', 'Ann'],
        );
        assert.equal(graph.edges.length, 1);
        const top = await store.operatorConsole.graphOfScope(owner.scopeKey, 1);
        assert.deepEqual(top.edges, [], 'edges to entities left out are left out');
        const keyId = `key_${newUuidV7().replaceAll('-', '')}`;
        await store.tenancy.insertApiKey({
          keyId,
          instanceId,
          prefix: 'sk_live_x',
          hash: `hash-${keyId}`,
          createdAt: T0,
          revokedAt: null,
        });
        assert.equal(await store.operatorConsole.revokeApiKey(await newInstance(), keyId, T1), false);
        assert.equal(await store.operatorConsole.revokeApiKey(instanceId, keyId, T1), true);
        assert.equal(
          await store.operatorConsole.revokeApiKey(instanceId, keyId, T2),
          false,
          'already revoked',
        );
      });

      it('lists jobs newest first and requeues a failed one', async () => {
        const instanceId = await newInstance();
        const jobIds = [newUuidV7(), newUuidV7()];
        for (const [index, jobId] of jobIds.entries()) {
          await store.jobs.enqueue({
            jobId,
            instanceId,
            kind: 'ingest-document',
            serialKey: `s${index}`,
            payload: { documentId: `d${index}` },
            queuedAt: index === 0 ? T0 : T1,
          });
        }
        const claimed = await store.jobs.claim(['ingest-document'], 'w1', '2999-01-01T00:00:00.000Z', T2);
        assert.equal(claimed?.jobId, jobIds[0]);
        await store.jobs.finish(jobIds[0] as string, 'w1', {
          status: 'failed',
          result: {},
          errorMessage: 'boom',
          completedAt: T2,
        });
        assert.deepEqual(await store.operatorConsole.countJobs(instanceId), { failed: 1, queued: 1 });
        assert.deepEqual(
          (await store.operatorConsole.listJobs({ instanceId, limit: 10 })).map((job) => job.jobId),
          [jobIds[1], jobIds[0]],
        );
        assert.equal(
          (await store.operatorConsole.listJobs({ instanceId, status: 'failed', limit: 10 }))[0]
            ?.errorMessage,
          'boom',
        );
        assert.equal(
          await store.operatorConsole.requeueJob(instanceId, jobIds[1] as string),
          undefined,
          'not failed',
        );
        assert.equal(
          await store.operatorConsole.requeueJob(await newInstance(), jobIds[0] as string),
          undefined,
        );
        const requeued = await store.operatorConsole.requeueJob(instanceId, jobIds[0] as string);
        assert.equal(requeued?.status, 'queued');
        assert.equal(requeued?.attempts, 0);
      });
    });
  });
}
