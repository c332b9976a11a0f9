import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpiringLruCache } from '../../src/retrieval/expiring-lru-cache.js';
import { manualClock } from '../../test-support/retrieval/manual-clock.js';

describe('ExpiringLruCache', () => {
  it('serves a value until its expiry and misses from the expiry on', () => {
    const time = manualClock();
    const cache = new ExpiringLruCache<string>({ maxEntries: 10, clock: time.clock });
    cache.set('a', 'alpha', time.at() + 1_000);
    time.advance(999);
    assert.equal(cache.get('a'), 'alpha');
    time.advance(1);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0, 'an expired entry is dropped when read');
  });

  it('evicts the least recently used entry past maxEntries; a read counts as a use', () => {
    const time = manualClock();
    const cache = new ExpiringLruCache<number>({ maxEntries: 2, clock: time.clock });
    const later = time.at() + 60_000;
    cache.set('a', 1, later);
    cache.set('b', 2, later);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3, later);
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('replaces an entry under the same key, with its new expiry', () => {
    const time = manualClock();
    const cache = new ExpiringLruCache<string>({ maxEntries: 2, clock: time.clock });
    cache.set('a', 'old', time.at() + 1_000);
    cache.set('a', 'new', time.at() + 5_000);
    time.advance(2_000);
    assert.equal(cache.get('a'), 'new');
    assert.equal(cache.size, 1);
  });

  it('does not store a value that has already expired, and drops what was there', () => {
    const time = manualClock();
    const cache = new ExpiringLruCache<string>({ maxEntries: 2, clock: time.clock });
    cache.set('a', 'live', time.at() + 1_000);
    cache.set('a', 'late', time.at());
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });

  it('keeps nothing with maxEntries 0 and refuses a negative bound', () => {
    const time = manualClock();
    const cache = new ExpiringLruCache<string>({ maxEntries: 0, clock: time.clock });
    cache.set('a', 'alpha', time.at() + 1_000);
    assert.equal(cache.get('a'), undefined);
    assert.throws(() => new ExpiringLruCache({ maxEntries: -1, clock: time.clock }), RangeError);
  });
});
