// A server killed with SIGKILL mid-job on this host is proved gone by the
// next server (its pid is free), which retries the job at once: long before
// the two-minute lease would have let anyone take it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createInstanceByCli, type EngramProcess, serveEngram } from './support/engram-process.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE } from './support/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'engram-crash-fast-'));
const LEASE_MS = 120_000;
const env = {
  ...process.env,
  ENGRAM_DATA_DIR: dataDir,
  ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
  ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
  ENGRAM_JOB_LEASE_MS: String(LEASE_MS),
  ENGRAM_JOB_POLL_MS: '50',
  ENGRAM_WORKER_CONCURRENCY: '1',
  ENGRAM_RATE_LIMIT_KEY_PER_SECOND: '0',
  ENGRAM_RATE_LIMIT_INSTANCE_PER_SECOND: '0',
};

function serve(): Promise<EngramProcess> {
  return serveEngram(env);
}

// Long documents, so that a job is mid-flight for a while.
const longDocument = (index: number) =>
  Array.from(
    { length: 400 },
    (_, turn) => `User${index}: On day ${turn} I met friend${turn} at cafe${turn}.`,
  ).join('\n');

describe('crash recovery without the lease wait', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('retries the killed server’s job at once after a restart', async () => {
    const { api_key: apiKey } = await createInstanceByCli(env, 'crash');
    const first = await serve();
    const sdk = sdkFor(first.url, apiKey);
    const batch = await sdk.memories.batchCreate(
      Array.from({ length: 20 }, (_, index) => ({ document: longDocument(index), user_id: `user-${index}` })),
    );
    let processing: string | undefined;
    while (processing === undefined) {
      for (const row of batch.results) {
        if ((await sdk.memories.status(row.ingestion_id)).status === 'processing')
          processing = row.ingestion_id;
      }
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const started = performance.now();
    const second = await serve();
    try {
      const status = await sdkFor(second.url, apiKey).memories.waitForCompletion(processing, {
        timeoutSeconds: 60,
        pollIntervalSeconds: 0.1,
      });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(status.status, 'completed');
      assert.ok(
        seconds < LEASE_MS / 1000 / 2,
        `recovered in ${seconds.toFixed(1)} s, lease ${LEASE_MS / 1000} s`,
      );
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  });
});
