// `npx tsx bench/storage/bench-storage.ts`: latency of the SQLite storage
// ports on a file of 100k memories (100-d vectors): applyIngestion of chat
// sessions, exact vector search per scope (1k and 50k memories), full-text
// search per scope, and job claims. Prints a table; writes nothing but a
// temporary database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { IngestionChanges, MemoryInsert, MemoryOwner, StoredEntity } from '@engram/core';
import { newUuidV7, scopeKeyOf } from '@engram/core';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { formatMs, type LatencySummary, summariseLatencies } from '../support/latency-stats.js';
import { syntheticSessionChanges } from '../support/synthetic-ingestion.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '50' },
    'per-user': { type: 'string', default: '1000' },
    'big-user': { type: 'string', default: '50000' },
    dimensions: { type: 'string', default: '100' },
    queries: { type: 'string', default: '200' },
  },
});
const users = Number(values.users);
const perUser = Number(values['per-user']);
const bigUser = Number(values['big-user']);
const dimensions = Number(values.dimensions);
const queries = Number(values.queries);
const SESSION = 20;

// Zipf-distributed words (s = 1), as in natural text: the commonest is in
// about three rows of four, most are rare. Queries draw content words (rank
// 50 and below, since callers drop stopwords) or, as a worst case, the
// twenty commonest words.
const vocabulary = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}x`);
const cumulative: number[] = [];
vocabulary.reduce((total, _, rank) => {
  cumulative.push(total + 1 / (rank + 1));
  return total + 1 / (rank + 1);
}, 0);
function zipfWord(): string {
  const target = Math.random() * (cumulative.at(-1) as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((cumulative[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return vocabulary[low] as string;
}
const sentence = () => Array.from({ length: 12 }, zipfWord).join(' ');
const contentTerm = () => vocabulary[50 + Math.floor(Math.random() * (vocabulary.length - 50))] as string;
const commonTerm = () => vocabulary[Math.floor(Math.random() * 20)] as string;

function unitVector(): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < dimensions; index += 1) vector[index] = Math.random() - 0.5;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function owner(instanceId: string, userId: string): MemoryOwner {
  const scopeKey = scopeKeyOf(instanceId, 'user', { customerId: userId, userId });
  return { instanceId, scope: 'user', customerId: userId, userId, conversationId: undefined, scopeKey };
}

function session(who: MemoryOwner, day: number): IngestionChanges {
  const documentId = newUuidV7();
  const at = new Date(Date.UTC(2025, 0, 1) + day * 60_000).toISOString();
  const entities: StoredEntity[] = ['Ann', 'Bob', 'Lisbon'].map((name) => ({
    entityId: newUuidV7(),
    scopeKey: who.scopeKey,
    canonicalName: `${name} ${day}`,
    type: 'person',
    aliases: [name],
    mentionCount: 1,
  }));
  const inserts: MemoryInsert[] = Array.from({ length: SESSION }, () => {
    const content = sentence();
    return {
      memory: {
        memoryId: newUuidV7(),
        owner: who,
        type: 'fact',
        content,
        confidence: 0.8,
        subject: 'Ann',
        attribute: undefined,
        value: undefined,
        eventDate: undefined,
        validUntil: undefined,
        temporalCategory: 'perpetual',
        temporalConfidence: 0.9,
        details: {},
        sourceDocumentId: documentId,
        sourceIngestionId: documentId,
        sourceDocumentType: 'ai-chat-conversation',
        sourceDocumentCreatedAt: at,
        sourceEvidence: [`Ann: ${content}`],
        mentionCount: 1,
        supersededBy: undefined,
        extractor: 'rules',
        metadata: {},
        extractedAt: at,
        createdAt: at,
        updatedAt: at,
      },
      embedding: unitVector(),
      searchText: content,
      entityIds: entities.map((entity) => entity.entityId),
    };
  });
  return syntheticSessionChanges({
    owner: who,
    documentId,
    content: inserts.map((insert) => insert.searchText).join('\n'),
    at,
    inserts,
    entities,
  });
}

/** Wall-clock and CPU time of each call. */
interface Measured {
  wall: LatencySummary;
  cpu: LatencySummary;
}

// CPU time is reported beside wall time: on a shared machine, wall-clock
// tails mostly measure other processes holding the cores.
async function measure(count: number, run: (index: number) => Promise<unknown>): Promise<Measured> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await run(index);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: summariseLatencies(wall), cpu: summariseLatencies(cpu) };
}

const rows: [string, Measured][] = [];
const directory = mkdtempSync(join(tmpdir(), 'engram-bench-storage-'));
const store = SqliteEngramStore.open(join(directory, 'bench.db'));
try {
  const instanceId = `inst_${randomBytes(8).toString('hex')}`;
  const small = Array.from({ length: users }, (_, index) => owner(instanceId, `user-${index}`));
  const big = owner(instanceId, 'big-user');
  const plan = [
    ...small.flatMap((who) => Array.from({ length: perUser / SESSION }, () => who)),
    ...Array.from({ length: bigUser / SESSION }, () => big),
  ].sort(() => Math.random() - 0.5);
  const loadStarted = performance.now();
  rows.push([
    `applyIngestion (${SESSION} memories, ${dimensions}-d)`,
    await measure(plan.length, (index) =>
      store.memories.applyIngestion(session(plan[index] as MemoryOwner, index)),
    ),
  ]);
  const loaded = plan.length * SESSION;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const one = small[0] as MemoryOwner;
  const terms = () => [contentTerm(), contentTerm(), contentTerm()];
  const commonTerms = () => [commonTerm(), commonTerm(), commonTerm()];
  rows.push([
    `vector nearest, scope of ${perUser}`,
    await measure(queries, () => store.vectors.nearest([one.scopeKey], unitVector(), 10)),
  ]);
  rows.push([
    `vector nearest, scope of ${bigUser}`,
    await measure(Math.min(queries, 50), () => store.vectors.nearest([big.scopeKey], unitVector(), 10)),
  ]);
  rows.push([
    `text search, scope of ${perUser} (${loaded} rows)`,
    await measure(queries, () => store.text.search([one.scopeKey], terms(), 10)),
  ]);
  rows.push([
    `text search, scope of ${perUser}, commonest words`,
    await measure(queries, () => store.text.search([one.scopeKey], commonTerms(), 10)),
  ]);
  rows.push([
    `text search, scope of ${bigUser}`,
    await measure(queries, () => store.text.search([big.scopeKey], terms(), 10)),
  ]);
  rows.push([
    `text search, scope of ${bigUser}, commonest words`,
    await measure(Math.min(queries, 50), () => store.text.search([big.scopeKey], commonTerms(), 10)),
  ]);
  rows.push([
    `listRecent 10, scope of ${bigUser}`,
    await measure(queries, () => store.memories.listRecent([big.scopeKey, one.scopeKey], 10)),
  ]);

  // The queue: 1,000 pending jobs over 100 serial keys behind 10,000 finished ones.
  const base = Date.UTC(2026, 0, 1);
  const iso = (offset: number) => new Date(base + offset).toISOString();
  for (let index = 0; index < 11_000; index += 1) {
    await store.jobs.enqueue({
      jobId: newUuidV7(),
      instanceId,
      kind: 'ingest-document',
      serialKey: `scope-${index % 100}`,
      payload: { index },
      queuedAt: iso(index),
    });
  }
  for (let index = 0; index < 10_000; index += 1) {
    const job = await store.jobs.claim(['ingest-document'], 'warm', iso(20_000), iso(12_000));
    if (job)
      await store.jobs.finish(job.jobId, 'warm', { status: 'completed', result: {}, completedAt: iso(0) });
  }
  rows.push([
    'claim + finish (1k pending, 10k done)',
    await measure(1000, async () => {
      const job = await store.jobs.claim(['ingest-document'], 'w', iso(20_000), iso(12_000));
      if (job)
        await store.jobs.finish(job.jobId, 'w', { status: 'completed', result: {}, completedAt: iso(0) });
    }),
  ]);
  rows.push([
    'claim alone (1k pending, 10k done)',
    await (async (): Promise<Measured> => {
      for (let index = 0; index < 1000; index += 1) {
        await store.jobs.enqueue({
          jobId: newUuidV7(),
          instanceId,
          kind: 'ingest-document',
          serialKey: `later-${index}`,
          payload: {},
          queuedAt: iso(30_000 + index),
        });
      }
      return measure(1000, () => store.jobs.claim(['ingest-document'], 'w', iso(99_000), iso(40_000)));
    })(),
  ]);

  const name = (label: string) => label.padEnd(46);
  process.stdout.write(`${loaded} memories loaded in ${loadSeconds.toFixed(1)} s\n`);
  const headings = ['p50', 'p95', 'max', 'cpu p50', 'cpu p95'].map((heading) => heading.padStart(8));
  process.stdout.write(`${name('operation (milliseconds)')} ${headings.join(' ')}\n`);
  for (const [label, { wall, cpu }] of rows) {
    const cells = [wall.p50, wall.p95, wall.max, cpu.p50, cpu.p95].map((value) =>
      formatMs(value).padStart(8),
    );
    process.stdout.write(`${name(label)} ${cells.join(' ')}\n`);
  }
} finally {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
}
