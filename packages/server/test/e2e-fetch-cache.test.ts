// The fetch result cache end to end through the SDK: repeated fetches are
// served from the cache, every write path (ingestion, transcripts, PATCH,
// DELETE) drops what it changes, tenants never share entries, and the cache
// can be switched off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ContextResponse, EngramClient } from '@engram/sdk';
import { allItems } from './support/context-items.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE, startTestServer, type TestServer } from './support/test-server.js';

const text = (response: ContextResponse) =>
  allItems(response)
    .map((item) => item.content)
    .join(' | ');

describe('fetch result cache end to end through the SDK', () => {
  let server: TestServer;
  let first: EngramClient;
  let second: EngramClient;

  before(async () => {
    server = await startTestServer();
    first = sdkFor(server.url, (await server.createInstance('b2c')).apiKey);
    second = sdkFor(server.url, (await server.createInstance('b2c')).apiKey);
  });
  after(() => server.dispose());

  it('serves a repeated fetch from the cache with fresh metadata, until a new memory of the user is ingested', async () => {
    await ingestAndWait(first, { document: 'Rita: I love hiking in the Alps.', user_id: 'rita' });
    const query = { user_id: 'rita', search_query: ['hiking kayaking'] };
    const computed = await first.user.context.fetch(query);
    const served = await first.user.context.fetch(query);
    assert.equal(computed.metadata.source, 'cloud');
    assert.equal(served.metadata.source, 'cache');
    assert.deepEqual(served.facts, computed.facts);
    assert.deepEqual(served.preferences, computed.preferences);
    assert.match(text(served), /hiking/);
    assert.notEqual(served.metadata.correlation_id, computed.metadata.correlation_id);
    assert.equal(served.metadata.ttl_seconds, 300);

    await ingestAndWait(first, { document: 'Rita: I also love kayaking on lakes.', user_id: 'rita' });
    const afterWrite = await first.user.context.fetch(query);
    assert.equal(afterWrite.metadata.source, 'cloud');
    assert.match(text(afterWrite), /kayaking/);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');
  });

  it('drops cached fetches after a transcript ingest, a PATCH and a DELETE', async () => {
    const status = await ingestAndWait(first, {
      document: 'Omar: My gym membership ends in March.',
      user_id: 'omar',
    });
    const query = { user_id: 'omar', search_query: ['gym membership vegetarian'], max_results: 20 };
    await first.user.context.fetch(query);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');

    const transcript = await first.conversation.ingestTranscript({
      conversation_id: 'omar-call-1',
      user_id: 'omar',
      transcript: 'User: I need a vegetarian meal at the gym cafe.\nAgent: Noted, vegetarian meal.',
    });
    await first.memories.waitForCompletion(transcript.ingestion_id, { pollIntervalSeconds: 0.02 });
    const afterTranscript = await first.user.context.fetch(query);
    assert.equal(afterTranscript.metadata.source, 'cloud');
    assert.match(text(afterTranscript), /vegetarian/);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');

    const memoryId = status.memory_ids[0] as string;
    await first.memories.update(memoryId, {
      document: 'Omar: My gym membership ends in October.',
      merge_strategy: 'replace',
    });
    const afterPatch = await first.user.context.fetch(query);
    assert.equal(afterPatch.metadata.source, 'cloud');
    assert.match(text(afterPatch), /October/);
    assert.doesNotMatch(text(afterPatch), /March/);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');

    await first.memories.delete(memoryId);
    const afterDelete = await first.user.context.fetch(query);
    assert.equal(afterDelete.metadata.source, 'cloud');
    assert.ok(allItems(afterDelete).every((item) => item.id !== memoryId));
    assert.doesNotMatch(text(afterDelete), /October/);
  });

  it('drops user fetches that include client context when the client scope is written', async () => {
    await ingestAndWait(first, { document: 'Lena: I prefer email over phone calls.', user_id: 'lena' });
    const query = { user_id: 'lena', search_query: ['email phone support hours'], max_results: 20 };
    const before = await first.user.context.fetch(query);
    assert.doesNotMatch(text(before), /Support hours/);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');
    const clientQuery = { search_query: ['support hours'] };
    await first.client.context.fetch(clientQuery);
    const clientBefore = await first.client.context.fetch(clientQuery);
    assert.equal(clientBefore.metadata.source, 'cache');
    assert.equal(clientBefore.metadata.ttl_seconds, 1800);

    await ingestAndWait(first, {
      document: 'Support hours are 9 to 5 on weekdays.',
      document_type: 'document',
    });
    const afterClientWrite = await first.user.context.fetch(query);
    assert.equal(afterClientWrite.metadata.source, 'cloud');
    assert.match(text(afterClientWrite), /Support hours/);
    const clientAfter = await first.client.context.fetch(clientQuery);
    assert.equal(clientAfter.metadata.source, 'cloud');
    assert.match(text(clientAfter), /Support hours/);
  });

  it("never serves one tenant another's results for the same user id and query", async () => {
    const query = { user_id: 'sam', search_query: ['favourite colour'] };
    await ingestAndWait(first, { document: 'Sam: My favourite colour is teal.', user_id: 'sam' });
    await first.user.context.fetch(query);
    assert.equal((await first.user.context.fetch(query)).metadata.source, 'cache');

    const otherCold = await second.user.context.fetch(query);
    assert.equal(otherCold.metadata.source, 'cloud');
    assert.equal(allItems(otherCold).length, 0, 'the other instance holds nothing yet');

    await ingestAndWait(second, { document: 'Sam: My favourite colour is orange.', user_id: 'sam' });
    const otherWarm = await second.user.context.fetch(query);
    assert.equal(otherWarm.metadata.source, 'cloud');
    assert.match(text(otherWarm), /orange/);
    assert.doesNotMatch(text(otherWarm), /teal/);
    const otherServed = await second.user.context.fetch(query);
    assert.equal(otherServed.metadata.source, 'cache');
    assert.doesNotMatch(text(otherServed), /teal/);

    const mine = await first.user.context.fetch(query);
    assert.equal(mine.metadata.source, 'cache', "another tenant's write is not this tenant's");
    assert.match(text(mine), /teal/);
    assert.doesNotMatch(text(mine), /orange/);
  });

  it('keeps different max_results, types and mode in different entries', async () => {
    await ingestAndWait(first, {
      document: 'Noor: I like green tea and I visited Kyoto in May.',
      user_id: 'noor',
    });
    const base = { user_id: 'noor', search_query: ['tea Kyoto'] };
    const variants = [
      base,
      { ...base, max_results: 3 },
      { ...base, types: ['facts' as const] },
      { ...base, mode: 'accurate' as const },
    ];
    for (const input of variants) {
      assert.equal((await first.user.context.fetch(input)).metadata.source, 'cloud', JSON.stringify(input));
    }
    for (const input of variants) {
      assert.equal((await first.user.context.fetch(input)).metadata.source, 'cache', JSON.stringify(input));
    }
  });
});

describe('fetch result cache switched off', () => {
  for (const [name, overrides] of [
    ['fetchCacheEntries 0', { fetchCacheEntries: 0 }],
    ['an API-only process (workerConcurrency 0)', { workerConcurrency: 0 }],
  ] as const) {
    it(`always answers from retrieval with ${name}`, async () => {
      // The shared model cache: an API-only process loads the embedder on its first fetch, and
      // building the GloVe cache afresh took longer than the SDK's 10 s timeout on a loaded box.
      const server = await startTestServer({ modelCacheDir: SHARED_MODEL_CACHE, ...overrides });
      try {
        const sdk = sdkFor(server.url, (await server.createInstance('b2c')).apiKey);
        const query = { user_id: 'zed', search_query: ['anything at all'] };
        for (let attempt = 0; attempt < 3; attempt += 1) {
          assert.equal((await sdk.user.context.fetch(query)).metadata.source, 'cloud');
        }
      } finally {
        await server.dispose();
      }
    });
  }
});
