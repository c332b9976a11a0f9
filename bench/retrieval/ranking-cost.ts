// CPU time of `fast` (or `accurate`) ranking alone, in process: every LoCoMo
// question against its own conversation's user in the cached evaluation store
// (one SQLite file, as evaluate-retrieval.ts builds it), no HTTP. Prints the
// CPU milliseconds per fetch of this process (`process.cpuUsage`, user +
// system, all rounds after the first; the first round, caches and JIT cold,
// apart) and the wall p50/p95/p99. The clock is
// fixed, so two runs rank the same: `--write-ids FILE` saves each question's
// returned ids and `--check-ids FILE` counts the questions whose ids differ
// from a saved run (a speed change must not change what is returned).
//
//   npx tsx bench/retrieval/ranking-cost.ts [--cache-dir /tmp/engram-locomo-eval]
//     [--mode fast] [--rounds 3] [--every 1] [--max-results 10] [--write-ids F | --check-ids F]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema, MEMORY_LIST_KEYS } from '@engram/protocol';
import { SqliteTextIndex } from '@engram/store-sqlite';
import { CandidateCache, MemoryRetrievalPipeline } from '../../packages/core/src/retrieval/index.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { summariseLatencies } from '../support/latency-stats.js';
import { fetchTargetOf } from './evaluation-samples.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    'glove-cache': { type: 'string', default: '/tmp/engram-glove-cache' },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    mode: { type: 'string', default: 'fast' },
    rounds: { type: 'string', default: '3' },
    'max-results': { type: 'string', default: '10' },
    'write-ids': { type: 'string' },
    'check-ids': { type: 'string' },
    /** Every k-th question only, for a quicker run (the ids files then hold those questions). */
    every: { type: 'string', default: '1' },
    /** Most memories in the candidate cache (CandidateCache); 0: none, every fetch reads its rows. */
    'candidate-cache': { type: 'string', default: '0' },
    /** Most postings in the text index's ScopePostingsCache; 0: every search matches in FTS5. */
    'postings-cache': { type: 'string', default: '200000' },
  },
});
const samples = await loadLocomo(options.dataset as string);
const embedder = await createGloveEmbedder({ cacheDir: options['glove-cache'] as string });
const store = await openEvaluationStore(options['cache-dir'] as string, samples, embedder, false);
const fixedNow = new Date('2026-12-01T00:00:00Z');
const pipeline = new MemoryRetrievalPipeline({
  ...evaluationRetrievalDependencies(store, embedder),
  clock: { now: () => new Date(fixedNow) },
  text: new SqliteTextIndex(store.database, { postingsCache: Number(options['postings-cache']) }),
  candidateCache:
    Number(options['candidate-cache']) > 0
      ? new CandidateCache({ maxMemories: Number(options['candidate-cache']) })
      : undefined,
});
const every = Math.max(1, Number(options.every));
const questions = samples
  .flatMap((sample) =>
    sample.questions.map((question) => ({ sampleId: sample.sampleId, text: question.question })),
  )
  .filter((_, index) => index % every === 0);
const rounds = Math.max(2, Number(options.rounds));
const idsByQuestion: string[] = [];
const wall: number[] = [];
let cpuMicros = 0;
let firstRoundMicros = 0;
for (let round = 0; round < rounds; round++) {
  const cpuBefore = process.cpuUsage();
  for (const [index, question] of questions.entries()) {
    const request = baseFetchRequestSchema.parse({
      search_query: [question.text],
      max_results: Number(options['max-results']),
      mode: options.mode,
    });
    const started = performance.now();
    const lists = await pipeline.retrieve(fetchTargetOf(question.sampleId), request);
    if (round > 0) wall.push(performance.now() - started);
    if (round === 0)
      idsByQuestion[index] = MEMORY_LIST_KEYS.flatMap((key) => lists[key].map((item) => item.id)).join(',');
  }
  const used = process.cpuUsage(cpuBefore);
  // The first round warms the JIT and the word-vector cache; it is not counted.
  if (round > 0) cpuMicros += used.user + used.system;
  else firstRoundMicros = used.user + used.system;
}
const fetches = questions.length * (rounds - 1);
const latency = summariseLatencies(wall);
process.stdout.write(
  `ranking-cost — ${options.mode}, candidate cache ${options['candidate-cache']}, postings cache ${options['postings-cache']}, ${questions.length} questions × ${rounds - 1} counted rounds\n` +
    `CPU ${(cpuMicros / 1000 / fetches).toFixed(3)} ms/fetch (first round, every question new to the caches and the JIT: ${(firstRoundMicros / 1000 / questions.length).toFixed(3)}); wall p50 ${latency.p50.toFixed(2)} p95 ${latency.p95.toFixed(2)} p99 ${latency.p99.toFixed(2)} ms\n`,
);
if (options['write-ids']) writeFileSync(options['write-ids'], `${idsByQuestion.join('\n')}\n`);
if (options['check-ids']) {
  const saved = readFileSync(options['check-ids'], 'utf8').trimEnd().split('\n');
  const differing = idsByQuestion.filter((ids, index) => ids !== saved[index]).length;
  process.stdout.write(`ids differing from ${options['check-ids']}: ${differing} of ${questions.length}\n`);
}
await store.close();
