// Batches larger than one statement can carry: PostgreSQL's protocol takes at
// most 65,535 bind parameters per statement, so every bulk insert is chunked
// (bulk-insert.ts). Each batch here needs more parameters than that in one
// write, and must land whole, in order, in one transaction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type NewMessage, newUuidV7 } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import type { PostgresEngramStore } from '../src/index.js';
import { postgresStoreFactory } from './support/postgres-store-factory.js';

const PROTOCOL_LIMIT = 65_535;
const factory = postgresStoreFactory();

describe('postgres bulk writes over the parameter limit', () => {
  let store: PostgresEngramStore;
  before(async () => {
    store = (await factory.open()) as PostgresEngramStore;
  });
  after(() => factory.dispose());

  /** A new instance (conversations reference it). */
  async function newInstance(): Promise<string> {
    const instanceId = freshInstanceId();
    const clientId = `cli_${instanceId.slice(5)}`;
    const at = '2026-01-01T00:00:00.000Z';
    await store.tenancy.createClient({ clientId, name: clientId, createdAt: at });
    await store.tenancy.createInstance({
      instanceId,
      clientId,
      name: 'x',
      relationship: 'b2c',
      createdAt: at,
    });
    return instanceId;
  }

  it('appends a batch of messages needing more than 65,535 parameters, sequenced in order', async () => {
    const instanceId = await newInstance();
    const count = 6_500; // 11 parameters each: 71,500
    assert.ok(count * 11 > PROTOCOL_LIMIT);
    const messages: NewMessage[] = Array.from({ length: count }, (_, index) => ({
      messageId: newUuidV7(),
      instanceId,
      conversationId: index % 2 === 0 ? 'conv-even' : 'conv-odd',
      role: 'user',
      content: `turn ${index}`,
      userId: 'u1',
      customerId: 'u1',
      sessionId: 's1',
      metadata: { index },
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index)).toISOString(),
    }));
    const stored = await store.conversations.appendMessages(messages);
    assert.equal(stored.length, count);
    const even = await store.conversations.getConversation(instanceId, 'conv-even');
    assert.equal(even?.messageCount, count / 2);
    const tail = await store.conversations.listRecentMessages(instanceId, 'conv-odd', 2);
    assert.deepEqual(
      tail.map((message) => [message.sequence, message.content]),
      [
        [count / 2 - 1, `turn ${count - 3}`],
        [count / 2, `turn ${count - 1}`],
      ],
    );
    const { rows } = await store.database.query<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE instance_id = $1',
      [instanceId],
    );
    assert.equal(rows[0]?.n, count);
  });

  it('writes an ingestion of more memories than one statement can carry, with every index row', async () => {
    const owner = userOwner(freshInstanceId(), 'u1');
    const count = 2_200; // 32 memory columns each: 70,400
    assert.ok(count * 32 > PROTOCOL_LIMIT);
    const inserts = Array.from({ length: count }, (_, index) =>
      memoryInsert(owner, { content: `fact number ${index}`, documentId: 'big' }),
    );
    await store.memories.applyIngestion(ingestion(owner, 'big', { inserts }));
    assert.equal(await store.memories.countMemories([owner.scopeKey]), count);
    const counts = await store.database.query<{ vectors: number; texts: number }>(
      `SELECT (SELECT count(*) FROM memory_vectors WHERE scope_key = $1) AS vectors,
              (SELECT count(*) FROM memory_text WHERE scope_key = $1) AS texts`,
      [owner.scopeKey],
    );
    assert.deepEqual(counts.rows[0], { vectors: count, texts: count });
  });

  it('rolls back the whole batch when a later chunk fails', async () => {
    const instanceId = await newInstance();
    const messages: NewMessage[] = Array.from({ length: 6_000 }, (_, index) => ({
      messageId: newUuidV7(),
      instanceId,
      conversationId: 'conv',
      role: 'user',
      // A NUL byte cannot be stored in text: the last chunk fails.
      content: index === 5_999 ? 'bad \u0000 byte' : `turn ${index}`,
      userId: 'u1',
      customerId: 'u1',
      sessionId: 's1',
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000Z',
    }));
    await assert.rejects(
      store.conversations.appendMessages(messages),
      (error: unknown) => (error as { code?: string }).code === 'INVALID_INPUT',
    );
    assert.equal(await store.conversations.getConversation(instanceId, 'conv'), undefined);
    const { rows } = await store.database.query<{ n: number }>(
      'SELECT count(*) AS n FROM messages WHERE instance_id = $1',
      [instanceId],
    );
    assert.equal(rows[0]?.n, 0);
  });
});
