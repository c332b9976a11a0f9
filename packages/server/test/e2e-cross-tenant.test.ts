// The standing cross-tenant suite: instance B, knowing every id instance A
// uses (user, conversation, document, memory and ingestion ids), reads none
// of A's text and changes none of A's data through any route.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './support/test-server.js';

const SECRET = 'Xylocarpine';

describe('cross-tenant isolation', () => {
  let server: TestServer;
  let keyA: string;
  let keyB: string;
  const conversationId = randomUUID();
  let ingestionId = '';
  let memoryIds: string[] = [];

  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  };

  before(async () => {
    server = await startTestServer();
    keyA = (await server.createInstance()).apiKey;
    keyB = (await server.createInstance()).apiKey;
    await call(keyA, 'POST', '/v1/conversations/messages', {
      conversation_id: conversationId,
      role: 'user',
      content: `My code name is ${SECRET}.`,
      user_id: 'shared-user',
    });
    const created = JSON.parse(
      (
        await call(keyA, 'POST', '/api/v1/memories/create', {
          document: `User: My code name is ${SECRET} and I live in Oslo.`,
          document_id: 'shared-doc',
          user_id: 'shared-user',
        })
      ).text,
    );
    ingestionId = created.ingestion_id;
    for (let attempt = 0; attempt < 500; attempt += 1) {
      const status = JSON.parse((await call(keyA, 'GET', `/api/v1/memories/status/${ingestionId}`)).text);
      if (status.status === 'completed') {
        memoryIds = status.memory_ids;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(memoryIds.length > 0, 'A has memories');
  });
  after(() => server.dispose());

  it("B reads none of A's text through any read route", async () => {
    const probes: [string, string, unknown?][] = [
      ['POST', '/v1/context/user/fetch', { user_id: 'shared-user', search_query: [SECRET] }],
      ['POST', '/v1/context/user/fetch', { user_id: 'shared-user' }],
      ['POST', '/v1/context/client/fetch', { search_query: [SECRET] }],
      ['POST', '/v1/context/customer/fetch', { customer_id: 'shared-user', search_query: [SECRET] }],
      ['POST', '/v1/context/conversation/fetch', { conversation_id: conversationId, user_id: 'shared-user' }],
      ['GET', `/v1/conversations/${conversationId}/context-for-prompt`],
      ['GET', `/v1/conversations/${conversationId}/compacted`],
      ['GET', `/v1/conversations/${conversationId}/compaction/status`],
      ['GET', '/v1/users/shared-user/profile'],
      ['GET', `/api/v1/memories/status/${ingestionId}`],
      ...memoryIds.map((id): [string, string] => ['GET', `/api/v1/memories/${id}`]),
    ];
    for (const [method, path, body] of probes) {
      const answer = await call(keyB, method, path, body);
      assert.ok(answer.status < 500, `${method} ${path}: ${answer.status}`);
      assert.equal(answer.text.includes(SECRET), false, `${method} ${path} leaked A's text`);
      assert.equal(answer.text.includes('Oslo'), false, `${method} ${path} leaked A's text`);
    }
    for (const id of memoryIds) assert.equal((await call(keyB, 'GET', `/api/v1/memories/${id}`)).status, 404);
    assert.equal((await call(keyB, 'GET', `/api/v1/memories/status/${ingestionId}`)).status, 404);
  });

  it("B changes none of A's data with A's ids", async () => {
    for (const id of memoryIds) {
      assert.equal(
        (await call(keyB, 'PATCH', `/api/v1/memories/${id}`, { document: 'overwritten' })).status,
        404,
      );
      assert.equal((await call(keyB, 'DELETE', `/api/v1/memories/${id}`)).status, 404);
    }
    // The same document and conversation ids in B are B's own.
    await call(keyB, 'POST', '/api/v1/memories/create', {
      document: 'User: I live in Rome.',
      document_id: 'shared-doc',
      user_id: 'shared-user',
    });
    await call(keyB, 'POST', '/v1/conversations/messages', {
      conversation_id: conversationId,
      role: 'user',
      content: 'B was here',
      user_id: 'shared-user',
    });
    await call(keyB, 'POST', '/v1/conversations/compact', { conversation_id: conversationId, force: true });
    for (const id of memoryIds) {
      const memory = await call(keyA, 'GET', `/api/v1/memories/${id}`);
      assert.equal(memory.status, 200);
      assert.equal(memory.text.includes('overwritten'), false);
    }
    const context = await call(keyA, 'GET', `/v1/conversations/${conversationId}/context-for-prompt`);
    assert.ok(context.text.includes(SECRET));
    assert.equal(context.text.includes('B was here'), false);
  });
});
