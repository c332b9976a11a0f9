// The fetch result cache over the real retrieval pipeline and a real SQLite
// store: hits, invalidation by scope writes, keys and lifetimes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FetchRequest } from '@engram/protocol';
import type { FetchTarget } from '../../src/index.js';
import { CachedMemoryRetrieval } from '../../src/retrieval/cached-memory-retrieval.js';
import type { MemoryRetrieval, RankedLists } from '../../src/retrieval/memory-retrieval.js';
import { ScopeWriteGenerations } from '../../src/retrieval/scope-write-generations.js';
import { manualClock } from './manual-clock.js';
import type { FreshStoreFactory } from './retrieval-fixtures.js';
import { openFixture, ownerOf, requestOf, targetOf } from './retrieval-fixtures.js';

const contents = (lists: RankedLists) =>
  Object.values(lists)
    .flat()
    .map((item) => item.content)
    .sort();

/** The pipeline, counting how often the cache let a fetch through. */
function counting(inner: MemoryRetrieval) {
  let calls = 0;
  const retrieval: MemoryRetrieval = {
    retrieve(target, request, abortSignal) {
      calls += 1;
      return inner.retrieve(target, request, abortSignal);
    },
  };
  return { retrieval, calls: () => calls };
}

/**
 * CachedMemoryRetrieval over a real store: cached answers, invalidation by
 * scope writes, the entry bound. `freshStore` opens each fixture's empty store;
 * `label` names the store in the test titles.
 */
export function cachedMemoryRetrievalSuite(label: string, freshStore: FreshStoreFactory): void {
  describe(`CachedMemoryRetrieval (${label})`, () => {
    let fixture: Awaited<ReturnType<typeof openFixture>>;
    const user = ownerOf('user', { customerId: 'acme', userId: 'ann' });
    const client = ownerOf('client');
    const userTarget = targetOf('user', { customerId: 'acme', userId: 'ann' });
    const hiking = requestOf({ search_query: ['hiking mountains support'] });

    before(async () => {
      fixture = await openFixture(freshStore);
      await fixture.seeder.add(user, [{ content: 'Ann goes hiking in the mountains every summer.' }]);
      await fixture.seeder.add(client, [{ content: 'Support answers hiking gear questions.' }]);
    });
    after(() => fixture.dispose());

    function cached(options: { maxEntries?: number } = {}) {
      const time = manualClock();
      const generations = new ScopeWriteGenerations({ clock: time.clock });
      const inner = counting(fixture.pipeline);
      const cache = new CachedMemoryRetrieval(inner.retrieval, {
        maxEntries: options.maxEntries ?? 100,
        clock: time.clock,
        generations,
      });
      const source = async (target: FetchTarget, request: FetchRequest) =>
        (await cache.retrieveWithSource(target, request)).source;
      return { time, generations, inner, cache, source };
    }

    it('serves an identical fetch from the cache with the same lists', async () => {
      const { cache, inner } = cached();
      const first = await cache.retrieveWithSource(userTarget, hiking);
      const second = await cache.retrieveWithSource(userTarget, hiking);
      assert.equal(first.source, 'cloud');
      assert.equal(second.source, 'cache');
      assert.deepEqual(second.lists, first.lists);
      assert.equal(inner.calls(), 1);
      assert.ok(contents(first.lists).length >= 2);
      assert.deepEqual(await cache.retrieve(userTarget, hiking), first.lists, 'retrieve answers the same');
    });

    it('hands out copies: changing returned lists never changes the cache', async () => {
      const { cache } = cached();
      const first = await cache.retrieve(userTarget, hiking);
      const expected = structuredClone(first);
      first.facts.length = 0;
      const second = await cache.retrieve(userTarget, hiking);
      assert.deepEqual(second, expected);
      (second.facts[0] as { content: string }).content = 'tampered';
      assert.deepEqual(await cache.retrieve(userTarget, hiking), expected);
    });

    it('recomputes after a write to the user scope and shows the new memory', async () => {
      const { cache, source, generations } = cached();
      await cache.retrieve(userTarget, hiking);
      assert.equal(await source(userTarget, hiking), 'cache');
      await fixture.seeder.add(user, [{ content: 'Ann bought new hiking boots for the mountains.' }]);
      generations.recordWrite(user.scopeKey);
      const after = await cache.retrieveWithSource(userTarget, hiking);
      assert.equal(after.source, 'cloud');
      assert.ok(contents(after.lists).some((content) => content.includes('boots')));
      assert.equal(await source(userTarget, hiking), 'cache');
    });

    it('drops every fetch that reads a written scope: a client write reaches user fetches, not customer-only ones', async () => {
      const { source, generations } = cached();
      const customerOnly = targetOf('customer', { customerId: 'acme' }, false);
      const otherUser = targetOf('user', { customerId: 'acme', userId: 'bob' });
      for (const target of [userTarget, customerOnly, otherUser]) await source(target, hiking);
      generations.recordWrite(client.scopeKey);
      assert.equal(await source(userTarget, hiking), 'cloud');
      assert.equal(await source(otherUser, hiking), 'cloud');
      assert.equal(await source(customerOnly, hiking), 'cache', 'it does not read the client scope');
      generations.recordWrite(user.scopeKey);
      assert.equal(await source(otherUser, hiking), 'cache', "ann's write is not bob's");
      assert.equal(await source(userTarget, hiking), 'cloud');
    });

    it('never serves one instance the results of another with the same ids and query', async () => {
      const { cache } = cached();
      const mine = await cache.retrieveWithSource(userTarget, hiking);
      assert.ok(contents(mine.lists).length > 0);
      const theirs = await cache.retrieveWithSource(
        { ...userTarget, instanceId: 'inst_00000000000000bb' },
        hiking,
      );
      assert.equal(theirs.source, 'cloud');
      assert.deepEqual(contents(theirs.lists), [], 'the other instance holds nothing');
    });

    it('keys on every field retrieval reads; spellings of the same types share an entry', async () => {
      const { source } = cached();
      assert.equal(await source(userTarget, hiking), 'cloud');
      const variants: Record<string, unknown>[] = [
        { search_query: ['hiking'] },
        { search_query: ['hiking mountains support'], max_results: 5 },
        { search_query: ['hiking mountains support'], types: ['facts'] },
        { search_query: ['hiking mountains support'], mode: 'accurate' },
        { search_query: ['hiking mountains support'], mode: 'accurate', precision_level: 'medium' },
      ];
      for (const body of variants)
        assert.equal(await source(userTarget, requestOf(body)), 'cloud', JSON.stringify(body));
      for (const body of variants)
        assert.equal(await source(userTarget, requestOf(body)), 'cache', JSON.stringify(body));
      const singular = requestOf({ search_query: ['hiking mountains support'], types: ['fact'] });
      assert.equal(await source(userTarget, singular), 'cache', '`fact` and `facts` are one list');
      const profileOff = requestOf({ search_query: ['hiking mountains support'], include_profile: false });
      assert.equal(
        await source(userTarget, profileOff),
        'cache',
        'fields retrieval ignores are not in the key',
      );
      assert.equal(await source({ ...userTarget, conversationId: 'conv-1' }, hiking), 'cloud');
    });

    it('expires entries by scope: 5 minutes for users, 30 for the client', async () => {
      const { source, time } = cached();
      const clientTarget = targetOf('client');
      await source(userTarget, hiking);
      await source(clientTarget, hiking);
      time.advance(299_999);
      assert.equal(await source(userTarget, hiking), 'cache');
      time.advance(1);
      assert.equal(await source(userTarget, hiking), 'cloud', 'a user entry lives 300 s');
      assert.equal(await source(clientTarget, hiking), 'cache');
      time.advance(1_500_000);
      assert.equal(await source(clientTarget, hiking), 'cloud', 'a client entry lives 1800 s');
    });

    it('keeps at most maxEntries results and caches nothing with 0', async () => {
      const bounded = cached({ maxEntries: 1 });
      const other = requestOf({ search_query: ['summer'] });
      await bounded.source(userTarget, hiking);
      await bounded.source(userTarget, other);
      assert.equal(await bounded.source(userTarget, hiking), 'cloud', 'evicted by the newer entry');
      const off = cached({ maxEntries: 0 });
      await off.source(userTarget, hiking);
      assert.equal(await off.source(userTarget, hiking), 'cloud');
    });

    it('does not cache a failed retrieval', async () => {
      const time = manualClock();
      let failures = 1;
      const flaky: MemoryRetrieval = {
        async retrieve(target, request) {
          if (failures-- > 0) throw new Error('aborted');
          return fixture.pipeline.retrieve(target, request);
        },
      };
      const cache = new CachedMemoryRetrieval(flaky, {
        maxEntries: 10,
        clock: time.clock,
        generations: new ScopeWriteGenerations({ clock: time.clock }),
      });
      await assert.rejects(cache.retrieveWithSource(userTarget, hiking), /aborted/);
      assert.equal((await cache.retrieveWithSource(userTarget, hiking)).source, 'cloud');
      assert.equal((await cache.retrieveWithSource(userTarget, hiking)).source, 'cache');
    });

    it('refuses lifetimes longer than the write generations remember', () => {
      const time = manualClock();
      const generations = new ScopeWriteGenerations({ clock: time.clock, retentionMs: 60_000 });
      assert.throws(
        () => new CachedMemoryRetrieval(fixture.pipeline, { maxEntries: 10, clock: time.clock, generations }),
        RangeError,
      );
    });
  });
}
