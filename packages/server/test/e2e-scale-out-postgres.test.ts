// Scale-out on one PostgreSQL server: two API-only nodes and two `engram
// worker` processes. A write through node A is read through node B at once
// (record_message, memories.create, fetch, compaction); 200 ingestions
// complete, none lost and none duplicated, although a worker is killed with
// SIGKILL half-way and restarted; each user's ingestions ran one at a time,
// in the order they were queued, whichever worker ran them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { EngramClient } from '@engram/sdk';
import { type PostgresCluster, startPostgresCluster } from '@engram/store-postgres/test-support';
import pg from 'pg';
import {
  createInstanceByCli,
  ENGRAM_BIN,
  type EngramProcess,
  type EngramWorkerProcess,
  exited,
  serveEngram,
  startEngramWorker,
} from './support/engram-process.js';
import { postgresNodeEnv, until } from './support/postgres-nodes.js';
import { sdkFor } from './support/sdk-client.js';

const INGESTIONS = 200;
const USERS = 20;

// Each document names its own pet, so its memories are told apart from every other document's.
const documentOf = (index: number) =>
  [
    `Person${index}: I adopted a dog named Rex${index} in town${index}.`,
    ...Array.from(
      { length: 11 },
      (_, turn) => `Person${index}: On day ${turn} I visited museum${turn} with friend${index}x${turn}.`,
    ),
  ].join('\n');

describe('scale-out on PostgreSQL: two API nodes and two workers', () => {
  let cluster: PostgresCluster;
  let database: pg.Pool;
  let env: NodeJS.ProcessEnv;
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-scale-out-'));
  const apiNodes: EngramProcess[] = [];
  const workers: EngramWorkerProcess[] = [];
  let a: EngramClient;
  let b: EngramClient;

  const startWorker = () => startEngramWorker({ ...env, ENGRAM_WORKER_CONCURRENCY: '2' });

  before(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    database = new pg.Pool({ connectionString: url, max: 2 });
    // The cluster is stopped while this pool may still hold an idle connection.
    database.on('error', () => {});
    env = {
      ...postgresNodeEnv(url, dataDir),
      ENGRAM_JOB_LEASE_MS: '5000',
      ENGRAM_COMPACTION_THRESHOLD_TOKENS: '0',
    };
    // Six processes start at once on an empty database: the migrate command,
    // the CLI and four nodes all bring the schema up to date under the
    // advisory lock, and none of them fails on another's half-made schema.
    const apiEnv = { ...env, ENGRAM_WORKER_CONCURRENCY: '0' };
    const [migrated, created, nodeA, nodeB, first, second] = await Promise.all([
      promisify(execFile)(process.execPath, [ENGRAM_BIN, 'migrate', '--json'], { env }),
      createInstanceByCli(env, 'scale-out'),
      serveEngram(apiEnv),
      serveEngram(apiEnv),
      startWorker(),
      startWorker(),
    ]);
    assert.equal(JSON.parse(migrated.stdout).engine, 'postgres');
    const apiKey = created.api_key;
    apiNodes.push(nodeA, nodeB);
    workers.push(first, second);
    a = sdkFor(nodeA.url, apiKey);
    b = sdkFor(nodeB.url, apiKey);
  });

  after(async () => {
    for (const child of [...apiNodes, ...workers].map((process) => process.child)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    }
    await database?.end();
    await cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads through node B what was written through node A: messages, memories, fetch, compaction', async () => {
    const conversationId = randomUUID();
    await a.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'Lena: I moved to Porto in March and I work as a ceramicist.',
      user_id: 'lena',
    });
    await a.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'assistant',
      content: 'Noted: Porto since March, ceramics.',
      user_id: 'lena',
    });
    const recent = (await b.conversation.context.fetch({ conversation_id: conversationId }))
      .conversation_context?.recent_turns;
    assert.deepEqual(
      recent?.map((turn) => turn.role),
      ['user', 'assistant'],
      'both turns, at once',
    );

    const created = await a.memories.create({
      document: 'Lena: My sister Ines lives in Lisbon and keeps bees.',
      user_id: 'lena',
      document_id: 'doc-ines',
    });
    const done = await b.memories.waitForCompletion(created.ingestion_id, {
      timeoutSeconds: 30,
      pollIntervalSeconds: 0.1,
    });
    assert.equal(done.status, 'completed', 'a worker ran the ingestion node A queued');
    const fetched = await b.user.context.fetch({ user_id: 'lena', search_query: ['Ines bees'] });
    const contents = [...fetched.facts, ...fetched.preferences, ...fetched.episodes].map(
      (item) => item.content,
    );
    assert.ok(
      contents.some((content) => /Ines/.test(content)),
      `node B finds the memory: ${JSON.stringify(contents)}`,
    );
    for (const id of done.memory_ids ?? []) assert.equal((await b.memories.get(id)).memory_id, id);

    const trigger = await a.conversation.context.compact({ conversation_id: conversationId });
    const status = await until(async () => {
      const current = await b.conversation.context.getCompactionStatus({ conversation_id: conversationId });
      return current.status === 'in_progress' ? undefined : current;
    }, 'the compaction');
    assert.equal(status.status, 'completed', `compaction ended ${status.status}: ${status.error_message}`);
    assert.equal(status.compaction_id, trigger.compaction_id);
    const compacted = await b.conversation.context.getCompacted({ conversation_id: conversationId });
    assert.equal(compacted?.version, 1);
    const prompt = await b.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.compaction_id, trigger.compaction_id);
  });

  it('completes 200 ingestions with a worker SIGKILLed half-way: 0 lost, 0 duplicated, per-user order kept', async () => {
    const started = performance.now();
    const ingestionIds: string[] = [];
    for (let start = 0; start < INGESTIONS; start += 100) {
      const batch = await a.memories.batchCreate(
        Array.from({ length: 100 }, (_, offset) => {
          const index = start + offset;
          return {
            document: documentOf(index),
            user_id: `user-${index % USERS}`,
            document_id: `doc-${index}`,
          };
        }),
      );
      ingestionIds.push(...batch.results.map((row) => row.ingestion_id));
    }
    assert.equal(new Set(ingestionIds).size, INGESTIONS);

    // Kill the first worker while it holds a job, once some ingestions are done.
    const victim = workers[0] as EngramWorkerProcess;
    const prefix = `worker-${victim.child.pid}-`;
    const heldAtKill = await until(async () => {
      const { rows } = await database.query<{ done: number; held: number }>(
        `SELECT count(*) FILTER (WHERE status = 'completed')::int AS done,
                count(*) FILTER (WHERE status = 'processing' AND starts_with(worker_id, $1))::int AS held
         FROM jobs WHERE kind = 'ingest-document' AND job_id = ANY ($2)`,
        [prefix, ingestionIds],
      );
      const row = rows[0];
      return row && row.done >= INGESTIONS / 4 && row.held > 0 ? row : undefined;
    }, 'the first worker to hold a job');
    victim.child.kill('SIGKILL');
    await exited(victim.child);
    assert.ok(heldAtKill.done < INGESTIONS, 'the kill happened mid-way');
    workers[0] = await startWorker();

    // Every ingestion ends completed, read through node B.
    const finals = await Promise.all(
      ingestionIds.map((id) =>
        b.memories.waitForCompletion(id, { timeoutSeconds: 60, pollIntervalSeconds: 0.2 }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(
      finals.filter((status) => status.status !== 'completed').map((status) => status.ingestion_id),
      [],
      '0 lost',
    );

    // Counted in PostgreSQL itself.
    const jobs = await database.query<{ status: string; n: number; retried: number }>(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS retried
       FROM jobs WHERE job_id = ANY ($1) GROUP BY status`,
      [ingestionIds],
    );
    assert.deepEqual(
      jobs.rows.map((row) => [row.status, row.n]),
      [['completed', INGESTIONS]],
    );
    const retried = jobs.rows[0]?.retried ?? 0;
    assert.ok(retried >= heldAtKill.held, `the killed worker's ${heldAtKill.held} job(s) ran again`);
    const memories = await database.query<{ document_id: string; total: number; distinct_contents: number }>(
      `SELECT source_document_id AS document_id, count(*)::int AS total,
              count(DISTINCT type || ':' || content)::int AS distinct_contents
       FROM memories WHERE source_ingestion_id = ANY ($1) GROUP BY source_document_id`,
      [ingestionIds],
    );
    assert.equal(memories.rows.length, INGESTIONS, 'every document has memories');
    const duplicated = memories.rows.filter((row) => row.total !== row.distinct_contents);
    assert.deepEqual(duplicated, [], '0 duplicated');
    const pets = await database.query<{ n: number }>(
      `SELECT count(DISTINCT source_document_id)::int AS n FROM memories
       WHERE source_ingestion_id = ANY ($1) AND content ~ ('Rex' || substr(source_document_id, 5) || '\\M')`,
      [ingestionIds],
    );
    assert.equal(pets.rows[0]?.n, INGESTIONS, "each document's own dog was extracted from it");

    // Per user: each job ran after the previous one of that user. A job's
    // completed_at is read after its claim returned, which was after its
    // predecessor's completion committed, so completions are strictly in
    // order. Its started_at is the claimer's clock read just *before* its
    // claim statement, which may then wait (pool, a busy CPU) while the
    // predecessor's completion commits: a start may precede that completion
    // by the claim's own latency, never by more (bounded here at 2 s; the
    // worker-pool conformance suite proves no overlap without clocks).
    const CLAIM_LATENCY_MS = 2000;
    const order = await database.query<{ serial_key: string; started_at: string; completed_at: string }>(
      `SELECT serial_key, started_at, completed_at FROM jobs WHERE job_id = ANY ($1)
       ORDER BY serial_key, queued_at, job_id`,
      [ingestionIds],
    );
    const keys = new Set(order.rows.map((row) => row.serial_key));
    assert.equal(keys.size, USERS);
    for (const [index, row] of order.rows.entries()) {
      const previous = order.rows[index - 1];
      if (previous?.serial_key !== row.serial_key) continue;
      assert.ok(
        row.completed_at > previous.completed_at,
        `${row.serial_key}: completed after its predecessor`,
      );
      assert.ok(
        Date.parse(row.started_at) >= Date.parse(previous.completed_at) - CLAIM_LATENCY_MS,
        `${row.serial_key}: started after its predecessor completed (${row.started_at} vs ${previous.completed_at})`,
      );
    }
    process.stdout.write(
      `# scale-out: ${INGESTIONS} ingestions in ${seconds.toFixed(1)} s across 2 workers; ` +
        `SIGKILL at ${heldAtKill.done} done with ${heldAtKill.held} held; ${retried} retried; ` +
        `${memories.rows.reduce((sum, row) => sum + row.total, 0)} memories, 0 lost, 0 duplicated\n`,
    );
  });
});
