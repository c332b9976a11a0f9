import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_BASE_URL,
  EngramClient,
  type FetchInit,
  type FetchLike,
  InvalidInputError,
  InvalidInstanceIdError,
  NetworkTimeoutError,
  SynapError,
} from '../src/index.js';
import { API_KEY, INSTANCE_ID, whoamiBody } from './fixtures.js';

/** A fetch that records its calls and answers from `answer`. */
function recordingFetch(answer: () => Promise<Response>): {
  fetch: FetchLike;
  calls: Array<[string, FetchInit]>;
} {
  const calls: Array<[string, FetchInit]> = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push([url, init]);
      return answer();
    },
  };
}

describe('injectable fetch', () => {
  it('is called with the URL, method, headers and signal; Response objects are accepted', async () => {
    const { fetch, calls } = recordingFetch(async () => Response.json(whoamiBody));
    const client = new EngramClient({ apiKey: API_KEY, fetch, instanceId: INSTANCE_ID });
    assert.deepEqual(await client.whoami(), whoamiBody);
    const [call] = calls;
    assert.ok(call);
    const [url, init] = call;
    assert.equal(url, `${DEFAULT_BASE_URL}/api/v1/auth/whoami`);
    assert.equal(init.method, 'GET');
    assert.equal(init.headers['authorization'], `Bearer ${API_KEY}`);
    assert.equal(init.body, undefined);
    assert.ok(init.signal instanceof AbortSignal);
  });

  it('times out even when the fetch ignores its signal', async () => {
    const { fetch } = recordingFetch(() => new Promise(() => {}));
    const client = new EngramClient({ apiKey: API_KEY, fetch, timeoutMs: 20, retry: false });
    await assert.rejects(client.whoami(), NetworkTimeoutError);
  });

  it('a fetch that throws (e.g. TypeError: fetch failed) becomes a retryable NetworkTimeoutError', async () => {
    let attempts = 0;
    const fetch: FetchLike = async () => {
      attempts += 1;
      throw new TypeError('fetch failed');
    };
    const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 };
    const error = await new EngramClient({ apiKey: API_KEY, fetch, retry })
      .whoami()
      .catch((rejection: unknown) => rejection);
    assert.ok(error instanceof NetworkTimeoutError);
    assert.ok(error.cause instanceof TypeError);
    assert.equal(attempts, 2);
  });

  it('a body that fails while streaming is a SynapError too', async () => {
    const response = { status: 200, headers: new Headers(), text: () => Promise.reject(new Error('reset')) };
    const client = new EngramClient({ apiKey: API_KEY, fetch: async () => response, retry: false });
    const error = await client.whoami().catch((rejection: unknown) => rejection);
    assert.ok(error instanceof SynapError);
  });
});

describe('constructor options', () => {
  it('requires apiKey', () => {
    assert.throws(() => new EngramClient({ apiKey: '' }), InvalidInputError);
    assert.throws(() => new EngramClient({} as never), InvalidInputError);
  });

  it('rejects a malformed instanceId with InvalidInstanceIdError', () => {
    assert.throws(
      () => new EngramClient({ apiKey: API_KEY, instanceId: 'inst_nothex' }),
      InvalidInstanceIdError,
    );
  });

  it('rejects a bad baseUrl, timeoutMs or retry policy', () => {
    assert.throws(() => new EngramClient({ apiKey: API_KEY, baseUrl: 'localhost:8787' }), InvalidInputError);
    assert.throws(() => new EngramClient({ apiKey: API_KEY, timeoutMs: -1 }), InvalidInputError);
    assert.throws(() => new EngramClient({ apiKey: API_KEY, retry: { maxAttempts: 0 } }), InvalidInputError);
  });
});
