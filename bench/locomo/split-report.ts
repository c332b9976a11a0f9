// `npx tsx bench/locomo/split-report.ts <result.json> --fitted id,id,...`: reads a
// bench:locomo result and prints its tables again for two groups of
// conversations: those choices were made on (`--fitted`) and the rest, which
// no choice saw. Figures are pooled over questions, as in the run's own report.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatScoreTable } from './report-table.js';
import { aggregateScores, type ScoredQuestion } from './scoring.js';

interface StoredResult {
  readonly datasetPath: string;
  readonly samples: readonly string[];
  readonly bm25: { readonly scored: readonly (ScoredQuestion & { readonly sampleId: string })[] };
  readonly modes: readonly {
    readonly mode: string;
    readonly outcomes: readonly (ScoredQuestion & { readonly sampleId: string })[];
  }[];
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { fitted: { type: 'string' } },
});
const path = positionals[0];
if (path === undefined || values.fitted === undefined) {
  console.error('usage: npx tsx bench/locomo/split-report.ts <result.json> --fitted sample_id,sample_id,...');
  process.exit(2);
}
const fitted = new Set(values.fitted.split(',').map((id) => id.trim()));
const result = JSON.parse(await readFile(path, 'utf8')) as StoredResult;
const groups = [
  { name: `fitted on (${[...fitted].join(', ')})`, keep: (id: string) => fitted.has(id) },
  { name: 'held out (every other conversation)', keep: (id: string) => !fitted.has(id) },
];
console.log(`${result.datasetPath}: ${result.samples.length} samples`);
for (const group of groups) {
  const pick = <T extends { readonly sampleId: string }>(list: readonly T[]) =>
    list.filter((entry) => group.keep(entry.sampleId));
  console.log(`\n== ${group.name}`);
  console.log(`\n${formatScoreTable('BM25 over raw turns', aggregateScores(pick(result.bm25.scored)))}`);
  for (const mode of result.modes)
    console.log(`\n${formatScoreTable(`Engram, mode ${mode.mode}`, aggregateScores(pick(mode.outcomes)))}`);
}
