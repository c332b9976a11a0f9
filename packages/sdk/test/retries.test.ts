import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthenticationError,
  EngramClient,
  InvalidInputError,
  NetworkTimeoutError,
  RateLimitError,
  ServiceUnavailableError,
} from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextBody, FAST_RETRY, recordMessageBody } from './fixtures.js';
import { withServer } from './scripted-server.js';

const fetchInput = { conversation_id: CONVERSATION_ID, search_query: 'coffee' };
const messageInput = { conversation_id: CONVERSATION_ID, role: 'user', content: 'hi' } as const;

describe('retries', () => {
  it('retries a 5xx and succeeds, reusing the correlation id', async () => {
    const script = [
      { status: 503, body: { detail: 'warming up' } },
      { status: 500, body: 'oops' },
      { status: 200, body: contextBody },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      const response = await client.conversation.context.fetch(fetchInput);
      assert.equal(response.ttl_seconds, 300);
      assert.equal(server.requests.length, 3);
      const ids = new Set(server.requests.map((request) => request.headers['x-correlation-id']));
      assert.equal(ids.size, 1, 'one correlation id across all attempts');
      assert.equal(
        new Set(server.requests.map((request) => request.body)).size,
        1,
        'the same body each time',
      );
    });
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    await withServer([{ status: 503, body: { detail: 'down' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await assert.rejects(client.conversation.context.fetch(fetchInput), ServiceUnavailableError);
      assert.equal(server.requests.length, 3);
    });
  });

  it('retries a dropped connection (NetworkTimeoutError) on a read', async () => {
    await withServer(
      [
        { status: 0, destroy: true },
        { status: 200, body: contextBody },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
        await client.conversation.context.fetch(fetchInput);
        assert.equal(server.requests.length, 2);
      },
    );
  });

  it('reports a dropped connection as NetworkTimeoutError once attempts run out', async () => {
    await withServer([{ status: 0, destroy: true }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      await assert.rejects(client.conversation.context.fetch(fetchInput), NetworkTimeoutError);
    });
  });

  for (const [status, errorClass] of [
    [400, InvalidInputError],
    [401, AuthenticationError],
  ] as const) {
    it(`does not retry ${status}`, async () => {
      await withServer([{ status, body: { detail: 'no' } }], async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
        await assert.rejects(client.conversation.context.fetch(fetchInput), errorClass);
        assert.equal(server.requests.length, 1);
      });
    });
  }

  it('honours Retry-After on 429, capped at maxDelayMs', async () => {
    // Retry-After says 30 s; the cap makes it 150 ms, far above the 1 ms backoff the policy would otherwise use.
    const script = [
      { status: 429, body: { detail: 'slow down' }, headers: { 'retry-after': '30' } },
      { status: 200, body: contextBody },
    ];
    await withServer(script, async (server) => {
      const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 150 };
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry });
      await client.conversation.context.fetch(fetchInput);
      const [first, second] = server.requests;
      assert.ok(first && second);
      assert.ok(second.receivedAt - first.receivedAt >= 140, 'waited for the capped Retry-After');
    });
  });

  it('exposes retryAfterSeconds when the 429 is final', async () => {
    const script = [{ status: 429, body: { detail: 'slow down' }, headers: { 'retry-after': '7' } }];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      const error = await client.conversation.context
        .fetch(fetchInput)
        .catch((rejection: unknown) => rejection);
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.retryAfterSeconds, 7);
    });
  });

  it('does not repeat a write after a 5xx (it may have been recorded)', async () => {
    await withServer([{ status: 503, body: { detail: 'down' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await assert.rejects(client.conversation.recordMessage(messageInput), ServiceUnavailableError);
      assert.equal(server.requests.length, 1);
    });
  });

  it('repeats a write after a 429 (the server did not act on it)', async () => {
    const script = [
      { status: 429, body: { detail: 'slow down' }, headers: { 'retry-after': '0' } },
      { status: 200, body: recordMessageBody },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      const response = await client.conversation.recordMessage(messageInput);
      assert.equal(response.message_id, 'msg-1');
      assert.equal(server.requests.length, 2);
    });
  });

  it('makes one attempt with retry: false', async () => {
    await withServer([{ status: 500, body: { detail: 'x' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      await assert.rejects(client.conversation.context.fetch(fetchInput), ServiceUnavailableError);
      assert.equal(server.requests.length, 1);
    });
  });
});
