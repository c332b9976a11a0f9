// Offline LoCoMo evaluation of the retrieval pipeline, in-process: each sample
// is ingested (rule-based extraction, GloVe embeddings, long-range) into its own
// temporary SQLite store, then every question is fetched in fast and accurate
// mode and scored with the protocol's scorer (bench/locomo/scoring.ts). The
// dataset is read from shared/ at run time and never copied.
//
//   npx tsx bench/retrieval/evaluate-retrieval.ts [--samples N] [--modes fast,accurate]
//       [--cache-dir /tmp/engram-locomo-eval] [--tuning '{"fusionWeights":{...}}'] [--constants JSON] [--reingest]
//
// Ingested stores are kept in the cache folder, so tuning runs skip ingestion.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { SqliteEngramStore } from '@engram/store-sqlite';
import { scopeKeyOf } from '../../packages/core/src/domain/scope-key.js';
import { RuleBasedExtractor } from '../../packages/core/src/ingestion/extraction/rule-based-extractor.js';
import { parseDocument } from '../../packages/core/src/ingestion/parse-document.js';
import { ingestDocument } from '../../packages/core/src/ingestion-pipeline/ingest-document.js';
import { systemClock } from '../../packages/core/src/ports/clock.js';
import type { FetchTarget } from '../../packages/core/src/retrieval/fetch-scope.js';
import {
  MemoryRetrievalPipeline,
  PRIOR_FACTORS,
  RERANK_WEIGHTS,
  type RetrievalTuning,
  SESSION_PRIOR,
} from '../../packages/core/src/retrieval/index.js';
import { buildIngestionDocuments, DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { formatScoreTable } from '../locomo/report-table.js';
import {
  aggregateScores,
  isScorable,
  type RankedItem,
  type ScoredQuestion,
  scoreQuestion,
  TurnIndex,
} from '../locomo/scoring.js';

const INSTANCE = 'inst_0000000000000e7a';
const { values: options } = parseArgs({
  options: {
    samples: { type: 'string' },
    modes: { type: 'string', default: 'fast,accurate' },
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    'glove-cache': { type: 'string', default: '/tmp/engram-glove-cache' },
    tuning: { type: 'string' },
    // Ablations: '{"PRIOR_FACTORS":{"personSubject":1},"SESSION_PRIOR":{"weight":0}}' overrides module constants.
    constants: { type: 'string' },
    reingest: { type: 'boolean', default: false },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
  },
});

const cacheDir = options['cache-dir'] as string;
mkdirSync(cacheDir, { recursive: true });
const samples = (await loadLocomo(options.dataset as string)).slice(
  0,
  options.samples ? Number(options.samples) : undefined,
);
const embedder = await createGloveEmbedder({ cacheDir: options['glove-cache'] as string });
const tuning = options.tuning ? (JSON.parse(options.tuning) as Partial<RetrievalTuning>) : undefined;
if (options.constants) {
  const overrides = JSON.parse(options.constants) as Record<string, Record<string, number>>;
  const targets: Record<string, object> = { PRIOR_FACTORS, SESSION_PRIOR, RERANK_WEIGHTS };
  for (const [name, values] of Object.entries(overrides)) Object.assign(targets[name] ?? {}, values);
}
const modes = (options.modes as string).split(',') as ('fast' | 'accurate')[];

const scored: Record<string, ScoredQuestion[]> = Object.fromEntries(modes.map((mode) => [mode, []]));
const latencies: Record<string, number[]> = Object.fromEntries(modes.map((mode) => [mode, []]));
let memoryTotal = 0;

for (const sample of samples) {
  const path = join(cacheDir, `${sample.sampleId}.db`);
  const done = `${path}.done`;
  if (options.reingest || !existsSync(done)) {
    for (const file of [path, `${path}-wal`, `${path}-shm`, done]) rmSync(file, { force: true });
    await ingestSample(path, sample);
    writeFileSync(done, new Date().toISOString());
  }
  const store = SqliteEngramStore.open(path);
  const pipeline = new MemoryRetrievalPipeline({
    memories: store.memories,
    vectors: store.vectors,
    text: store.text,
    graph: store.graph,
    embedder: async () => embedder,
    clock: systemClock,
    tuning,
  });
  const target: FetchTarget = {
    scope: 'user',
    instanceId: INSTANCE,
    clientId: 'cli_0000000000000e7a',
    userId: sample.sampleId,
    customerId: sample.sampleId,
    conversationId: undefined,
    includeClientContext: true,
  };
  memoryTotal += await store.memories.countMemories([userKey(sample.sampleId)]);
  const index = new TurnIndex(sample.turns);
  for (const mode of modes) {
    for (const question of sample.questions.filter(isScorable)) {
      const request = baseFetchRequestSchema.parse({
        search_query: [question.question],
        max_results: 50,
        mode,
      });
      const started = performance.now();
      const lists = await pipeline.retrieve(target, request);
      latencies[mode]?.push(performance.now() - started);
      const items: RankedItem[] = Object.values(lists)
        .flat()
        .sort((left, right) => right.relevance_score - left.relevance_score)
        .map((item) => ({ text: item.content, sourceEvidence: item.source_evidence }));
      scored[mode]?.push({ category: question.category, score: scoreQuestion(items, question, index) });
    }
  }
  await store.close();
  process.stderr.write(`${sample.sampleId} done\n`);
}

console.log(`samples ${samples.length}, memories ${memoryTotal}`);
for (const mode of modes) {
  console.log(formatScoreTable(`\n${mode}`, aggregateScores(scored[mode] ?? [])));
  const sorted = [...(latencies[mode] ?? [])].sort((left, right) => left - right);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]?.toFixed(2);
  console.log(`latency ms: p50 ${at(0.5)}  p95 ${at(0.95)}  max ${at(1)}`);
}

function userKey(sampleId: string): string {
  return scopeKeyOf(INSTANCE, 'user', { customerId: sampleId, userId: sampleId });
}

async function ingestSample(path: string, sample: (typeof samples)[number]): Promise<void> {
  const store = SqliteEngramStore.open(path);
  const extractor = new RuleBasedExtractor();
  const started = performance.now();
  for (const document of buildIngestionDocuments(sample)) {
    await ingestDocument(
      `ing-${document.documentId}`,
      {
        documentId: document.documentId,
        text: document.text,
        documentType: 'ai-chat-conversation',
        documentCreatedAt: document.createdAt,
        mode: 'long-range',
        metadata: {},
        owner: {
          instanceId: INSTANCE,
          scope: 'user',
          customerId: sample.sampleId,
          userId: sample.sampleId,
          scopeKey: userKey(sample.sampleId),
        },
      },
      {
        memories: store.memories,
        vectors: store.vectors,
        graph: store.graph,
        parse: parseDocument,
        extractor,
        embedder: async () => embedder,
        clock: systemClock,
      },
    );
  }
  await store.close();
  process.stderr.write(
    `${sample.sampleId} ingested in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
