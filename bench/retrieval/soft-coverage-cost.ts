// What one of fast's stages costs a fetch: every LoCoMo question is fetched
// in `fast` by two pipelines, the stage off (the baseline; by default the
// soft-coverage re-sort, soft-coverage-rerank.ts, at weight 0; --off takes
// any tuning JSON instead) and at the defaults, alternately, so the load of
// a shared machine falls on both alike; prints both latency distributions
// and the median of the paired differences. In-process over the cached
// store of evaluate-retrieval.ts.
//
//   npx tsx bench/retrieval/soft-coverage-cost.ts [--cache-dir /tmp/engram-locomo-eval] [--rounds 2]
//       [--off '{"coMention":{"seeds":0},"sessionSpread":{"decay":1}}']
import { parseArgs } from 'node:util';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import {
  MemoryRetrievalPipeline,
  type RetrievalTuning,
  SOFT_COVERAGE,
} from '../../packages/core/src/retrieval/index.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { fetchTargetOf } from './evaluation-samples.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    'glove-cache': { type: 'string', default: '/tmp/engram-glove-cache' },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    rounds: { type: 'string', default: '2' },
    off: { type: 'string' },
  },
});
const samples = await loadLocomo(options.dataset as string);
const embedder = await createGloveEmbedder({ cacheDir: options['glove-cache'] as string });
const store = await openEvaluationStore(options['cache-dir'] as string, samples, embedder, false);
const dependencies = evaluationRetrievalDependencies(store, embedder);
const offTuning: Partial<RetrievalTuning> = options.off
  ? JSON.parse(options.off as string)
  : { softCoverage: { ...SOFT_COVERAGE, weight: 0 } };
const off = new MemoryRetrievalPipeline({ ...dependencies, tuning: offTuning });
const on = new MemoryRetrievalPipeline(dependencies);
const timesOff: number[] = [];
const timesOn: number[] = [];
const differences: number[] = [];
let fetches = 0;
for (let round = 0; round < Number(options.rounds); round++) {
  for (const sample of samples) {
    for (const question of sample.questions) {
      const request = baseFetchRequestSchema.parse({
        search_query: [question.question],
        max_results: 10,
        mode: 'fast',
      });
      const target = fetchTargetOf(sample.sampleId);
      // Alternate which goes first, so neither always meets a warm cache.
      const order = fetches++ % 2 === 0 ? [off, on] : [on, off];
      const elapsed = new Map<MemoryRetrievalPipeline, number>();
      for (const pipeline of order) {
        const started = performance.now();
        await pipeline.retrieve(target, request);
        elapsed.set(pipeline, performance.now() - started);
      }
      // The first round warms caches and JIT; only later rounds are counted.
      if (round === 0 && Number(options.rounds) > 1) continue;
      timesOff.push(elapsed.get(off) as number);
      timesOn.push(elapsed.get(on) as number);
      differences.push((elapsed.get(on) as number) - (elapsed.get(off) as number));
    }
  }
}
await store.close();
const quantile = (values: number[], share: number) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
};
console.log(`fast fetches, max_results 10, ${timesOff.length} pairs, off = ${JSON.stringify(offTuning)}`);
console.log(
  `  stage off (baseline)  p50 ${quantile(timesOff, 0.5).toFixed(3)}  p95 ${quantile(timesOff, 0.95).toFixed(3)} ms`,
);
console.log(
  `  stage on              p50 ${quantile(timesOn, 0.5).toFixed(3)}  p95 ${quantile(timesOn, 0.95).toFixed(3)} ms`,
);
console.log(
  `  paired difference     p50 ${quantile(differences, 0.5).toFixed(3)}  p95 ${quantile(differences, 0.95).toFixed(3)} ms`,
);
