// `npm run bench:ingest [path-to-locomo.json]`: ingests every LoCoMo session
// through POST /api/v1/memories/create (the protocol in
// ../shared/datasets/README.md) and reports documents/s and turns/s to
// `completed`, memories per session and the server's peak RSS. Baseline in the
// same run: the same turns through the light path (messages/batch).
// `--store postgres` runs it all twice in one run, on SQLite and then on a
// throw-away durable PostgreSQL cluster (ENGRAM_DATABASE_URL), and prints
// the figures side by side. `--baseline DIR` measures another built checkout
// too (SQLite), alternating trees over `--rounds`; each pass also reports the
// server's CPU time per document (its process tree, from /proc), the steadier
// figure on a shared box.
import { randomUUID } from 'node:crypto';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIngestionDocuments, DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { startBenchPostgres } from '../support/bench-postgres.js';
import { startEngramServer } from '../support/engram-server-process.js';
import { mapWithConcurrency } from '../support/map-with-concurrency.js';
import { cpuSecondsOfProcessGroup, peakRssOfProcessGroup } from '../support/process-memory.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: 'string', default: '4' },
    mode: { type: 'string', default: 'long-range' },
    // One producer per conversation by default: ten agents writing at once,
    // each sending its sessions in order. 1 sends every session one by one.
    producers: { type: 'string' },
    /** `postgres`: measure PostgreSQL too, in the same run, next to SQLite. */
    store: { type: 'string', default: 'sqlite' },
    /** Runs the server of another built checkout (a baseline tree, e.g. main), not this one. */
    root: { type: 'string' },
    /** Also measures this built checkout (SQLite), in the same run, alternating with this tree. */
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres')
  throw new Error('--store is sqlite or postgres');
const samples = await loadLocomo(positionals[0] ?? DEFAULT_LOCOMO_PATH);
const documents = samples.flatMap((sample) =>
  buildIngestionDocuments(sample).map((document) => ({ sample: sample.sampleId, ...document })),
);
const producers = Math.max(1, Math.min(samples.length, Number(values.producers ?? samples.length)));
if (!Number.isInteger(producers)) throw new Error('--producers must be a whole number');
const turnCount = documents.reduce((sum, document) => sum + document.text.split('\n').length, 0);

/** One store's figures. */
interface IngestRun {
  cold: { seconds: number; queuedSeconds: number; cpuSeconds: number | undefined };
  warm: { seconds: number; queuedSeconds: number; cpuSeconds: number | undefined };
  baselineSeconds: number;
  lines: number;
  failed: number;
  created: number;
  linked: number;
  rss: number | undefined;
}

/** Starts a server with `storeEnv` (its store) from `root`, runs the baseline and both passes, stops it. */
async function measure(storeEnv: Record<string, string>, root: string | undefined): Promise<IngestRun> {
  // Threshold compaction off: the baseline writes one long conversation, which would keep compacting.
  const server = await startEngramServer({
    env: {
      ...storeEnv,
      ENGRAM_WORKER_CONCURRENCY: values.workers,
      ENGRAM_COMPACTION_THRESHOLD_TOKENS: '0',
      // The GloVe cache is built once per machine (about 3.5 s, the first start
      // of a server); kept across runs so the cold pass measures a cold process.
      ENGRAM_MODEL_CACHE_DIR: join(tmpdir(), 'engram-bench-models'),
    },
    ...(root !== undefined && { root }),
    // Server errors are printed, so a failed ingestion comes with its cause.
    onOutput: (line) => {
      if (/"level":"(error|warn)"/.test(line)) console.error(line.slice(0, 600));
    },
  });
  const headers = { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const status = async (id: string) => {
    const response = await fetch(`${server.url}/api/v1/memories/status/${id}`, { headers });
    return (await response.json()) as { status: string; memories_created: number; memory_ids: string[] };
  };

  try {
    // Baseline: the light write path with the same turns, in batches of 500.
    const lines = documents.flatMap((document) => document.text.split('\n'));
    const conversationId = randomUUID();
    const baselineStart = performance.now();
    for (let index = 0; index < lines.length; index += 500) {
      await post('/v1/conversations/messages/batch', {
        messages: lines
          .slice(index, index + 500)
          .map((content) => ({ conversation_id: conversationId, role: 'user', content })),
      });
    }
    const baselineSeconds = (performance.now() - baselineStart) / 1000;

    // Heavy path: every session queued in chronological order per sample, then
    // wait for all. Run twice into different users: the first pass includes the
    // server's cold start (JIT, lazy NLP tables); the second is steady state.
    const ingestAll = async (userPrefix: string) => {
      const started = performance.now();
      const cpuAtStart = cpuSecondsOfProcessGroup(server.processGroup);
      // Each producer sends its conversations' sessions in chronological order
      // (the per-user queue keeps that order); producers run side by side.
      const byProducer = Array.from({ length: producers }, () => [] as (typeof documents)[number][]);
      samples.forEach((sample, index) => {
        byProducer[index % producers]?.push(
          ...documents.filter((document) => document.sample === sample.sampleId),
        );
      });
      const idsByProducer = await mapWithConcurrency(byProducer, producers, async (queue) => {
        const ids: string[] = [];
        for (const document of queue) {
          const created = await post('/api/v1/memories/create', {
            document: document.text,
            document_type: 'ai-chat-conversation',
            document_id: `${userPrefix}${document.documentId}`,
            document_created_at: document.createdAt,
            user_id: `${userPrefix}${document.sample}`,
            customer_id: null,
            mode: values.mode,
            metadata: {},
          });
          ids.push(String(created.ingestion_id));
        }
        return ids;
      });
      const ingestionIds = idsByProducer.flat();
      const queuedSeconds = (performance.now() - started) / 1000;
      const results: { status: string; memories_created: number; memory_ids: string[] }[] = [];
      for (const id of ingestionIds) {
        for (;;) {
          const current = await status(id);
          if (current.status !== 'queued' && current.status !== 'processing') {
            results.push(current);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      const cpuAtEnd = cpuSecondsOfProcessGroup(server.processGroup);
      const cpuSeconds =
        cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : cpuAtEnd - cpuAtStart;
      return { seconds: (performance.now() - started) / 1000, queuedSeconds, cpuSeconds, results };
    };
    const cold = await ingestAll('');
    const warm = await ingestAll('warm-');
    const { results } = cold;
    const failed = [...cold.results, ...warm.results].filter(
      (result) => result.status !== 'completed',
    ).length;
    const created = results.reduce((sum, result) => sum + result.memories_created, 0);
    const linked = results.reduce((sum, result) => sum + result.memory_ids.length, 0);
    const rss = peakRssOfProcessGroup(server.processGroup);
    return {
      cold: { seconds: cold.seconds, queuedSeconds: cold.queuedSeconds, cpuSeconds: cold.cpuSeconds },
      warm: { seconds: warm.seconds, queuedSeconds: warm.queuedSeconds, cpuSeconds: warm.cpuSeconds },
      baselineSeconds,
      lines: lines.length,
      failed,
      created,
      linked,
      rss,
    };
  } finally {
    await server.stop();
  }
}

const trees: { name: string; root: string | undefined }[] = [{ name: '', root: values.root }];
if (values.baseline !== undefined) {
  trees[0] = { name: ', this tree', root: values.root };
  trees.unshift({ name: ', baseline', root: resolve(values.baseline) });
}
const runs: { store: string; run: IngestRun }[] = [];
for (let round = 0; round < Math.max(1, Number(values.rounds)); round += 1) {
  // Alternate which tree goes first, so neither always meets the box's quieter moments.
  for (const tree of round % 2 === 0 ? trees : [...trees].reverse())
    runs.push({ store: `SQLite${tree.name}`, run: await measure({}, tree.root) });
}
let postgresNote = '';
if (values.store === 'postgres') {
  const postgres = await startBenchPostgres();
  try {
    postgresNote = `PostgreSQL: ${postgres.description}`;
    runs.push({
      store: 'PostgreSQL',
      run: await measure({ ENGRAM_DATABASE_URL: postgres.url }, values.root),
    });
  } finally {
    await postgres.cluster.destroy();
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const report = [
  `bench:ingest — ${new Date().toISOString()} — ${machine}`,
  `${documents.length} LoCoMo sessions, ${turnCount} turns, mode ${values.mode}, ${values.workers} workers, ${producers} producers (one per conversation, sessions in order), offline pipeline (no LLM)`,
  ...(postgresNote ? [postgresNote] : []),
  '',
  '| store | path | documents/s | turns/s | seconds | server CPU ms / document |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
];
const cpuPerDocument = (cpuSeconds: number | undefined) =>
  cpuSeconds === undefined ? '–' : ((cpuSeconds * 1000) / documents.length).toFixed(2);
for (const { store, run } of runs) {
  report.push(
    `| ${store} | memories.create → completed, first pass (new process, model cache built) | ${(documents.length / run.cold.seconds).toFixed(1)} | ${(turnCount / run.cold.seconds).toFixed(0)} | ${run.cold.seconds.toFixed(2)} | ${cpuPerDocument(run.cold.cpuSeconds)} |`,
    `| ${store} | memories.create → completed, second pass (warm, new users) | ${(documents.length / run.warm.seconds).toFixed(1)} | ${(turnCount / run.warm.seconds).toFixed(0)} | ${run.warm.seconds.toFixed(2)} | ${cpuPerDocument(run.warm.cpuSeconds)} |`,
    `| ${store} | baseline: same turns via messages/batch | – | ${(run.lines / run.baselineSeconds).toFixed(0)} | ${run.baselineSeconds.toFixed(2)} | – |`,
  );
}
report.push('');
for (const { store, run } of runs) {
  report.push(
    `${store}: queued in ${run.cold.queuedSeconds.toFixed(2)} s (cold) / ${run.warm.queuedSeconds.toFixed(2)} s (warm); failed: ${run.failed}; ` +
      `memories created: ${run.created} (${(run.created / documents.length).toFixed(1)} per session); memory ids per session incl. merges: ${(run.linked / documents.length).toFixed(1)}; ` +
      `server peak RSS: ${run.rss === undefined ? 'n/a' : `${(run.rss / 2 ** 20).toFixed(0)} MiB`}`,
  );
}
report.push('LLM calls: 0 (rule-based extractor, GloVe embeddings)');
console.log(report.join('\n'));
