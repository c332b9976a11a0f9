import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from '../../src/limits/token-bucket.js';

describe('TokenBuckets', () => {
  it('allows the burst, then refuses with whole seconds until a token is back, and refills at the rate', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const limit = { perSecond: 0.5, burst: 3 };
    for (let take = 0; take < 3; take += 1) assert.deepEqual(buckets.take('k', limit), { allowed: true });
    assert.deepEqual(buckets.take('k', limit), { allowed: false, retryAfterSeconds: 2 });
    now = 1_000;
    assert.deepEqual(buckets.take('k', limit), { allowed: false, retryAfterSeconds: 1 });
    now = 2_000;
    assert.deepEqual(buckets.take('k', limit), { allowed: true });
    assert.deepEqual(buckets.take('other', limit), { allowed: true }, 'keys have their own buckets');
  });

  it('never answers a fractional or zero Retry-After, and a rate of 0 means no limit', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const fast = { perSecond: 1_000, burst: 1 };
    buckets.take('k', fast);
    const refused = buckets.take('k', fast);
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 1 });
    now = 10;
    assert.deepEqual(buckets.take('k', fast), { allowed: true });
    for (let take = 0; take < 1_000; take += 1) {
      assert.deepEqual(buckets.take('free', { perSecond: 0, burst: 1 }), { allowed: true });
    }
  });

  it('peek costs nothing', () => {
    const buckets = new TokenBuckets(() => 0);
    const limit = { perSecond: 1, burst: 1 };
    assert.deepEqual(buckets.peek('k', limit), { allowed: true });
    assert.deepEqual(buckets.peek('k', limit), { allowed: true });
    buckets.take('k', limit);
    assert.deepEqual(buckets.peek('k', limit), { allowed: false, retryAfterSeconds: 1 });
  });
});
