// Offline LoCoMo evaluation of the retrieval pipeline, in-process: every sample
// is ingested (rule-based extraction, GloVe embeddings, long-range) into a
// cached SQLite store, then every question is fetched in fast and accurate
// mode and scored with the protocol's scorer (bench/locomo/scoring.ts). Like
// the HTTP benchmark's server, one store holds every sample (its own user
// scope each), so table-wide BM25 statistics match the number of record. The
// dataset is read from shared/ at run time and never copied.
//
//   npx tsx bench/retrieval/evaluate-retrieval.ts [--samples 0-4] [--modes fast,accurate]
//       [--cache-dir /tmp/engram-locomo-eval] [--reingest]
//       [--tuning '{"candidatePool":120}'] [--constants '{"PRIOR_FACTORS":{"personSubject":1}}']
//       [--sweep PRIOR_FACTORS.personSubject=1.2,1.5 --sweep SESSION_PRIOR.weight=0.2,0.4]
//       [--cv] [--folds 0-4/5-9] [--dataset path] [--restyle] [--casual] [--ablate] [--held-out 3-9]
//
// --ablate prints one markdown row per stage switched off (ablations.ts) and
// mode: R@10 of categories 1, 2, 3, 4, 1–4 and 5.
//
// --sweep crosses every listed value of every axis; each setting's table is
// printed. --cv adds two-fold cross-validation by conversation: the setting
// with the best R@10 (categories 1–4) on one half of the samples is scored on
// the other half, and vice versa; the held-out figures are what generalises.
// Without --sweep, --cv reports the defaults on each half. The ingested store is
// kept in the cache folder, so tuning runs skip ingestion.
import { parseArgs } from 'node:util';
import {
  FUSION_WEIGHTS,
  GRAPH_EXPANSION,
  MemoryRetrievalPipeline,
  PRIOR_FACTORS,
  PSEUDO_RELEVANCE_FEEDBACK,
  type RetrievalTuning,
  SESSION_PRIOR,
} from '@engram/core/retrieval';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { DEFAULT_LOCOMO_PATH, type LocomoSample, loadLocomo } from '../locomo/locomo-dataset.js';
import { formatScoreTable } from '../locomo/report-table.js';
import { casualSample, restyleSample } from '../locomo/restyle.js';
import {
  aggregateScores,
  isScorable,
  type RankedItem,
  type ScoredQuestion,
  scoreQuestion,
  TurnIndex,
} from '../locomo/scoring.js';
import { ABLATIONS } from './ablations.js';
import { type ConfigScores, pooledTestRecall, twoFoldCrossValidation } from './cross-validation.js';
import { fetchTargetOf, positionsOf, userScopeKey } from './evaluation-samples.js';
import {
  applyConstants,
  type EvaluationSetting,
  layerSetting,
  sweepSettings,
} from './evaluation-settings.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    samples: { type: 'string' },
    modes: { type: 'string', default: 'fast,accurate' },
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    'glove-cache': { type: 'string', default: '/tmp/engram-glove-cache' },
    tuning: { type: 'string' },
    constants: { type: 'string' },
    sweep: { type: 'string', multiple: true },
    cv: { type: 'boolean', default: false },
    folds: { type: 'string', default: '0-4/5-9' },
    quiet: { type: 'boolean', default: false },
    reingest: { type: 'boolean', default: false },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    restyle: { type: 'boolean', default: false },
    casual: { type: 'boolean', default: false },
    ablate: { type: 'boolean', default: false },
    'held-out': { type: 'string' },
  },
});

/** Constant objects a setting may override (shared module state, restored after each setting). */
const CONSTANT_TARGETS: Record<string, object> = {
  PRIOR_FACTORS,
  SESSION_PRIOR,
  FUSION_WEIGHTS,
  GRAPH_EXPANSION,
  PSEUDO_RELEVANCE_FEEDBACK,
};

const loaded = await loadLocomo(options.dataset as string);
// --restyle: the samples as real chat logs look (restyle.ts); use its own --cache-dir.
// --casual: restyled, and every message typed in lower case without apostrophes or full stops.
const all = options.casual ? loaded.map(casualSample) : options.restyle ? loaded.map(restyleSample) : loaded;
const foldPositions = (options.folds as string).split('/').map((part) => positionsOf(part, all.length)) as [
  number[],
  number[],
];
const positions = options.samples
  ? positionsOf(options.samples as string, all.length)
  : options.cv
    ? [...new Set(foldPositions.flat())].sort((left, right) => left - right)
    : all.map((_, position) => position);
// --held-out 3-9: also a table over these samples alone (the ones no choice was made on).
const heldOut = options['held-out'] ? positionsOf(options['held-out'] as string, all.length) : undefined;
const embedder = await createGloveEmbedder({ cacheDir: options['glove-cache'] as string });
const modes = (options.modes as string).split(',') as ('fast' | 'accurate')[];
const base: EvaluationSetting = {
  label: 'default',
  tuning: options.tuning ? (JSON.parse(options.tuning) as Partial<RetrievalTuning>) : undefined,
  constants: options.constants ? JSON.parse(options.constants) : undefined,
};
// --ablate: the defaults, then each stage off (ablations.ts), one row each; else the sweep.
const settings: (EvaluationSetting & { modes?: readonly string[] })[] = options.ablate
  ? ABLATIONS.map((ablation) => ({ ...layerSetting(base, ablation), modes: ablation.modes }))
  : sweepSettings(options.sweep ?? []).map((setting) => layerSetting(base, setting));

// Every sample of the file goes into the one store, whatever --samples picks: BM25 statistics are store-wide.
const store = await openEvaluationStore(
  options['cache-dir'] as string,
  all,
  embedder,
  options.reingest as boolean,
);
const stores = new Map<number, { sample: LocomoSample; index: TurnIndex }>();
let memoryTotal = 0;
for (const position of positions) {
  const sample = all[position] as LocomoSample;
  memoryTotal += await store.memories.countMemories([userScopeKey(sample.sampleId)]);
  stores.set(position, { sample, index: new TurnIndex(sample.turns) });
}
console.log(`samples ${positions.length} (${positions.join(',')}), memories ${memoryTotal}`);

const results = new Map<string, ConfigScores[]>(modes.map((mode) => [mode, []]));
for (const setting of settings) {
  const restore = applyConstants(CONSTANT_TARGETS, setting.constants);
  try {
    for (const mode of modes) {
      if (setting.modes !== undefined && !setting.modes.includes(mode)) continue;
      const { bySample, latencies } = await evaluateMode(mode, setting.tuning);
      results.get(mode)?.push({ label: setting.label, bySample });
      if (options.ablate) {
        console.log(ablationRow(mode, setting.label, [...bySample.values()].flat()));
      } else if (!options.quiet || settings.length === 1) {
        const scored = [...bySample.values()].flat();
        console.log(formatScoreTable(`\n${mode} — ${setting.label}`, aggregateScores(scored)));
        if (heldOut !== undefined) {
          const held = heldOut.flatMap((position) => bySample.get(position) ?? []);
          const label = `\n${mode} — ${setting.label}, held-out samples ${heldOut.join(',')}`;
          console.log(formatScoreTable(label, aggregateScores(held)));
        }
        console.log(`latency ms: ${latencySummary(latencies)}`);
      } else {
        const rows = aggregateScores([...bySample.values()].flat());
        const at = (label: string) => rows.find((entry) => entry.label === label)?.recallAt10.toFixed(4);
        // 1–4 first (what --cv picks by), then each category and adversarial.
        const categories = ['1', '2', '3', '4', '5'].map((label) => `${label}:${at(label)}`).join(' ');
        console.log(`${mode.padEnd(8)} R@10 ${at('1-4')}  [${categories}]  ${setting.label}`);
      }
    }
  } finally {
    restore();
  }
}

if (options.cv) {
  for (const mode of modes) {
    const folds = twoFoldCrossValidation(results.get(mode) ?? [], foldPositions);
    console.log(`\ntwo-fold cross-validation by conversation, ${mode}, R@10 categories 1–4`);
    for (const fold of folds) {
      console.log(
        `  train ${fold.train.join(',')} → test ${fold.test.join(',')}: picked [${fold.picked}] ` +
          `train ${fold.trainRecallAt10.toFixed(4)}, test ${fold.testRecallAt10.toFixed(4)} ` +
          `(defaults on test ${fold.baselineTestRecallAt10.toFixed(4)}, n ${fold.testQuestions})`,
      );
    }
    const pooled = pooledTestRecall(folds);
    console.log(`  held-out R@10 ${pooled.picked.toFixed(4)} (defaults ${pooled.baseline.toFixed(4)})`);
  }
}

await store.close();

/** Every scorable question of every opened sample in one mode; scores per sample position. */
async function evaluateMode(
  mode: 'fast' | 'accurate',
  tuning: Partial<RetrievalTuning> | undefined,
): Promise<{ bySample: Map<number, ScoredQuestion[]>; latencies: number[] }> {
  const bySample = new Map<number, ScoredQuestion[]>();
  const latencies: number[] = [];
  const pipeline = new MemoryRetrievalPipeline({
    ...evaluationRetrievalDependencies(store, embedder),
    tuning,
  });
  for (const [position, { sample, index }] of stores) {
    const scored: ScoredQuestion[] = [];
    for (const question of sample.questions.filter(isScorable)) {
      const request = baseFetchRequestSchema.parse({
        search_query: [question.question],
        max_results: 50,
        mode,
      });
      const started = performance.now();
      const lists = await pipeline.retrieve(fetchTargetOf(sample.sampleId), request);
      latencies.push(performance.now() - started);
      const items: RankedItem[] = Object.values(lists)
        .flat()
        .sort((left, right) => right.relevance_score - left.relevance_score)
        .map((item) => ({ text: item.content, sourceEvidence: item.source_evidence }));
      scored.push({ category: question.category, score: scoreQuestion(items, question, index) });
    }
    bySample.set(position, scored);
  }
  return { bySample, latencies };
}

/** One `--ablate` row: R@10 per category (1, 2, 3, 4), over 1–4, and adversarial (5). */
function ablationRow(mode: string, label: string, scored: readonly ScoredQuestion[]): string {
  const rows = aggregateScores([...scored]);
  const at = (name: string) => rows.find((row) => row.label === name)?.recallAt10.toFixed(3) ?? '–';
  const cells = ['1', '2', '3', '4', '1-4', '5'].map(at);
  return `| ${label} | ${mode} | ${cells.join(' | ')} |`;
}

function latencySummary(latencies: readonly number[]): string {
  const sorted = [...latencies].sort((left, right) => left - right);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]?.toFixed(2);
  return `p50 ${at(0.5)}  p95 ${at(0.95)}  max ${at(1)}`;
}
