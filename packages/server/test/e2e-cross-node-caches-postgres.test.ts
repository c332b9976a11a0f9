// Per-process caches across nodes on one PostgreSQL server: two `engram
// serve` processes with the fetch result cache on. Node B answers a
// repeated fetch from its cache; a write through node A then reaches B's
// cache through LISTEN/NOTIFY, so B's next fetch sees it at once instead of
// after the cache lifetime (5 minutes for a user fetch). The same for an
// instance's rate-limit override, which B remembers for 10 seconds.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngramClient } from '@engram/sdk';
import { type PostgresCluster, startPostgresCluster } from '@engram/store-postgres/test-support';
import pg from 'pg';
import { createInstanceByCli, type EngramProcess, exited, serveEngram } from './support/engram-process.js';
import { postgresNodeEnv } from './support/postgres-nodes.js';

describe('caches across nodes on PostgreSQL: a write on A, a fetch on B', () => {
  let cluster: PostgresCluster;
  let database: pg.Pool;
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-cross-node-'));
  const nodes: EngramProcess[] = [];
  let a: EngramClient;
  let b: EngramClient;
  let instanceId: string;
  let apiKey: string;

  before(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    database = new pg.Pool({ connectionString: url, max: 2 });
    // The cluster is stopped while this pool may still hold an idle connection.
    database.on('error', () => {});
    // Both nodes run workers: the fetch result cache is on in each.
    const env = { ...postgresNodeEnv(url, dataDir), ENGRAM_WORKER_CONCURRENCY: '1' };
    const created = await createInstanceByCli(env, 'cross-node');
    apiKey = created.api_key;
    instanceId = created.instance_id;
    nodes.push(await serveEngram(env), await serveEngram(env));
    // A long timeout: each node embeds and extracts on its main thread, and this box may be loaded.
    const client = (node: EngramProcess) =>
      new EngramClient({ apiKey, baseUrl: node.url, retry: false, timeoutMs: 60_000 });
    a = client(nodes[0] as EngramProcess);
    b = client(nodes[1] as EngramProcess);
  });

  after(async () => {
    for (const { child } of nodes) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    }
    await database?.end();
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ingest = async (client: EngramClient, document: string, documentId: string) => {
    const created = await client.memories.create({ document, user_id: 'lena', document_id: documentId });
    const done = await client.memories.waitForCompletion(created.ingestion_id, {
      timeoutSeconds: 90,
      pollIntervalSeconds: 0.1,
    });
    assert.equal(done.status, 'completed');
  };
  const contentsOf = (response: Awaited<ReturnType<EngramClient['user']['context']['fetch']>>) =>
    [...response.facts, ...response.preferences, ...response.episodes].map((item) => item.content);

  it('drops B’s cached fetch when A writes to the scope', async () => {
    await ingest(a, 'Lena: I moved to Porto in March and I work as a ceramicist.', 'doc-porto');
    const request = { user_id: 'lena', search_query: ['sister Ines Lisbon bees'] };
    const first = await b.user.context.fetch(request);
    const again = await b.user.context.fetch(request);
    assert.equal(again.metadata.source, 'cache', 'B answers the repeated fetch from its cache');
    assert.ok(!contentsOf(first).some((content) => /Ines/.test(content)));

    await ingest(a, 'Lena: My sister Ines lives in Lisbon and keeps bees.', 'doc-ines');
    const started = performance.now();
    const after = await b.user.context.fetch(request);
    const ms = performance.now() - started;
    assert.equal(after.metadata.source, 'cloud', 'the cached answer was dropped');
    assert.ok(
      contentsOf(after).some((content) => /Ines/.test(content)),
      `B sees A's write: ${JSON.stringify(contentsOf(after))}`,
    );
    process.stdout.write(`# node B's first fetch after node A's write: ${ms.toFixed(1)} ms, source cloud\n`);
  });

  it('drops B’s remembered rate limit when the instance settings change elsewhere', async () => {
    const fetchOnB = () => b.user.context.fetch({ user_id: 'lena', search_query: ['Porto'] });
    await fetchOnB(); // B reads and remembers the (absent) override
    // The operator's change, made by another process straight in the shared database.
    await database.query(
      `UPDATE instances SET settings = '{"rate_limit_per_second":1,"rate_limit_burst":1}' WHERE instance_id = $1`,
      [instanceId],
    );
    const stored = await database.query<{ settings: string }>(
      'SELECT settings FROM instances WHERE instance_id = $1',
      [instanceId],
    );
    assert.match(stored.rows[0]?.settings ?? '', /rate_limit/);
    // Without the notification B would keep the old (unlimited) bucket for 10 s.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        await fetchOnB().then(
          () => 200,
          (error: { status?: number }) => error.status ?? 0,
        ),
      );
    }
    assert.ok(statuses.includes(429), `B limits at once: ${statuses.join(', ')}`);
  });
});
