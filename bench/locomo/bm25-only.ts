// Quick check, not a test: prints the raw-turn BM25 table for a LoCoMo file
// without a server, to compare with the reference figures in the datasets README.
// Usage: npx tsx bench/locomo/bm25-only.ts [path-to-locomo.json]
import { evaluateBm25 } from './bm25-evaluation.js';
import { DEFAULT_LOCOMO_PATH, loadLocomo } from './locomo-dataset.js';
import { formatScoreTable } from './report-table.js';

const path = process.argv[2] ?? DEFAULT_LOCOMO_PATH;
const started = performance.now();
const samples = await loadLocomo(path);
const { rows } = evaluateBm25(samples);
const elapsed = performance.now() - started;
console.log(formatScoreTable(`BM25 over raw turns (k1 1.2, b 0.75), ${samples.length} samples`, rows));
console.log(`\n${elapsed.toFixed(0)} ms including load`);
