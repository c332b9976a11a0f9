// Where do gold turns rank? For every scorable LoCoMo question (categories
// 1–4), over the cached store evaluate-retrieval.ts builds, reports per
// category the share of gold turns within the first N distinct turns of: BM25
// over raw turns, each signal's hits (BM25 over memories, vectors, entities:
// candidate recall), their fusion, and the final fast/accurate ranking. So a
// loss shows as missing candidates (low at @150) or as ordering (high at
// @150, low at @10). --dump writes one JSON line per question for reading.
//
//   npx tsx bench/retrieval/diagnose-ranks.ts [--cache-dir /tmp/engram-locomo-eval] [--samples 0-9]
//       [--dump /tmp/ranks.jsonl]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  analyzeQuery,
  fuseScores,
  MemoryRetrievalPipeline,
  searchQuery,
  signalListsOf,
} from '@engram/core/retrieval';
import { createGloveEmbedder } from '@engram/embedder-glove';
import { baseFetchRequestSchema } from '@engram/protocol';
import { TurnBm25Baseline } from '../locomo/bm25-baseline.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from '../locomo/locomo-dataset.js';
import { isScorable, TurnIndex } from '../locomo/scoring.js';
import { fetchTargetOf, selectSamples, userScopeKey } from './evaluation-samples.js';
import { evaluationRetrievalDependencies, openEvaluationStore } from './sample-stores.js';

const { values: options } = parseArgs({
  options: {
    'cache-dir': { type: 'string', default: '/tmp/engram-locomo-eval' },
    samples: { type: 'string' },
    dataset: { type: 'string', default: DEFAULT_LOCOMO_PATH },
    dump: { type: 'string' },
  },
});
const embedder = await createGloveEmbedder({ cacheDir: '/tmp/engram-glove-cache' });
const samples = selectSamples(await loadLocomo(options.dataset as string), options.samples);
const CUTS = [10, 20, 50, 100, 150];
type Row = { category: number; ranks: Record<string, number[]>; gold: number };
const rows: Row[] = [];
const dumpRows: string[] = [];

const dataset = await loadLocomo(options.dataset as string);
const store = await openEvaluationStore(options['cache-dir'] as string, dataset, embedder, false);
const deps = evaluationRetrievalDependencies(store, embedder);
const pipeline = new MemoryRetrievalPipeline(deps);
for (const sample of samples) {
  const scopeKeys = [userScopeKey(sample.sampleId)];
  const index = new TurnIndex(sample.turns);
  const all = await store.memories.listRecent(scopeKeys, 100_000);
  const turnsOf = new Map(
    all.map((memory) => [
      memory.memoryId,
      memory.sourceEvidence.map((line) => index.turnFor(line)).filter((turn) => turn !== undefined),
    ]),
  );
  const now = new Date();
  const baseline = new TurnBm25Baseline(sample);
  for (const question of sample.questions.filter(isScorable)) {
    if (question.category === 5) continue;
    const analysis = analyzeQuery(question.question, now);
    const {
      embeddings: [embedding],
    } = await embedder.doEmbed({ values: [question.question] });
    const hits = await searchQuery(deps, scopeKeys, analysis, embedding);
    const fused = fuseScores(signalListsOf(hits));
    const ranks: Record<string, number[]> = {};
    const positions = (ids: readonly string[]) => turnPositions(ids, turnsOf, question.evidence);
    ranks.text = positions(hits.text.map((hit) => hit.memoryId));
    ranks.vector = positions(hits.vector.map((hit) => hit.memoryId));
    ranks.entity = positions(
      [...hits.entity].sort((left, right) => right.score - left.score).map((hit) => hit.memoryId),
    );
    const rawRanked = baseline
      .rank(question.question, 150)
      .map((item) => index.turnFor(item.sourceEvidence[0] ?? ''));
    ranks.rawBm25 = question.evidence.map((turn) => {
      const at = rawRanked.indexOf(turn);
      return at < 0 ? Number.POSITIVE_INFINITY : at + 1;
    });
    ranks.fused = positions(fused.map((entry) => entry.memoryId));
    for (const mode of ['fast', 'accurate'] as const) {
      const request = baseFetchRequestSchema.parse({
        search_query: [question.question],
        max_results: 50,
        mode,
      });
      const lists = await pipeline.retrieve(fetchTargetOf(sample.sampleId), request);
      const items = Object.values(lists)
        .flat()
        .sort((left, right) => right.relevance_score - left.relevance_score);
      const ids = items.map((item) => item.id);
      ranks[mode] = positions(ids);
      if (options.dump && mode === 'fast') {
        dumpRows.push(
          JSON.stringify({
            sample: sample.sampleId,
            category: question.category,
            question: question.question,
            evidence: question.evidence,
            evidenceText: question.evidence.map((id) => sample.turns.find((turn) => turn.diaId === id)?.line),
            ranks: Object.fromEntries(Object.entries(ranks).map(([key, value]) => [key, value])),
            top: items.slice(0, 8).map((item) => `${item.relevance_score.toFixed(3)} ${item.content}`),
          }),
        );
      }
    }
    rows.push({ category: question.category, ranks, gold: question.evidence.length });
  }
}
await store.close();

if (options.dump) {
  writeFileSync(options.dump as string, `${dumpRows.join('\n')}\n`);
}

const groups: [string, Row[]][] = [
  ...[1, 2, 3, 4].map(
    (category) => [`${category}`, rows.filter((row) => row.category === category)] as [string, Row[]],
  ),
  ['1-4', rows],
];
for (const signal of ['rawBm25', 'text', 'vector', 'entity', 'fused', 'fast', 'accurate']) {
  console.log(`\n${signal}: share of gold turns within the first N distinct turns`);
  console.log(`cat    ${CUTS.map((cut) => `@${cut}`.padStart(7)).join('')}`);
  for (const [label, group] of groups) {
    const cells = CUTS.map((cut) => {
      const mean =
        group.reduce((sum, row) => sum + recall(row.ranks[signal] ?? [], row.gold, cut), 0) / group.length;
      return mean.toFixed(3).padStart(7);
    });
    console.log(`${label.padEnd(6)} ${cells.join('')}`);
  }
}

/** Position (1-based, in distinct turns) of each gold turn found; Infinity for missing ones. */
function turnPositions(
  memoryIds: readonly string[],
  turnsOf: ReadonlyMap<string, readonly string[]>,
  gold: readonly string[],
): number[] {
  const seen = new Map<string, number>();
  for (const memoryId of memoryIds) {
    for (const turn of turnsOf.get(memoryId) ?? []) if (!seen.has(turn)) seen.set(turn, seen.size + 1);
  }
  return gold.map((turn) => seen.get(turn) ?? Number.POSITIVE_INFINITY);
}

function recall(positions: readonly number[], gold: number, cut: number): number {
  return gold === 0 ? 0 : positions.filter((position) => position <= cut).length / gold;
}
