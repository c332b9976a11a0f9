// The platform routes end to end on PostgreSQL: a real server over a real
// database of a throw-away cluster, next to a real server over SQLite.
// Documents are ingested on the SQLite server and moved to PostgreSQL by
// export and import (the archive route), after which every fetch answers as
// on SQLite, ids and scores included; then, on PostgreSQL: configuration
// versions, memory listing, signed webhooks for API edits, erasure of a
// user, console usage, and export back out. (The whole e2e suite runs on
// PostgreSQL with ENGRAM_TEST_STORE=postgres once its job queue is there.)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verifyWebhookSignature } from '@engram/core';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import {
  createTestDatabase,
  type JsonBody,
  readBody,
  startTestServer,
  type TestServer,
} from './support/test-server.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

const CREATED_AT = '2023-05-08T13:56:00Z';
const CHATS: Record<string, string> = {
  u1: [
    'Caroline: I went to a LGBTQ support group yesterday and it was so powerful.',
    'Caroline: I absolutely love hiking in the mountains with my dog Max.',
    'Caroline: I work as a counselor at the Riverside clinic.',
  ].join('\n'),
  u2: [
    'Melanie: I absolutely love pottery, it is my favourite way to relax.',
    'Melanie: I moved to Lisbon last year for a job at Acme.',
  ].join('\n'),
};
const QUERIES: [string, string][] = [
  ['u1', 'support group'],
  ['u1', 'what does Caroline do for work'],
  ['u2', 'pottery'],
  ['u2', 'where does Melanie live'],
];

async function fetchUser(
  server: TestServer,
  apiKey: string,
  userId: string,
  query: string,
): Promise<JsonBody> {
  const response = await fetch(`${server.url}/v1/context/user/fetch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: userId, search_query: [query], max_results: 20 }),
  });
  assert.equal(response.status, 200);
  return readBody(response);
}

/** The ranked lists without per-request metadata (scores to six places: the recency prior moves with the clock). */
function rankedLists(body: JsonBody) {
  const keys = ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'];
  return Object.fromEntries(
    keys.map((key) => [
      key,
      (body[key] as JsonBody[]).map((item) => ({
        id: item.id,
        content: item.content,
        score: Number(item.relevance_score.toFixed(6)),
        entities: (item.entities as JsonBody[]).map((entity) => entity.canonical_name),
      })),
    ]),
  );
}

async function exportText(server: TestServer, instanceId: string): Promise<string> {
  const response = await fetch(`${server.url}/admin/v1/instances/${instanceId}/export`, {
    headers: { authorization: `Bearer ${OPERATOR_KEY}` },
  });
  assert.equal(response.status, 200);
  return response.text();
}

async function importText(server: TestServer, instanceId: string, text: string) {
  const response = await fetch(`${server.url}/admin/v1/instances/${instanceId}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/x-ndjson' },
    body: text,
  });
  return { status: response.status, body: await readBody(response) };
}

/** The archive's data records (header and end left out, which carry times), keyed for comparison. */
function dataRecords(archive: string): string[] {
  return archive
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonBody)
    .filter((record) => record.type !== 'header' && record.type !== 'end' && record.type !== 'config')
    .map((record) => JSON.stringify(record, Object.keys(record).sort()))
    .sort();
}

describe('platform routes on PostgreSQL', () => {
  let sqlite: TestServer;
  let postgres: TestServer;
  let receiver: WebhookReceiver;
  let source: { apiKey: string; instanceId: string };
  let target: { apiKey: string; instanceId: string };
  let archive: string;
  const expected = new Map<string, JsonBody>();

  before(async () => {
    const settings = { operatorKey: OPERATOR_KEY, webhookRetryBaseMs: 50, webhookTimeoutMs: 2_000 };
    [sqlite, postgres, receiver] = await Promise.all([
      startTestServer({ ...settings, databaseUrl: undefined }),
      createTestDatabase().then((databaseUrl) => startTestServer({ ...settings, databaseUrl })),
      startWebhookReceiver(),
    ]);
    source = await sqlite.createInstance('b2c');
    const sdk = sdkFor(sqlite.url, source.apiKey);
    for (const [userId, document] of Object.entries(CHATS)) {
      await ingestAndWait(sdk, {
        document,
        document_type: 'ai-chat-conversation',
        document_created_at: CREATED_AT,
        user_id: userId,
      });
    }
    const conversationId = randomUUID();
    for (const content of ['Hello there', 'I prefer tea to coffee']) {
      await sdk.conversation.recordMessage({
        conversation_id: conversationId,
        role: 'user',
        content,
        user_id: 'u1',
      });
    }
    for (const [userId, query] of QUERIES) {
      expected.set(`${userId}:${query}`, await fetchUser(sqlite, source.apiKey, userId, query));
    }
    archive = await exportText(sqlite, source.instanceId);
    target = await postgres.createInstance('b2c');
  });
  after(async () => {
    await Promise.all([sqlite?.dispose(), postgres?.dispose(), receiver?.close()]);
  });

  it('runs on PostgreSQL', async () => {
    assert.equal(postgres.server.services.store.capabilities.engine, 'postgres');
    assert.equal(sqlite.server.services.store.capabilities.engine, 'sqlite');
  });

  it("imports SQLite's archive whole, answers every fetch as SQLite did, and exports the same records", async () => {
    const imported = await importText(postgres, target.instanceId, archive);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.ok(imported.body.imported.memory > 0);
    assert.equal(imported.body.imported.message, 2);
    for (const [userId, query] of QUERIES) {
      const answer = await fetchUser(postgres, target.apiKey, userId, query);
      assert.deepEqual(
        rankedLists(answer),
        rankedLists(expected.get(`${userId}:${query}`) as JsonBody),
        query,
      );
    }
    const again = await importText(postgres, target.instanceId, archive);
    assert.equal(again.body.imported.memory ?? 0, 0, 'a repeated import writes nothing');
    assert.equal(again.body.skipped.memory, imported.body.imported.memory);
    const back = await exportText(postgres, target.instanceId);
    assert.deepEqual(dataRecords(back), dataRecords(archive), 'the same rows come back out');
  });

  it('versions configuration changes and lists memories page by page', async () => {
    const changed = await admin(postgres.url, 'POST', `/instances/${target.instanceId}/config`, {
      document: { retrieval: { default_max_results: 7 } },
      author: 'alice',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const history = await admin(postgres.url, 'GET', `/instances/${target.instanceId}/config/history`);
    assert.equal(history.status, 200);
    assert.ok(JSON.stringify(history.body).includes('alice'));
    const current = await admin(postgres.url, 'GET', `/instances/${target.instanceId}/config`);
    assert.equal(current.body.document.retrieval.default_max_results, 7);
    const all = await admin(postgres.url, 'GET', `/instances/${target.instanceId}/memories?limit=500`);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin(
        postgres.url,
        'GET',
        `/instances/${target.instanceId}/memories?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(page.status, 200, JSON.stringify(page.body));
      ids.push(...(page.body.memories as JsonBody[]).map((memory) => memory.memory_id as string));
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    assert.deepEqual(
      ids,
      (all.body.memories as JsonBody[]).map((memory) => memory.memory_id),
    );
    assert.ok(ids.length > 2);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => typeof id === 'string'));
  });

  it('delivers signed webhooks for API edits and deletes', async () => {
    const registered = await admin(postgres.url, 'POST', `/instances/${target.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.updated', 'memory.deleted'],
    });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    const listed = await admin(
      postgres.url,
      'GET',
      `/instances/${target.instanceId}/memories?user_id=u1&limit=2`,
    );
    const [edited, erased] = (listed.body.memories as JsonBody[]).map((memory) => memory.memory_id as string);
    assert.ok(edited && erased, JSON.stringify(listed.body));
    receiver.behaviour = () => 200;
    const sdk = sdkFor(postgres.url, target.apiKey);
    await sdk.memories.update(edited, {
      document: 'Caroline loves long mountain hikes.',
      merge_strategy: 'replace',
    });
    await sdk.memories.delete(erased);
    const typeOf = (request: ReceivedWebhook) => (JSON.parse(request.body) as { type: string }).type;
    await receiver.waitFor((received) => {
      const types = received.filter((request) => request.answered === 200).map(typeOf);
      return types.includes('memory.updated') && types.includes('memory.deleted');
    });
    const now = Math.floor(Date.now() / 1000);
    for (const request of receiver.received) {
      assert.ok(
        verifyWebhookSignature(
          registered.body.secret as string,
          String(request.headers['engram-signature']),
          request.body,
          now,
        ),
        String(request.headers['engram-signature']),
      );
    }
    // The receiver answers before the sender records the delivery: poll the log until both are in it.
    const deliveredPath = `/instances/${target.instanceId}/webhooks/deliveries?endpoint_id=${registered.body.endpoint_id}&status=delivered`;
    let deliveries = await admin(postgres.url, 'GET', deliveredPath);
    for (
      let attempt = 0;
      attempt < 100 && (deliveries.body.deliveries as JsonBody[] | undefined)?.length !== 2;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      deliveries = await admin(postgres.url, 'GET', deliveredPath);
    }
    assert.equal(deliveries.status, 200, JSON.stringify(deliveries.body));
    assert.deepEqual(
      (deliveries.body.deliveries as JsonBody[]).map((delivery) => delivery.event_type).sort(),
      ['memory.deleted', 'memory.updated'],
    );
  });

  it('erases a user: no memory, no fetch hit, no conversation; the other user and the counts follow', async () => {
    const before = await admin(postgres.url, 'GET', `/instances/${target.instanceId}`);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const erased = await admin(postgres.url, 'DELETE', `/instances/${target.instanceId}/users/u2`);
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.ok(erased.body.memories_erased >= 1);
    const answer = await fetchUser(postgres, target.apiKey, 'u2', 'pottery');
    assert.equal(JSON.stringify(answer).includes('pottery'), false);
    const listed = await admin(postgres.url, 'GET', `/instances/${target.instanceId}/memories?user_id=u2`);
    assert.deepEqual(listed.body.memories, []);
    assert.ok(
      JSON.stringify(await fetchUser(postgres, target.apiKey, 'u1', 'support group')).includes('support'),
    );
    const after = await admin(postgres.url, 'GET', `/instances/${target.instanceId}`);
    assert.equal(after.body.usage.memories, before.body.usage.memories - erased.body.memories_erased);
    const again = await admin(postgres.url, 'DELETE', `/instances/${target.instanceId}/users/u2`);
    assert.equal(again.body.memories_erased, 0, 'idempotent');
  });
});
