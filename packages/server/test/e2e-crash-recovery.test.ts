// A server killed with SIGKILL in the middle of ingestion finishes every
// queued job after a restart, with no duplicate memories.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EngramClient } from '@engram/sdk';
import { createInstanceByCli, type EngramProcess, serveEngram } from './support/engram-process.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE } from './support/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'engram-crash-'));
const env = {
  ...process.env,
  ENGRAM_DATA_DIR: dataDir,
  ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
  ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
  ENGRAM_JOB_LEASE_MS: '1500',
  ENGRAM_JOB_POLL_MS: '50',
  ENGRAM_WORKER_CONCURRENCY: '1',
  // The test polls 300 statuses at once with one key.
  ENGRAM_RATE_LIMIT_KEY_PER_SECOND: '0',
  ENGRAM_RATE_LIMIT_INSTANCE_PER_SECOND: '0',
};

function serve(workers = 1): Promise<EngramProcess> {
  return serveEngram({ ...env, ENGRAM_WORKER_CONCURRENCY: String(workers) });
}

// Documents long enough (40 turns) that the queue takes seconds to drain, so the kill lands mid-way.
const sentence = (index: number) =>
  [
    `Person${index}: I adopted a dog named Rex${index} in town${index}.`,
    ...Array.from(
      { length: 39 },
      (_, turn) => `Person${index}: On day ${turn} I visited museum${turn} with friend${index}x${turn}.`,
    ),
  ].join('\n');

describe('crash recovery', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes every queued ingestion after SIGKILL and restart, without duplicates', async () => {
    const { api_key: apiKey } = await createInstanceByCli(env, 'crash');
    const first = await serve();
    let sdk = sdkFor(first.url, apiKey);
    const count = 300;
    const created = [];
    // Queue everything first (batches of 100), then kill as soon as the first ingestion completes.
    for (let start = 0; start < count; start += 100) {
      const batch = await sdk.memories.batchCreate(
        Array.from({ length: 100 }, (_, offset) => ({
          document: sentence(start + offset),
          user_id: `user-${start + offset}`,
          document_id: `doc-${start + offset}`,
        })),
      );
      created.push(...batch.results);
    }
    const probe = created.filter((_, index) => index % 10 === 0);
    for (;;) {
      const statuses = await Promise.all(probe.map((row) => sdk.memories.status(row.ingestion_id)));
      if (statuses.some((status) => status.status === 'completed')) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    // Look at the queue with a worker-less server: the kill must have left work behind.
    const inspector = await serve(0);
    const atKill = await Promise.all(
      created.map((row) => sdkFor(inspector.url, apiKey).memories.status(row.ingestion_id)),
    );
    inspector.child.kill('SIGTERM');
    await new Promise((resolve) => inspector.child.once('exit', resolve));
    const pendingAtKill = atKill.filter((status) => status.status !== 'completed').length;
    assert.ok(pendingAtKill > 0, `the kill happened mid-ingestion (${pendingAtKill} of ${count} pending)`);
    assert.ok(
      atKill.filter((status) => status.status === 'processing').length <= 1,
      'one job was mid-flight at most',
    );

    const second = await serve();
    try {
      sdk = sdkFor(second.url, apiKey);
      // Hundreds of pollers at once: these idempotent reads retry a dropped connection, as a
      // real client does (on a saturated box a reset socket is not the server losing a job).
      const poller = new EngramClient({ apiKey, baseUrl: second.url, timeoutMs: 10_000 });
      const finals = await Promise.all(
        created.map((row) =>
          poller.memories.waitForCompletion(row.ingestion_id, {
            timeoutSeconds: 90,
            pollIntervalSeconds: 0.25,
          }),
        ),
      );
      assert.deepEqual(
        finals.filter((status) => status.status !== 'completed').map((status) => status.ingestion_id),
        [],
      );
      for (const [index, status] of finals.entries()) {
        const memories = await Promise.all((status.memory_ids ?? []).map((id) => sdk.memories.get(id)));
        const keys = memories.map((memory) => `${memory.memory_type}:${memory.content}`);
        assert.equal(new Set(keys).size, keys.length, `document ${index} has no duplicate memories`);
        assert.ok(
          memories.some((memory) => String(memory.content).includes(`Rex${index}`)),
          `document ${index} extracted`,
        );
      }
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  });
});
