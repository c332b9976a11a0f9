// The start-up fill of the in-process vector copy, end to end: a restarted
// server holds its users' vectors before their first fetch and answers
// exactly as a server that reads every vector from SQLite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '@engram/core';
import type { EngramClient } from '@engram/sdk';
import { startServer } from '../src/app/start-server.js';
import { createLogger } from '../src/logger.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE, startTestServer, type TestServer } from './support/test-server.js';

describe('vector copy filled at start', () => {
  let server: TestServer;
  let apiKey: string;
  let sdk: EngramClient;

  before(async () => {
    server = await startTestServer({ fetchCacheEntries: 0, modelCacheDir: SHARED_MODEL_CACHE });
    apiKey = (await server.createInstance('b2c')).apiKey;
    sdk = sdkFor(server.url, apiKey);
  });
  after(() => server.dispose());

  it('answers a restarted server’s first fetches exactly as reading SQLite does', async () => {
    for (const [user, document] of [
      ['ines', 'Ines: I adopted a greyhound called Pixel last spring. Pixel loves the beach.'],
      ['omar', 'Omar: I bake sourdough every Sunday and I am learning the cello.'],
    ] as const) {
      await ingestAndWait(sdk, { document, user_id: user, document_created_at: '2025-05-10T10:00:00Z' });
    }
    await server.restart();
    const copied = await server.server.vectorCacheWarmup;
    assert.equal(copied?.complete, true);
    assert.ok(
      (copied?.scopes ?? 0) >= 2,
      `both users' vectors held before any fetch: ${JSON.stringify(copied)}`,
    );
    const queries = [
      { user_id: 'ines', search_query: ['Which dog does she have?'] },
      { user_id: 'omar', search_query: ['What instrument is he studying?'] },
    ];
    const warmed: Awaited<ReturnType<EngramClient['user']['context']['fetch']>>[] = [];
    for (const query of queries) warmed.push(await sdkFor(server.url, apiKey).user.context.fetch(query));

    await server.stop();
    const config = {
      ...resolveConfig({ env: {} }),
      port: 0,
      dataDir: server.dataDir,
      bootstrapDefaultInstance: false,
      fetchCacheEntries: 0,
      modelCacheDir: SHARED_MODEL_CACHE,
      vectorCacheMb: 0,
    };
    const uncached = await startServer(config, createLogger('silent'));
    try {
      for (const [index, query] of queries.entries()) {
        const expected = await sdkFor(uncached.url, apiKey).user.context.fetch(query);
        const got = warmed[index];
        assert.ok(got !== undefined && got.metadata.total_results > 0, 'found memories');
        for (const key of ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'] as const) {
          // The recency prior reads the clock, so scores agree to ~1e-6, not bit for bit.
          const rounded = (items: typeof expected.facts) =>
            items.map((item) => ({ ...item, relevance_score: Math.round(item.relevance_score * 1e5) }));
          assert.deepEqual(rounded(got[key]), rounded(expected[key]), key);
        }
      }
    } finally {
      await uncached.close();
    }
    await server.restart();
  });
});
