// Quick check, not a test: prints the raw-turn BM25 table for a LoCoMo file
// without a server, to compare with the reference figures in the datasets README.
// Usage: npx tsx bench/locomo/bm25-only.ts [path-to-locomo.json] [--restyle | --casual] [--offset N]
// --restyle rewrites the samples as restyle.ts does; --offset N skips the first N
// samples (the conversations the other figures were not fitted on).
import { parseArgs } from 'node:util';
import { evaluateBm25 } from './bm25-evaluation.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from './locomo-dataset.js';
import { formatScoreTable } from './report-table.js';
import { casualSample, restyleSample } from './restyle.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    restyle: { type: 'boolean', default: false },
    casual: { type: 'boolean', default: false },
    offset: { type: 'string', default: '0' },
  },
});
const path = positionals[0] ?? DEFAULT_LOCOMO_PATH;
const started = performance.now();
const loaded = (await loadLocomo(path)).slice(Number(values.offset));
const samples = values.casual
  ? loaded.map(casualSample)
  : values.restyle
    ? loaded.map(restyleSample)
    : loaded;
const { rows } = evaluateBm25(samples);
const elapsed = performance.now() - started;
const label = `BM25 over raw turns (k1 1.2, b 0.75), ${samples.length} samples${values.casual ? ', casual' : values.restyle ? ', restyled' : ''}`;
console.log(formatScoreTable(label, rows));
console.log(`\n${elapsed.toFixed(0)} ms including load`);
