import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { IndexHit } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { SqliteEngramStore, SqliteTextIndex } from '../src/index.js';

const ids = (hits: readonly IndexHit[]) => hits.map((hit) => hit.memoryId).sort();

describe('sqlite text index: common terms', () => {
  const store = SqliteEngramStore.open(':memory:');
  after(() => store.close());

  it('leaves out terms matching more rows than the limit while a rarer term remains', async () => {
    const instanceId = freshInstanceId();
    const ann = userOwner(instanceId, 'ann');
    const others = userOwner(instanceId, 'others');
    // "coffee" is in four rows of the table (three of them another tenant's), "lisbon" in one.
    const lisbon = memoryInsert(ann, { content: 'coffee in lisbon' });
    const coffee = memoryInsert(ann, { content: 'coffee at home' });
    const elsewhere = ['coffee a', 'coffee b', 'coffee c'].map((content) =>
      memoryInsert(others, { content }),
    );
    await store.memories.applyIngestion(ingestion(ann, 'doc-a', { inserts: [lisbon, coffee] }));
    await store.memories.applyIngestion(ingestion(others, 'doc-b', { inserts: elsewhere }));
    const everyTerm = new SqliteTextIndex(store.database);
    const limited = new SqliteTextIndex(store.database, { maxTermRows: 3 });
    const scope = [ann.scopeKey];
    const both = [lisbon.memory.memoryId, coffee.memory.memoryId].sort();

    assert.deepEqual(
      ids(await everyTerm.search(scope, ['coffee', 'lisbon'], 10)),
      both,
      'small stores keep every term',
    );
    assert.deepEqual(ids(await limited.search(scope, ['coffee', 'lisbon'], 10)), [lisbon.memory.memoryId]);
    assert.deepEqual(
      ids(await limited.search(scope, ['coffee'], 10)),
      both,
      'the rarest term is always searched',
    );
    assert.deepEqual(
      ids(await limited.search(scope, ['coffee', 'nowhere'], 10)),
      [],
      'a rarer term that matches nothing',
    );
    assert.deepEqual(
      ids(await limited.search([others.scopeKey], ['lisbon'], 10)),
      [],
      'never another scope’s rows',
    );
  });
});
