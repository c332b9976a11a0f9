// PostgreSQL stopped under running nodes: an API node answers fetches and
// writes with 503 {"detail"} (no crash, no hang, no driver text), a worker's
// readiness endpoint answers 503; once the database is back both recover by
// themselves (the same processes): fetches answer 200, a write is queued and
// a worker completes it, and the worker reports ready again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, type PostgresCluster, startPostgresCluster } from '@engram/store-postgres/test-support';
import {
  createInstanceByCli,
  type EngramProcess,
  type EngramWorkerProcess,
  exited,
  serveEngram,
  startEngramWorker,
} from './support/engram-process.js';
import { postgresNodeEnv, until } from './support/postgres-nodes.js';

describe('PostgreSQL down and back under running nodes', () => {
  let cluster: PostgresCluster;
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-db-down-'));
  let api: EngramProcess;
  let worker: EngramWorkerProcess;
  let healthUrl: string;
  let apiKey: string;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const fetchContext = () =>
    call('POST', '/v1/context/user/fetch', { user_id: 'lena', search_query: ['Porto'] });
  const health = async () => {
    const response = await fetch(healthUrl);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    const env = { ...postgresNodeEnv(url, dataDir), ENGRAM_JOB_RETRY_BASE_MS: '100' };
    apiKey = (await createInstanceByCli(env, 'db-down')).api_key;
    api = await serveEngram({ ...env, ENGRAM_WORKER_CONCURRENCY: '0' });
    worker = await startEngramWorker({
      ...env,
      ENGRAM_WORKER_CONCURRENCY: '1',
      ENGRAM_WORKER_HEALTH_PORT: String(await freePort()),
    });
    const match = /"health_url":"([^"]+)"/.exec(worker.output());
    assert.ok(match?.[1], `the worker logs its health URL: ${worker.output()}`);
    healthUrl = match[1];
  });

  after(async () => {
    for (const child of [api?.child, worker?.child]) {
      if (child === undefined) continue;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    }
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 {"detail"} while the database is stopped, and recovers when it returns', async () => {
    const created = await call('POST', '/api/v1/memories/create', {
      document: 'Lena: I moved to Porto in March.',
      user_id: 'lena',
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal((await fetchContext()).status, 200);
    const ready = await health();
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    assert.equal(ready.body.database, 'reachable');

    await cluster.stop();
    const fetched = await fetchContext();
    assert.equal(fetched.status, 503, JSON.stringify(fetched.body));
    assert.equal(typeof fetched.body.detail, 'string');
    assert.doesNotMatch(String(fetched.body.detail), /ECONNREFUSED|127\.0\.0\.1|postgres:\/\//);
    const written = await call('POST', '/api/v1/memories/create', {
      document: 'Lena: My sister Ines keeps bees.',
      user_id: 'lena',
    });
    assert.equal(written.status, 503, JSON.stringify(written.body));
    assert.equal(typeof written.body.detail, 'string');
    const notReady = await health();
    assert.equal(notReady.status, 503, JSON.stringify(notReady.body));
    assert.equal(typeof notReady.body.detail, 'string');
    assert.equal(api.child.exitCode, null, 'the API node is still running');
    assert.equal(worker.child.exitCode, null, 'the worker is still running');

    await cluster.start();
    await until(async () => ((await fetchContext()).status === 200 ? true : undefined), 'a fetch to succeed');
    const again = await call('POST', '/api/v1/memories/create', {
      document: 'Lena: My sister Ines keeps bees.',
      user_id: 'lena',
    });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const ingestionId = String(again.body.ingestion_id);
    await until(async () => {
      const status = await call('GET', `/api/v1/memories/status/${ingestionId}`);
      return status.body.status === 'completed' ? true : undefined;
    }, 'the worker to complete the ingestion queued after the restart');
    const recovered = await until(async () => {
      const answer = await health();
      return answer.status === 200 ? answer : undefined;
    }, 'the worker to report ready');
    assert.ok(Number((recovered.body.workers as { jobs_claimed: number }).jobs_claimed) >= 2);
  });
});
