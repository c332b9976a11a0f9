// Fits the accurate re-ranker (packages/core/src/retrieval/learned-rerank.ts)
// on LoCoMo, in-process over the cached store evaluate-retrieval.ts builds.
// For every scorable question (fitted on categories 1–4 unless --categories says otherwise) it takes the re-ranker's own
// input (MemoryRetrievalPipeline.rerankInputFor: the candidate pool after
// fusion, priors, feedback and graph expansion), labels each candidate 1 when
// it cites an evidence turn, and fits a pairwise logistic model.
//
// It prints evidence R@10 (categories 1–4) of: the pool in its incoming order,
// the model in the code now, and — what generalises — two-fold cross-validation
// by conversation (fit on one half, score the other). Then it fits on every
// question and prints the weights to paste into LEARNED_RERANK. The R@10 here
// is the re-ranker's alone (no diversity step), so it differs slightly from
// evaluate-retrieval.ts.
//
//   npx tsx bench/retrieval/fit-rerank-model.ts [--cache-dir /tmp/engram-locomo-eval] [--reingest]
//       [--folds 0-4/5-9] [--epochs 200] [--l2 0.001] [--dataset path] [--categories 1,2,3,4,5]
//       [--restyled-cache-dir /tmp/restyled] [--casual-cache-dir /tmp/casual]
//       [--fit-styles original/original,restyled,casual]
//
// --fit-styles: the styles fitted on, one fit and report per slash-separated
// set (default: every style loaded); every style loaded is scored, so a fit
// on LoCoMo as written is judged on the restyled conversations it never saw
// in that style, next to a fit on both (folds by conversation either way).
//
// The store is ingested on the first run and reused after; pass --reingest
// after changing ingestion, or the fit sees memories the code no longer makes.
import { parseArgs } from 'node:util';
import {
  MemoryRetrievalPipeline,
  RERANK_FEATURES,
  rerankFeatureRows,
  rerankLogit,
} from '@engram/core/retrieval';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { DEFAULT_LOCOMO_PATH, type LocomoSample, loadLocomo } from '../locomo/locomo-dataset.js';
import { casualSample, restyleSample } from '../locomo/restyle.js';
import { collectTurns, evidenceRecall, isScorable, type RankedItem, TurnIndex } from '../locomo/scoring.js';
import { fetchTargetOf, positionsOf } from './evaluation-samples.js';
import {
  calibrate,
  DEFAULT_PAIRWISE_FIT,
  fitPairwiseLogistic,
  type LabelledGroup,
  rawWeights,
  type StandardisedLinearModel,
  standardisedScore,
} from './pairwise-logistic.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    'glove-cache': { type: 'string', default: '/tmp/engram-glove-cache' },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    folds: { type: 'string', default: '0-4/5-9' },
    epochs: { type: 'string', default: String(DEFAULT_PAIRWISE_FIT.epochs) },
    l2: { type: 'string', default: String(DEFAULT_PAIRWISE_FIT.l2) },
    reingest: { type: 'boolean', default: false },
    categories: { type: 'string', default: '1,2,3,4,5' },
    'restyled-cache-dir': { type: 'string' },
    'casual-cache-dir': { type: 'string' },
    'fit-styles': { type: 'string' },
  },
});
/**
 * Category sets fitted on, one fit and report each: `--categories 1,2,3,4/1,2,3,4,5`
 * also fits on the adversarial questions (which have evidence too).
 */
const categorySets = (options.categories as string)
  .split('/')
  .map((part) => new Set(part.split(',').map(Number)));
const fit = { ...DEFAULT_PAIRWISE_FIT, epochs: Number(options.epochs), l2: Number(options.l2) };

/** One question's labelled pool, with what scoring it needs. */
interface Example extends LabelledGroup {
  /** 'original', 'restyled' or 'casual' (restyle.ts). */
  style: string;
  sample: number;
  category: number;
  evidence: readonly string[];
  /** Each candidate as the protocol's scorer reads it: the lines it cites. */
  items: readonly RankedItem[];
  index: TurnIndex;
}

const dataset = await loadLocomo(options.dataset as string);
const embedder = await createGloveEmbedder({ cacheDir: options['glove-cache'] as string });
// --restyled-cache-dir: also fit on the samples restyled (restyle.ts), ingested in that folder.
// A conversation keeps its position in both styles, so each fold holds it in both.
const styles: { name: string; samples: LocomoSample[]; cacheDir: string }[] = [
  { name: 'original', samples: dataset, cacheDir: options['cache-dir'] as string },
];
if (options['restyled-cache-dir'] !== undefined)
  styles.push({
    name: 'restyled',
    samples: dataset.map(restyleSample),
    cacheDir: options['restyled-cache-dir'] as string,
  });
// --casual-cache-dir: the same, typed casually (casualSample: lower case, no apostrophes or full stops).
if (options['casual-cache-dir'] !== undefined)
  styles.push({
    name: 'casual',
    samples: dataset.map(casualSample),
    cacheDir: options['casual-cache-dir'] as string,
  });
const examples: Example[] = [];
for (const style of styles) {
  const store = await openEvaluationStore(
    style.cacheDir,
    style.samples,
    embedder,
    options.reingest as boolean,
  );
  const pipeline = new MemoryRetrievalPipeline(evaluationRetrievalDependencies(store, embedder));
  for (const [sample, { sampleId, turns, questions }] of style.samples.entries()) {
    const index = new TurnIndex(turns);
    for (const question of questions.filter(isScorable)) {
      const request = baseFetchRequestSchema.parse({
        search_query: [question.question],
        max_results: 50,
        mode: 'accurate',
      });
      const input = await pipeline.rerankInputFor(fetchTargetOf(sampleId), request);
      if (input === undefined) continue;
      const items = input.candidates.map((candidate) => ({
        text: '',
        sourceEvidence: candidate.memory.sourceEvidence,
      }));
      examples.push({
        style: style.name,
        sample,
        category: question.category,
        evidence: question.evidence,
        items,
        index,
        rows: rerankFeatureRows(input)[0] ?? [],
        labels: items.map((item) =>
          item.sourceEvidence.some((line) => question.evidence.includes(index.turnFor(line) ?? '')) ? 1 : 0,
        ),
      });
    }
  }
  await store.close();
}

/** Mean evidence R@10 of the examples, each ordered by `score` (ties keep the incoming order). */
function recallAt10(group: readonly Example[], score: (row: Float64Array) => number): number {
  let sum = 0;
  for (const example of group) {
    const order = example.rows
      .map((row, position) => ({ score: score(row), position }))
      .sort((left, right) => right.score - left.score || left.position - right.position);
    const ordered = order.map(({ position }) => example.items[position] as RankedItem);
    const collected = collectTurns(ordered, example.index, 10);
    sum += evidenceRecall(collected, example.evidence, 10);
  }
  return group.length === 0 ? 0 : sum / group.length;
}
/** Every candidate ties, so the pool keeps its incoming order. */
const incoming = () => 0;
const [firstHalf, secondHalf] = (options.folds as string)
  .split('/')
  .map((part) => new Set(positionsOf(part, dataset.length))) as [Set<number>, Set<number>];
const halves = [firstHalf, secondHalf].map((half) => examples.filter((example) => half.has(example.sample)));
const styleSets = (options['fit-styles'] ?? styles.map((style) => style.name).join(','))
  .split('/')
  .map((part) => new Set(part.split(',')));
for (const fittedStyles of styleSets)
  for (const fittedCategories of categorySets) fitAndReport(fittedCategories, fittedStyles);

/** Two-fold held-out figures of a fit on `fittedCategories` of `fittedStyles`, then the fit on every such question. */
function fitAndReport(fittedCategories: ReadonlySet<number>, fittedStyles: ReadonlySet<string>): void {
  const fitted = (group: readonly Example[]) =>
    group.filter((example) => fittedCategories.has(example.category) && fittedStyles.has(example.style));
  const models = halves.map((half) => fitPairwiseLogistic(fitted(half), fit)) as [
    StandardisedLinearModel,
    StandardisedLinearModel,
  ];
  /** R@10 of the examples `keep` selects, each half scored by the model fitted on the other half. */
  function heldOutRecall(keep: (example: Example) => boolean): number {
    const [first, second] = halves.map((half) => half.filter(keep)) as [Example[], Example[]];
    const scoredFirst = recallAt10(first, (row) => standardisedScore(models[1], row)) * first.length;
    const scoredSecond = recallAt10(second, (row) => standardisedScore(models[0], row)) * second.length;
    return (scoredFirst + scoredSecond) / Math.max(1, first.length + second.length);
  }

  const core = examples.filter((example) => example.category !== 5);
  const isCore = (example: Example) => example.category !== 5;
  console.log(
    `questions ${core.length} (categories 1–4) + ${examples.length - core.length} (5), ` +
      `fitted on categories ${[...fittedCategories].join(',')} of styles ${[...fittedStyles].join(',')}, ` +
      `features ${RERANK_FEATURES.length}`,
  );
  for (const style of styles.map((each) => each.name)) {
    const ofStyle = (example: Example) => example.style === style;
    const styleCore = core.filter(ofStyle);
    console.log(`R@10, ${style} (categories 1–4, re-ranker alone, no diversity step):`);
    console.log(`  pool in incoming order      ${recallAt10(styleCore, incoming).toFixed(4)}`);
    console.log(
      `  LEARNED_RERANK in the code  ${recallAt10(styleCore, (row) => rerankLogit(row)).toFixed(4)}`,
    );
    console.log(`  two-fold CV, held out       ${heldOutRecall((e) => ofStyle(e) && isCore(e)).toFixed(4)}`);
    for (const category of [1, 2, 3, 4, 5]) {
      const inCategory = (example: Example) => ofStyle(example) && example.category === category;
      const held = heldOutRecall(inCategory);
      const count = examples.filter(inCategory).length;
      const before = recallAt10(examples.filter(inCategory), incoming);
      const current = recallAt10(examples.filter(inCategory), (row) => rerankLogit(row));
      console.log(
        `    category ${category} held out      ${held.toFixed(4)}  (incoming order ${before.toFixed(4)}, ` +
          `in the code ${current.toFixed(4)}, n ${count})`,
      );
    }
  }

  const model = fitPairwiseLogistic(fitted(examples), fit);
  console.log(
    `  fitted on all, in sample    ${recallAt10(core, (row) => standardisedScore(model, row)).toFixed(4)}`,
  );
  const { weights, bias } = rawWeights(model, calibrate(model, fitted(examples)));
  console.log('\nLEARNED_RERANK (paste into packages/core/src/retrieval/learned-rerank.ts):');
  console.log('  weights: {');
  for (const [index, name] of RERANK_FEATURES.entries())
    console.log(`    ${name}: ${round(weights[index] ?? 0)},`);
  console.log(`  },\n  bias: ${round(bias)},`);
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
