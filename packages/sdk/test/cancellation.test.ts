import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngramClient, NetworkTimeoutError, RequestAbortedError, SynapError } from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextBody, FAST_RETRY, healthBody } from './fixtures.js';
import { withServer } from './scripted-server.js';

const fetchInput = { conversation_id: CONVERSATION_ID };

describe('timeouts', () => {
  it('a slow answer becomes NetworkTimeoutError', async () => {
    const script = [
      { status: 200, body: healthBody },
      { status: 200, body: contextBody, delayMs: 5_000 },
    ];
    await withServer(script, async (server) => {
      // 1 s, not less: on a loaded machine a shorter limit can expire before
      // the request reaches the server, and the correlation check below needs it there.
      const client = new EngramClient({
        apiKey: API_KEY,
        baseUrl: server.baseUrl,
        timeoutMs: 1_000,
        retry: false,
      });
      // Warms the connection (and Node's lazily loaded fetch) so the timeout measures the server alone.
      await client.health({ timeoutMs: 0 });
      const error = await client.conversation.context
        .fetch(fetchInput)
        .catch((rejection: unknown) => rejection);
      assert.ok(error instanceof NetworkTimeoutError);
      assert.match(error.message, /no response within 1000 ms/);
      assert.equal(error.correlationId, server.requests[1]?.headers['x-correlation-id']);
    });
  });

  it('the timeout is per attempt, and timeouts are retried', async () => {
    const script = [
      { status: 200, body: healthBody },
      { status: 200, body: contextBody, delayMs: 2_000 },
      { status: 200, body: contextBody },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await client.health();
      await client.conversation.context.fetch(fetchInput, { timeoutMs: 100 });
      assert.equal(server.requests.length, 3);
    });
  });
});

describe('AbortSignal', () => {
  it('cancels a call in flight with RequestAbortedError and does not retry', async () => {
    const script = [
      { status: 200, body: healthBody },
      { status: 200, body: contextBody, delayMs: 2_000 },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await client.health();
      const controller = new AbortController();
      const pending = client.conversation.context.fetch(fetchInput, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('user navigated away')), 30);
      const error = await pending.catch((rejection: unknown) => rejection);
      assert.ok(error instanceof RequestAbortedError);
      assert.ok(error instanceof SynapError);
      assert.equal((error.cause as Error).message, 'user navigated away');
      assert.equal(server.requests.length, 2);
    });
  });

  it('cancels a pending retry delay', async () => {
    const script = [
      { status: 200, body: healthBody },
      { status: 503, body: { detail: 'down' } },
    ];
    await withServer(script, async (server) => {
      const retry = { maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 5_000 };
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry });
      await client.health();
      const controller = new AbortController();
      const pending = client.conversation.context.fetch(fetchInput, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(pending, RequestAbortedError);
      assert.equal(server.requests.length, 2);
    });
  });

  it('sends nothing when the signal has already fired', async () => {
    await withServer([{ status: 200, body: healthBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await assert.rejects(client.health({ signal: AbortSignal.abort() }), RequestAbortedError);
      assert.equal(server.requests.length, 0);
    });
  });
});
