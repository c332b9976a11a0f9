// The text index's postings kept across searches (ScopePostingsCache): the
// same hits and scores as matching every search in FTS5, and every write,
// from this connection or another one on the same file, seen at the next search.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IndexHit, MemoryOwner } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, unitVector, userOwner } from '@engram/core/test-support';
import { SqliteEngramStore, SqliteTextIndex } from '../src/index.js';

const WORDS = [
  'hiking',
  'mountains',
  'pottery',
  'coffee',
  'Lisbon',
  'running',
  'runs',
  'guitar',
  'beagle',
  'tea',
];

function sentence(random: () => number, length: number): string {
  return Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/** Same ids in the same order, scores equal but for the last bits (JavaScript's sums against bm25()'s). */
function assertSameRanking(actual: readonly IndexHit[], expected: readonly IndexHit[]): void {
  assert.deepEqual(
    actual.map((hit) => hit.memoryId),
    expected.map((hit) => hit.memoryId),
  );
  actual.forEach((hit, index) => {
    const reference = expected[index]?.score as number;
    assert.ok(Math.abs(hit.score - reference) <= 1e-9 * Math.max(1, Math.abs(reference)));
  });
}

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('sqlite text index: postings kept across searches', () => {
  const directory = mkdtempSync(join(tmpdir(), 'engram-postings-'));
  const path = join(directory, 'engram.db');
  const store = SqliteEngramStore.open(path);
  // Another connection to the same file: another process's writes.
  const writer = SqliteEngramStore.open(path);
  const random = lcg(11);
  const owners: MemoryOwner[] = [];
  const cached = new SqliteTextIndex(store.database);
  const uncached = new SqliteTextIndex(store.database, { postingsCache: 0 });
  before(async () => {
    const instanceId = freshInstanceId();
    owners.push(userOwner(instanceId, 'ann'), userOwner(instanceId, 'bo'));
    for (const [index, owner] of owners.entries()) {
      const batch = Array.from({ length: 40 }, () => ({
        ...memoryInsert(owner, { content: sentence(random, 2 + Math.floor(random() * 6)) }),
        contextText: random() < 0.6 ? sentence(random, Math.floor(random() * 10)) : undefined,
      }));
      await writer.memories.applyIngestion(ingestion(owner, `doc-${index}`, { inserts: batch }));
    }
  });
  after(async () => {
    await store.close();
    await writer.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function assertSame(label: string) {
    const scopeSets = [[owners[0]?.scopeKey], [owners[0]?.scopeKey, owners[1]?.scopeKey]] as string[][];
    for (let query = 0; query < 30; query++) {
      const terms = sentence(random, 1 + Math.floor(random() * 3)).split(' ');
      const scopeKeys = scopeSets[query % 2] as string[];
      const expected = await uncached.search(scopeKeys, terms, 25);
      assert.deepEqual(await cached.search(scopeKeys, terms, 25), expected, `${label}: ${terms.join(' ')}`);
    }
  }

  it('gives the hits and scores of a fresh match, search after search', async () => {
    await assertSame('first searches');
    await assertSame('searches again');
  });

  it("sees another connection's insert, edit and delete at the next search", async () => {
    const owner = owners[0] as MemoryOwner;
    const terms = ['zeppelin'];
    await cached.search([owner.scopeKey], terms, 10);
    const added = memoryInsert(owner, { content: 'a zeppelin over Lisbon', documentId: 'doc-z' });
    await writer.memories.applyIngestion(ingestion(owner, 'doc-z', { inserts: [added] }));
    const found = await cached.search([owner.scopeKey], terms, 10);
    assert.deepEqual(
      found.map((hit) => hit.memoryId),
      [added.memory.memoryId],
    );
    assert.ok(
      await writer.memories.editMemory(owner.instanceId, added.memory.memoryId, {
        content: 'a balloon over Lisbon',
        embedding: unitVector(1),
        searchText: 'a balloon over Lisbon',
        updatedAt: '2026-02-01T00:00:00.000Z',
      }),
    );
    assert.deepEqual(await cached.search([owner.scopeKey], terms, 10), []);
    assert.deepEqual(
      (await cached.search([owner.scopeKey], ['balloon'], 10)).map((hit) => hit.memoryId),
      [added.memory.memoryId],
    );
    assert.ok(await writer.memories.deleteMemory(owner.instanceId, added.memory.memoryId));
    assert.deepEqual(await cached.search([owner.scopeKey], ['balloon'], 10), []);
    await assertSame('after the writes');
  });

  it('ranks the same when the bound holds almost nothing', async () => {
    const tiny = new SqliteTextIndex(store.database, { postingsCache: 3 });
    const scopeKeys = [owners[1]?.scopeKey] as string[];
    for (const word of WORDS) {
      assert.deepEqual(
        await tiny.search(scopeKeys, [word, 'tea'], 25),
        await uncached.search(scopeKeys, [word, 'tea'], 25),
      );
    }
  });

  it('ranks a word too common to score in JavaScript as bm25() does, before and after writes make it rare', async () => {
    // 'tea' matches more of a scope's 40+ rows than the bound of 5.
    const capped = new SqliteTextIndex(store.database, { maxScoredRows: 5 });
    const bm25Only = new SqliteTextIndex(store.database, { scoreInJavaScript: false });
    const owner = owners[1] as MemoryOwner;
    const scopeKeys = [owner.scopeKey];
    for (let round = 0; round < 2; round++) {
      assertSameRanking(
        await capped.search(scopeKeys, ['tea'], 25),
        await bm25Only.search(scopeKeys, ['tea'], 25),
      );
    }
    // A new scope set holding few matching rows: the mark on the first scope set must not carry over.
    const fresh = userOwner(owner.instanceId, 'cy');
    const rows = [
      memoryInsert(fresh, { content: 'green tea' }),
      memoryInsert(fresh, { content: 'tea at noon' }),
    ];
    await writer.memories.applyIngestion(ingestion(fresh, 'doc-cy', { inserts: rows }));
    const hits = await capped.search([fresh.scopeKey], ['tea'], 25);
    assertSameRanking(hits, await bm25Only.search([fresh.scopeKey], ['tea'], 25));
    assert.equal(hits.length, 2);
    // Deleting down to under the bound in the first scope: scored in JavaScript again, the same rows in
    // the same order. (Scores may differ: a deletion from the contentless table leaves FTS5's row total
    // unchanged, so the remembered document frequency of 'tea' stands; one term's IDF is a common factor.)
    const teaRows = await bm25Only.search(scopeKeys, ['tea'], 100);
    for (const hit of teaRows.slice(3))
      assert.ok(await writer.memories.deleteMemory(owner.instanceId, hit.memoryId));
    const after = await capped.search(scopeKeys, ['tea'], 25);
    assert.deepEqual(
      after.map((hit) => hit.memoryId),
      (await bm25Only.search(scopeKeys, ['tea'], 25)).map((hit) => hit.memoryId),
    );
    assert.equal(after.length, 3);
  });
});
