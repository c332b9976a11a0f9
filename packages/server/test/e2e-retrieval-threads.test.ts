// Retrieval on worker threads end to end through the SDK: each thread opens
// its own connection to the server's SQLite file, sees memories the main
// thread wrote, and ranks exactly as the main thread would (a second server
// over the same file, ranking in process, is the reference).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '@engram/core';
import type { EngramClient } from '@engram/sdk';
import { startServer } from '../src/app/start-server.js';
import { createLogger } from '../src/logger.js';
import { RetrievalThreadPool } from '../src/workers/retrieval-thread-pool.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import {
  SHARED_MODEL_CACHE,
  startTestServer,
  TEST_RATE_LIMITS,
  type TestServer,
} from './support/test-server.js';

describe('retrieval threads end to end through the SDK', () => {
  let server: TestServer;
  let sdk: EngramClient;
  let apiKey: string;

  before(async () => {
    // Cache off: every fetch below must be ranked, not served from memory.
    server = await startTestServer({
      retrievalThreads: 2,
      fetchCacheEntries: 0,
      modelCacheDir: SHARED_MODEL_CACHE,
    });
    apiKey = (await server.createInstance('b2c')).apiKey;
    sdk = sdkFor(server.url, apiKey);
  });
  after(() => server.dispose());

  it('ranks on the threads exactly as on the main thread, in both modes, and sees new writes', async () => {
    await ingestAndWait(sdk, {
      document: [
        'Ines: I adopted a greyhound called Pixel last spring.',
        'Noah: How is Pixel doing?',
        'Ines: Pixel loves the beach, and I started pottery classes on Tuesdays.',
      ].join('\n'),
      user_id: 'ines',
      document_created_at: '2025-05-10T10:00:00Z',
    });
    assert.ok(server.server.services.retrieval instanceof RetrievalThreadPool, 'the threads are in use');
    // API-only (no workers, no fetch cache) and no threads: every fetch is ranked on its main thread.
    const inProcess = await startServer(
      {
        ...resolveConfig({ env: {} }),
        ...TEST_RATE_LIMITS,
        port: 0,
        dataDir: server.dataDir,
        bootstrapDefaultInstance: false,
        workerConcurrency: 0,
        retrievalThreads: 0,
        fetchCacheEntries: 0,
        modelCacheDir: SHARED_MODEL_CACHE,
      },
      createLogger('silent'),
    );
    try {
      for (const mode of ['fast', 'accurate'] as const) {
        const query = { user_id: 'ines', search_query: ['How is the greyhound doing?'], mode };
        const threaded = await sdk.user.context.fetch(query);
        const local = await sdkFor(inProcess.url, apiKey).user.context.fetch(query);
        assert.ok(threaded.metadata.total_results > 0, `${mode}: found something`);
        for (const key of ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'] as const) {
          // The recency prior reads the clock, so scores agree to ~1e-10, not bit for bit.
          const rounded = (items: typeof local.facts) =>
            items.map((item) => ({ ...item, relevance_score: Math.round(item.relevance_score * 1e6) }));
          assert.deepEqual(rounded(threaded[key]), rounded(local[key]), `${mode} ${key}`);
        }
      }
    } finally {
      await inProcess.close();
    }
    // A write the main thread commits is visible to the threads' next read.
    await ingestAndWait(sdk, {
      document: 'Ines: Pixel now has a sister, a whippet named Byte.',
      user_id: 'ines',
    });
    const after = await sdk.user.context.fetch({ user_id: 'ines', search_query: ['whippet'] });
    assert.match(JSON.stringify(after), /Byte/);
  });

  it('answers many concurrent fetches across the threads', async () => {
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        sdk.user.context.fetch({ user_id: 'ines', search_query: [index % 2 ? 'pottery' : 'beach'] }),
      ),
    );
    for (const answer of answers) assert.equal(answer.metadata.total_results > 0, true);
  });
});
