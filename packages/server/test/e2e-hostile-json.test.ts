// Deeply nested and oversized free-form JSON is refused with 422 naming the
// field on every write route, and what is accepted can always be read back:
// a memory with metadata nested within the limit is served by every fetch.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MAX_JSON_DEPTH } from '@engram/protocol';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

/** Stands for the hostile value in a body until it is spliced in as text. */
const HOLE = '"__value__"';

/**
 * JSON text of an object nested `depth` levels deep (`{}` is 1), written as
 * text: JSON.stringify of a value thousands of levels deep overflows the stack.
 */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;
}

describe('hostile JSON in free-form fields', () => {
  let server: TestServer;
  let apiKey: string;
  /** Sends `body` as JSON, with `value` (JSON text) in place of {@link HOLE}. */
  const post = (path: string, body: unknown, method = 'POST', value = 'null') =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body).replace(HOLE, value),
    });

  before(async () => {
    server = await startTestServer({ maxBodyBytes: 4_194_304, maxBatchBodyBytes: 4_194_304 });
    apiKey = (await server.createInstance()).apiKey;
  });
  after(() => server.dispose());

  /** Every write route, each with the free-form field a hostile value goes into. */
  const cases = (value = JSON.parse(HOLE)) => [
    {
      path: '/v1/conversations/messages',
      field: 'metadata',
      body: { conversation_id: randomUUID(), role: 'user', content: 'hello', metadata: value },
    },
    {
      path: '/v1/conversations/messages/batch',
      field: 'metadata',
      body: {
        messages: [{ conversation_id: randomUUID(), role: 'user', content: 'hello', metadata: value }],
      },
    },
    {
      path: '/v1/conversations/ingest',
      field: 'metadata',
      body: { conversation_id: 'c1', user_id: 'u1', transcript: 'User: hi', metadata: value },
    },
    {
      path: '/v1/conversations/ingest',
      field: 'analysis',
      body: { conversation_id: 'c2', user_id: 'u1', transcript: 'User: hi', analysis: value },
    },
    {
      path: '/v1/conversations/ingest',
      field: 'transcript.0.extra',
      body: {
        conversation_id: 'c3',
        user_id: 'u1',
        transcript: [{ role: 'user', content: 'hi', extra: value }],
      },
    },
    { path: '/api/v1/memories/create', field: 'document', body: { document: value, user_id: 'u1' } },
    {
      path: '/api/v1/memories/create',
      field: 'metadata',
      body: { document: 'I like tea.', user_id: 'u1', metadata: value },
    },
    {
      path: '/api/v1/memories/batch',
      field: 'metadata',
      body: { documents: [{ document: 'I like tea.', user_id: 'u1', metadata: value }], fail_fast: true },
    },
  ];

  for (const depth of [MAX_JSON_DEPTH + 1, 5_000]) {
    it(`refuses objects nested ${depth} levels with 422 naming the field, on every write route`, async () => {
      for (const { path, field, body } of cases()) {
        const response = await post(path, body, 'POST', nested(depth));
        const answer = await readBody(response);
        const text = JSON.stringify(answer);
        if (path.endsWith('/batch')) {
          // Batch rows fail alone: the call is 200 (messages) or 422 (fail_fast documents).
          assert.ok(response.status === 200 || response.status === 422, `${path}: ${response.status}`);
          assert.equal(answer.succeeded ?? 0, 0, `${path} stored nothing`);
        } else {
          assert.equal(response.status, 422, `${path} ${field}: ${text}`);
        }
        assert.match(
          text,
          new RegExp(`${field.split('.').pop()}.*nested more than ${MAX_JSON_DEPTH} levels`),
        );
      }
    });
  }

  it('refuses a PATCH whose metadata is nested too deep', async () => {
    const response = await post(
      `/api/v1/memories/${randomUUID()}`,
      { document: 'x', metadata: JSON.parse(HOLE) },
      'PATCH',
      nested(5_000),
    );
    assert.equal(response.status, 422);
    assert.match((await readBody(response)).detail, /^metadata: metadata is nested more than 32 levels/);
  });

  it('refuses metadata over 64 KB with 422 naming the field', async () => {
    const response = await post('/v1/conversations/messages', {
      conversation_id: randomUUID(),
      role: 'user',
      content: 'hello',
      metadata: { blob: 'x'.repeat(70_000) },
    });
    assert.equal(response.status, 422);
    assert.match((await readBody(response)).detail, /metadata: metadata is at most 65536 bytes/);
  });

  it('stores metadata nested at the limit and serves it on every fetch afterwards', async () => {
    const created = await post('/api/v1/memories/create', {
      document: 'User: I adore green tea.',
      user_id: 'deep-user',
      metadata: JSON.parse(nested(MAX_JSON_DEPTH)),
    });
    assert.equal(created.status, 200);
    const { ingestion_id } = await readBody(created);
    let status = 'queued';
    for (let attempt = 0; attempt < 500 && (status === 'queued' || status === 'processing'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const polled = await fetch(`${server.url}/api/v1/memories/status/${ingestion_id}`, {
        headers: { Authorization: `Bearer ${apiKey}` },
      });
      status = (await readBody(polled)).status;
    }
    assert.equal(status, 'completed');
    for (let round = 0; round < 2; round += 1) {
      // Twice: the second answer comes from the fetch cache, which clones what it holds.
      const fetched = await post('/v1/context/user/fetch', { user_id: 'deep-user' });
      assert.equal(fetched.status, 200);
      const client = await post('/v1/context/client/fetch', {});
      assert.equal(client.status, 200);
    }
  });
});
