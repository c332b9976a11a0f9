// The two roles on one SQLite data directory: `engram serve` with
// ENGRAM_WORKER_CONCURRENCY=0 answers requests and runs no job; `engram
// worker` runs the jobs, listens on no port, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  createInstanceByCli,
  ENGRAM_BIN,
  exited,
  serveEngram,
  startEngramWorker,
} from './support/engram-process.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE } from './support/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'engram-worker-role-'));
const env = {
  ...process.env,
  ENGRAM_DATA_DIR: dataDir,
  ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
  ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
  ENGRAM_JOB_POLL_MS: '50',
  ENGRAM_FETCH_CACHE_ENTRIES: '0',
};

/** TCP ports `pid` listens on, read from /proc (its socket inodes matched against the LISTEN rows). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl local_address rem_address st ... inode (10th)
      if (fields[3] === '0A' && fields[9] !== undefined && inodes.has(fields[9]))
        ports.push(Number.parseInt(fields[1]?.split(':')[1] ?? '0', 16));
    }
  }
  return ports;
}

describe('roles: API-only serve and engram worker', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves jobs to the worker, which runs them with no listener and stops on SIGTERM', async () => {
    const { api_key: apiKey } = await createInstanceByCli(env, 'roles');
    const api = await serveEngram({ ...env, ENGRAM_WORKER_CONCURRENCY: '0' });
    try {
      const sdk = sdkFor(api.url, apiKey);
      const created = await sdk.memories.create({
        document: 'Ana: I adopted a greyhound named Comet last spring.',
        user_id: 'ana',
        document_id: 'doc-comet',
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(
        (await sdk.memories.status(created.ingestion_id)).status,
        'queued',
        'the API-only node runs no job',
      );

      const worker = await startEngramWorker({ ...env, ENGRAM_WORKER_CONCURRENCY: '2' });
      const pid = worker.child.pid as number;
      const done = await sdk.memories.waitForCompletion(created.ingestion_id, {
        timeoutSeconds: 30,
        pollIntervalSeconds: 0.1,
      });
      assert.equal(done.status, 'completed');
      assert.ok((done.memory_ids ?? []).length > 0, 'the worker extracted memories');
      assert.deepEqual(listeningPorts(pid), [], 'the worker listens on no port');
      assert.ok(!worker.output().includes('server-listening'));

      const started = performance.now();
      worker.child.kill('SIGTERM');
      assert.equal(await exited(worker.child), 0, 'a clean exit on SIGTERM');
      assert.ok(performance.now() - started < 10_000, 'it stops promptly');
      assert.match(worker.output(), /"event":"worker-stopped"/);
    } finally {
      api.child.kill('SIGTERM');
      await exited(api.child);
    }
  });

  it('refuses to start a worker that would run nothing', async () => {
    const result = await promisify(execFile)(process.execPath, [ENGRAM_BIN, 'worker'], {
      env: { ...env, ENGRAM_WORKER_CONCURRENCY: '0' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /workerConcurrency.*at least 1 for `engram worker`/);
  });
});
