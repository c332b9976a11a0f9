import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { IndexHit, MemoryOwner } from '@engram/core';
import { ScopeVectorCache } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { SqliteEngramStore, SqliteVectorIndex } from '../src/index.js';

/** Deterministic pseudo-random unit-ish vectors (mulberry32), so failures reproduce. */
function vectors(seed: number, dimensions: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), state | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296 - 0.5;
  };
  return () => Float32Array.from({ length: dimensions }, next);
}

const ids = (hits: readonly IndexHit[]) => hits.map((hit) => hit.memoryId);

function assertSameHits(actual: readonly IndexHit[], expected: readonly IndexHit[]) {
  assert.deepEqual(ids(actual), ids(expected));
  actual.forEach((hit, index) => {
    assert.ok(Math.abs(hit.score - (expected[index] as IndexHit).score) < 1e-5, 'same cosine');
  });
}

describe('sqlite vector index with the scope cache', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-vector-cache-'));
  const path = join(directory, 'engram.db');
  const store = SqliteEngramStore.open(path);
  const exact = new SqliteVectorIndex(store.database, { cache: false });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function fill(owner: MemoryOwner, count: number, next: () => Float32Array, documentId = 'doc') {
    const inserts = Array.from({ length: count }, (_, index) =>
      memoryInsert(owner, { content: `memory ${index}`, embedding: next(), documentId }),
    );
    await store.memories.applyIngestion(ingestion(owner, documentId, { inserts }));
    return inserts.map((insert) => insert.memory.memoryId);
  }

  it('returns exactly the scan’s hits once a scope is cached, across scopes and limits', async () => {
    const instanceId = freshInstanceId();
    const next = vectors(1, 10);
    const owners = ['ann', 'bob', 'cy'].map((name) => userOwner(instanceId, name));
    for (const [index, owner] of owners.entries()) await fill(owner, [300, 7, 1][index] as number, next);
    const cached = new SqliteVectorIndex(store.database, { cache: { largeScopeRows: 1 } });
    for (let round = 0; round < 4; round += 1) {
      for (const keys of [[owners[0]?.scopeKey], owners.map((owner) => owner.scopeKey)] as string[][]) {
        for (const limit of [1, 10, 500]) {
          const query = next();
          assertSameHits(await cached.nearest(keys, query, limit), await exact.nearest(keys, query, limit));
        }
      }
    }
  });

  it('sees every write to a cached scope, from this store or another connection', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const next = vectors(2, 8);
    const [first] = await fill(owner, 50, next);
    const cached = new SqliteVectorIndex(store.database, { cache: { largeScopeRows: 1 } });
    const query = next();
    const search = () => cached.nearest([owner.scopeKey], query, 100);
    await search();
    assert.equal((await search()).length, 50, 'second search reads the cached copy');

    const close = memoryInsert(owner, { content: 'close', embedding: query, documentId: 'later' });
    await store.memories.applyIngestion(ingestion(owner, 'later', { inserts: [close] }));
    assert.equal((await search())[0]?.memoryId, close.memory.memoryId, 'insert seen');

    await store.memories.deleteMemory(owner.instanceId, first as string);
    assert.ok(!ids(await search()).includes(first as string), 'delete seen');

    const other = SqliteEngramStore.open(path);
    try {
      await other.memories.editMemory(owner.instanceId, close.memory.memoryId, {
        content: 'moved away',
        embedding: query.map((value) => -value),
        searchText: 'moved away',
        updatedAt: '2026-02-01T00:00:00.000Z',
      });
    } finally {
      await other.close();
    }
    const hits = await search();
    assert.equal(hits.at(-1)?.memoryId, close.memory.memoryId, 'edit by another connection seen');
    assertSameHits(hits, await exact.nearest([owner.scopeKey], query, 100));
  });

  it('never answers one scope with another’s vectors, even when they are identical', async () => {
    const instanceId = freshInstanceId();
    const [ann, bob] = [userOwner(instanceId, 'ann'), userOwner(instanceId, 'bob')];
    const annIds = await fill(ann, 20, vectors(3, 8));
    const bobIds = await fill(bob, 20, vectors(3, 8));
    const cached = new SqliteVectorIndex(store.database, { cache: { largeScopeRows: 1 } });
    const query = vectors(4, 8)();
    for (let round = 0; round < 3; round += 1) {
      assert.deepEqual(new Set(ids(await cached.nearest([ann.scopeKey], query, 50))), new Set(annIds));
      assert.deepEqual(new Set(ids(await cached.nearest([bob.scopeKey], query, 50))), new Set(bobIds));
    }
  });

  it('stays exact while a small budget evicts and compacts', async () => {
    const instanceId = freshInstanceId();
    const next = vectors(5, 16);
    const owners = Array.from({ length: 8 }, (_, index) => userOwner(instanceId, `user-${index}`));
    for (const [index, owner] of owners.entries()) await fill(owner, 20 + index * 15, next);
    // Room for about three of these scopes at a time.
    const cached = new SqliteVectorIndex(store.database, {
      cache: { maxBytes: 3 * 100 * 16 * 4, largeScopeRows: 1 },
    });
    const order = vectors(6, 1);
    for (let round = 0; round < 60; round += 1) {
      const owner = owners[Math.floor((order()[0] as number) * 8 + 4) % 8] as MemoryOwner;
      const query = next();
      assertSameHits(
        await cached.nearest([owner.scopeKey], query, 10),
        await exact.nearest([owner.scopeKey], query, 10),
      );
    }
  });

  it('skips zero vectors and vectors of another dimension, as the scan does', async () => {
    const owner = userOwner(freshInstanceId(), 'ann');
    const next = vectors(7, 8);
    await fill(owner, 5, next);
    const zero = memoryInsert(owner, { content: 'zero', embedding: new Float32Array(8), documentId: 'z' });
    const wide = memoryInsert(owner, {
      content: 'wide',
      embedding: new Float32Array(12).fill(1),
      documentId: 'w',
    });
    await store.memories.applyIngestion(ingestion(owner, 'z', { inserts: [zero] }));
    await store.memories.applyIngestion(ingestion(owner, 'w', { inserts: [wide] }));
    const cached = new SqliteVectorIndex(store.database, { cache: { largeScopeRows: 1 } });
    const query = next();
    for (let round = 0; round < 2; round += 1) {
      const hits = await cached.nearest([owner.scopeKey], query, 10);
      assert.equal(hits.length, 5);
      assertSameHits(hits, await exact.nearest([owner.scopeKey], query, 10));
    }
    const wideHits = await cached.nearest([owner.scopeKey], new Float32Array(12).fill(2), 10);
    assert.deepEqual(ids(wideHits), [wide.memory.memoryId]);
    assert.deepEqual(await cached.nearest(['never-written'], query, 10), []);
  });

  it('admits a large scope on its second miss and a small one only when searched often', () => {
    const cache = new ScopeVectorCache({ largeScopeRows: 100, smallScopeMisses: 4 });
    let counted = 0;
    const rows = (count: number) => () => {
      counted += 1;
      return count;
    };
    assert.deepEqual(
      [1, 2].map(() => cache.admit('large', 8, rows(500))),
      [false, true],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map(() => cache.admit('small', 8, rows(5))),
      [false, false, false, true],
    );
    assert.equal(counted, 2, 'rows are counted once per scope, at the second miss');
    assert.equal(cache.admit('small', 16, rows(5)), false, 'another dimension is another entry');
  });
});

describe('warming the scope cache at start', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-vector-warm-'));
  const store = SqliteEngramStore.open(join(directory, 'engram.db'));
  const exact = new SqliteVectorIndex(store.database, { cache: false });
  const instanceId = freshInstanceId();
  const owners = ['ann', 'bob', 'cy'].map((name) => userOwner(instanceId, name));
  const sizes = [40, 25, 10];
  const next = vectors(11, 8);
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('copies every scope once, answers exactly as the scan, and still sees later writes', async () => {
    for (const [index, owner] of owners.entries()) {
      const inserts = Array.from({ length: sizes[index] as number }, (_, row) =>
        memoryInsert(owner, { content: `memory ${row}`, embedding: next(), documentId: 'doc' }),
      );
      await store.memories.applyIngestion(ingestion(owner, 'doc', { inserts }));
    }
    // Another dimension's vectors are not this warm-up's.
    const wide = memoryInsert(owners[0] as MemoryOwner, {
      content: 'wide',
      embedding: new Float32Array(12).fill(1),
      documentId: 'w',
    });
    await store.memories.applyIngestion(ingestion(owners[0] as MemoryOwner, 'w', { inserts: [wide] }));

    const index = new SqliteVectorIndex(store.database);
    const warmed = await index.warmCache(8, { scopesPerTurn: 2 });
    assert.deepEqual(warmed, { scopes: 3, vectors: 75, bytes: 75 * 8 * 4, complete: true });
    assert.deepEqual(
      await index.warmCache(8),
      { scopes: 0, vectors: 0, bytes: 0, complete: true },
      'all held',
    );

    const keys = owners.map((owner) => owner.scopeKey);
    for (let round = 0; round < 3; round += 1) {
      const query = next();
      assertSameHits(await index.nearest(keys, query, 20), await exact.nearest(keys, query, 20));
      assertSameHits(
        await index.nearest([owners[1]?.scopeKey as string], query, 5),
        await exact.nearest([owners[1]?.scopeKey as string], query, 5),
      );
    }
    const query = next();
    const close = memoryInsert(owners[2] as MemoryOwner, {
      content: 'close',
      embedding: query,
      documentId: 'later',
    });
    await store.memories.applyIngestion(ingestion(owners[2] as MemoryOwner, 'later', { inserts: [close] }));
    assert.equal(
      (await index.nearest(keys, query, 1))[0]?.memoryId,
      close.memory.memoryId,
      'write after warming seen',
    );
  });

  it('stops when the next scope would not fit, evicting nothing, and when aborted', async () => {
    // Room for the first scope in key order and no more.
    const firstKey = owners.map((owner) => owner.scopeKey).sort()[0] as string;
    const firstRows = (await exact.nearest([firstKey], next(), 1_000)).length;
    const small = new SqliteVectorIndex(store.database, { cache: { maxBytes: firstRows * 8 * 4 } });
    const partial = await small.warmCache(8);
    assert.equal(partial.complete, false);
    assert.equal(partial.scopes, 1);
    assert.deepEqual(
      await small.warmCache(8),
      { scopes: 0, vectors: 0, bytes: 0, complete: false },
      'first kept',
    );

    const stopped = new AbortController();
    stopped.abort();
    const aborted = await new SqliteVectorIndex(store.database).warmCache(8, {
      scopesPerTurn: 1,
      signal: stopped.signal,
    });
    assert.deepEqual(aborted, { scopes: 1, vectors: firstRows, bytes: firstRows * 8 * 4, complete: false });
    assert.deepEqual(await new SqliteVectorIndex(store.database, { cache: false }).warmCache(8), {
      scopes: 0,
      vectors: 0,
      bytes: 0,
      complete: true,
    });
  });
});
