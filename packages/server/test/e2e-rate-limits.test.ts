// Rate limits over a real socket: per key, per instance (with an instance's
// own override), and failed authentication throttled per client address by
// default. Every refusal is a 429 with an integer Retry-After.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '@engram/core';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

describe('rate limits', () => {
  let server: TestServer;
  const whoami = (key: string) =>
    fetch(`${server.url}/api/v1/auth/whoami`, { headers: { Authorization: `Bearer ${key}` } });

  /** Statuses of `count` sequential whoami calls with `key`. */
  const statuses = async (key: string, count: number) => {
    const seen: number[] = [];
    for (let call = 0; call < count; call += 1) {
      const response = await whoami(key);
      seen.push(response.status);
      await response.arrayBuffer();
    }
    return seen;
  };

  before(async () => {
    server = await startTestServer({
      rateLimitKeyPerSecond: 0.01,
      rateLimitKeyBurst: 3,
      rateLimitInstancePerSecond: 0.01,
      rateLimitInstanceBurst: 5,
      authFailuresBurst: 20,
    });
  });
  after(() => server.dispose());

  it('has rate limits and the failed-authentication throttle on by default', () => {
    const defaults = resolveConfig({ env: {} });
    assert.ok(defaults.rateLimitKeyPerSecond > 0 && defaults.rateLimitInstancePerSecond > 0);
    assert.ok(defaults.authFailuresPerSecond > 0 && defaults.authFailuresBurst > 0);
  });

  it('answers 429 with an integer Retry-After and a detail string once a key has used its burst', async () => {
    const { apiKey } = await server.createInstance();
    assert.deepEqual(await statuses(apiKey, 3), [200, 200, 200]);
    const refused = await whoami(apiKey);
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal((await readBody(refused)).detail, 'rate limit exceeded for this API key');
  });

  it("limits an instance's keys together, and honours the instance's own override", async () => {
    const { instanceId, apiKey } = await server.createInstance();
    const second = await server.server.services.tenancy.createApiKey(instanceId);
    assert.deepEqual(await statuses(apiKey, 3), [200, 200, 200]);
    assert.deepEqual(await statuses(second.api_key, 2), [200, 200]);
    const refused = await whoami(second.api_key);
    assert.equal(refused.status, 429, 'the instance burst is 5');
    assert.equal((await readBody(refused)).detail, 'rate limit exceeded for this instance');

    const other = await server.createInstance();
    const limit = await server.server.services.limiter.setInstanceLimit(other.instanceId, { burst: 2 });
    assert.equal(limit.burst, 2);
    assert.deepEqual(await statuses(other.apiKey, 3), [200, 200, 429]);
  });

  it('throttles failed authentication per address: after the burst even a right key waits', async () => {
    const { apiKey } = await server.createInstance();
    const wrong = await statuses('synap_not_a_key', 20);
    assert.deepEqual(new Set(wrong), new Set([401]));
    const throttled = await whoami('synap_not_a_key');
    assert.equal(throttled.status, 429);
    assert.match(throttled.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match((await readBody(throttled)).detail, /too many failed authentication attempts/);
    assert.equal((await whoami(apiKey)).status, 429, 'the address waits, whatever key it sends');
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200, 'unauthenticated routes are not throttled');
  });
});
