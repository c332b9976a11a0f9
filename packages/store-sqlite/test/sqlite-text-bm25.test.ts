import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IndexHit, MemoryInsert, MemoryOwner } from '@engram/core';
import { freshInstanceId, ingestion, memoryInsert, userOwner } from '@engram/core/test-support';
import { fts5Tokens } from '../src/fts5-tokens.js';
import { quotedTerms, unquotedTerm } from '../src/full-text-query.js';
import { SqliteEngramStore, SqliteTextIndex } from '../src/index.js';

// Inflected forms that exercise every Porter step, a few accents, capitals
// and apostrophes, so the JavaScript tokenizer is compared with FTS5's on
// the cases where the two could part ways.
const WORDS = [
  'running',
  'runs',
  'ran',
  'runner',
  'happiness',
  'happily',
  'happy',
  'generously',
  'generous',
  'relational',
  'conditional',
  'rational',
  'valency',
  'hesitancy',
  'digitizer',
  'conformably',
  'radically',
  'differently',
  'vilely',
  'analogously',
  'vietnamization',
  'predication',
  'operator',
  'feudalism',
  'decisiveness',
  'hopefulness',
  'callousness',
  'formality',
  'sensitivity',
  'sensibility',
  'triplicate',
  'formative',
  'formalize',
  'electricity',
  'electrical',
  'hopeful',
  'goodness',
  'revival',
  'allowance',
  'inference',
  'airliner',
  'gyroscopic',
  'adjustable',
  'defensible',
  'irritant',
  'replacement',
  'adjustment',
  'dependent',
  'adoption',
  'homologou',
  'communism',
  'activate',
  'angularity',
  'homologous',
  'effective',
  'bowdlerize',
  'probate',
  'rate',
  'cease',
  'controll',
  'roll',
  'caresses',
  'ponies',
  'ties',
  'caress',
  'cats',
  'feed',
  'agreed',
  'plastered',
  'bled',
  'motoring',
  'sing',
  'conflated',
  'troubled',
  'sized',
  'hopping',
  'tanned',
  'falling',
  'hissing',
  'fizzed',
  'failing',
  'filing',
  'sky',
  'Café',
  'naïve',
  'Zoë',
  "O'Neil",
  "Caroline's",
  'LGBTQ',
  '2023',
  'May',
  'pottery',
  'workshop',
  'Lisbon',
  'coffee',
  'ya',
  'yes',
  'toy',
  'syzygy',
  'crying',
  'eyes',
  'a',
  'I',
  'to',
  'be',
];

function sentence(random: () => number, length: number): string {
  const words: string[] = [];
  for (let index = 0; index < length; index += 1) {
    words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  }
  return `${words.join(' ')}.`;
}

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const describeHits = (hits: readonly IndexHit[]) => hits.map((hit) => hit.memoryId);

describe('sqlite text index: BM25 computed in JavaScript', () => {
  const store = SqliteEngramStore.open(':memory:');
  const random = lcg(7);
  const owners: MemoryOwner[] = [];
  const inserts: MemoryInsert[] = [];
  before(async () => {
    const instanceId = freshInstanceId();
    owners.push(userOwner(instanceId, 'ann'), userOwner(instanceId, 'bo'), userOwner(instanceId, 'cy'));
    for (const [index, owner] of owners.entries()) {
      const batch = Array.from({ length: 120 }, () => ({
        ...memoryInsert(owner, { content: sentence(random, 3 + Math.floor(random() * 12)) }),
        contextText: random() < 0.7 ? sentence(random, Math.floor(random() * 40)) : undefined,
      }));
      inserts.push(...batch);
      await store.memories.applyIngestion(ingestion(owner, `doc-${index}`, { inserts: batch }));
    }
  });
  after(() => store.close());

  it('tokenizes as FTS5 does: every word matches exactly the rows whose stems contain it', async () => {
    const database = store.database;
    const count = database.prepare('SELECT count(*) FROM memory_text WHERE memory_text MATCH ?').pluck();
    const texts = inserts.map((insert) => [
      fts5Tokens(insert.searchText),
      fts5Tokens(insert.contextText ?? ''),
    ]);
    for (const word of WORDS) {
      const tokens = fts5Tokens(word);
      if (tokens.length !== 1) continue;
      const stem = tokens[0] as string;
      const expected = texts.filter(
        ([body, context]) => body?.includes(stem) || context?.includes(stem),
      ).length;
      assert.equal(count.get(`{body context} : "${word.replaceAll('"', '""')}"`), expected, word);
    }
  });

  it('reads a term back from its phrase literal, quotes included', () => {
    const terms = ['say "hi"', 'plain', '""'];
    assert.deepEqual(quotedTerms(terms).map(unquotedTerm), terms);
  });

  it('ranks and scores exactly as bm25() does', async () => {
    const javascript = new SqliteTextIndex(store.database);
    const fts5 = new SqliteTextIndex(store.database, { scoreInJavaScript: false });
    // Searches matching more than 5 rows go to bm25() here: the same answer either way.
    const capped = new SqliteTextIndex(store.database, { maxScoredRows: 5 });
    const scopes = [[owners[0]?.scopeKey], [owners[1]?.scopeKey, owners[2]?.scopeKey]] as string[][];
    let compared = 0;
    for (let query = 0; query < 60; query += 1) {
      const terms = sentence(random, 1 + Math.floor(random() * 4))
        .slice(0, -1)
        .split(' ');
      const scopeKeys = scopes[query % 2] as string[];
      const expected = await fts5.search(scopeKeys, terms, 20);
      const actual = await javascript.search(scopeKeys, terms, 20);
      assert.deepEqual(new Set(describeHits(actual)), new Set(describeHits(expected)), terms.join(' '));
      const cappedHits = await capped.search(scopeKeys, terms, 20);
      assert.deepEqual(new Set(describeHits(cappedHits)), new Set(describeHits(expected)), terms.join(' '));
      const scoreOf = new Map(expected.map((hit) => [hit.memoryId, hit.score]));
      for (const hit of actual) {
        const reference = scoreOf.get(hit.memoryId) as number;
        assert.ok(
          Math.abs(hit.score - reference) <= 1e-9 * Math.max(1, Math.abs(reference)),
          terms.join(' '),
        );
      }
      compared += actual.length;
    }
    assert.ok(compared > 200, `compared ${compared} hits`);
  });

  it('falls back to bm25() for rows indexed without stored counts, with the same result', async () => {
    const owner = owners[0] as MemoryOwner;
    const javascript = new SqliteTextIndex(store.database);
    const before = await javascript.search([owner.scopeKey], ['running', 'happiness'], 10);
    store.database
      .prepare(
        'DELETE FROM memory_term_frequencies WHERE memory_rowid IN (SELECT memory_rowid FROM memories WHERE memory_id = ?)',
      )
      .run(before[0]?.memoryId);
    const after = await javascript.search([owner.scopeKey], ['running', 'happiness'], 10);
    assert.ok(before.length > 1);
    assert.deepEqual(describeHits(after), describeHits(before));
  });

  it('renews a remembered document frequency once the table has grown', async () => {
    const owner = owners[1] as MemoryOwner;
    const javascript = new SqliteTextIndex(store.database);
    const fts5 = new SqliteTextIndex(store.database, { scoreInJavaScript: false });
    const scoresOf = async (index: SqliteTextIndex) =>
      (await index.search([owner.scopeKey], ['pottery'], 5)).map((hit) => hit.score);
    const before = await scoresOf(javascript);
    assert.ok(before.length > 0);
    // Another tenant's rows make "pottery" far more common: its weight must fall here too.
    const elsewhere = userOwner(owner.instanceId, 'dee');
    const batch = Array.from({ length: 40 }, () =>
      memoryInsert(elsewhere, { content: 'pottery pottery class' }),
    );
    await store.memories.applyIngestion(ingestion(elsewhere, 'doc-dee', { inserts: batch }));
    const after = await scoresOf(javascript);
    assert.ok((after[0] as number) < (before[0] as number));
    const reference = await scoresOf(fts5);
    assert.equal(after.length, reference.length);
    for (const [index, score] of after.entries()) {
      assert.ok(Math.abs(score - (reference[index] as number)) < 1e-9);
    }
  });

  it('keeps stored counts in step with deletes and edits', async () => {
    const database = store.database;
    const rowsOf = () => database.prepare('SELECT count(*) FROM memory_term_frequencies').pluck().get();
    const owner = owners[2] as MemoryOwner;
    const extra = memoryInsert(owner, { content: 'a wholly new quokka sighting' });
    await store.memories.applyIngestion(ingestion(owner, 'doc-extra', { inserts: [extra] }));
    const index = new SqliteTextIndex(store.database);
    assert.deepEqual(describeHits(await index.search([owner.scopeKey], ['quokka'], 5)), [
      extra.memory.memoryId,
    ]);
    // An edit re-indexes: the new words score in JavaScript as bm25() scores them, the old ones are gone.
    const edited = await store.memories.editMemory(owner.instanceId, extra.memory.memoryId, {
      content: 'a wholly new wombat sighting',
      searchText: 'a wholly new wombat sighting',
      contextText: 'Bo: wombat burrows everywhere',
      embedding: extra.embedding,
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    assert.ok(edited);
    assert.deepEqual(await index.search([owner.scopeKey], ['quokka'], 5), []);
    const wombat = await index.search([owner.scopeKey], ['wombat'], 5);
    const reference = await new SqliteTextIndex(store.database, { scoreInJavaScript: false }).search(
      [owner.scopeKey],
      ['wombat'],
      5,
    );
    assert.deepEqual(describeHits(wombat), [extra.memory.memoryId]);
    assert.ok(Math.abs((wombat[0]?.score as number) - (reference[0]?.score as number)) < 1e-9);
    const counted = rowsOf() as number;
    await store.memories.applyIngestion(
      ingestion(owner, 'doc-extra', { removedMemoryIds: [extra.memory.memoryId] }),
    );
    assert.equal(rowsOf(), counted - 1);
    assert.deepEqual(await index.search([owner.scopeKey], ['quokka'], 5), []);
  });
});
