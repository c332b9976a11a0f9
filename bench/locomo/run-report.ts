import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { summariseLatencies } from '../support/latency-stats.js';
import type { Bm25Evaluation } from './bm25-evaluation.js';
import { formatScoreTable } from './report-table.js';
import type { ScoreRow } from './scoring.js';
import type { SessionIngestion } from './server-ingestion.js';
import type { ModeEvaluation } from './server-queries.js';

/** Everything a run measured, as written to `bench/results/`. */
export interface LocomoRunResult {
  readonly startedAt: string;
  readonly datasetPath: string;
  readonly server: string;
  readonly samples: readonly string[];
  readonly concurrency: number;
  readonly ingestion: { readonly wallMs: number; readonly sessions: readonly SessionIngestion[] } | null;
  readonly bm25: Bm25Evaluation;
  readonly modes: readonly ModeEvaluation[];
}

/** R@10 of a mode divided by BM25's, per row in print order (null where BM25 scored 0). */
export function recallRatios(
  mode: readonly ScoreRow[],
  bm25: readonly ScoreRow[],
): { readonly label: string; readonly ratio: number | null }[] {
  return mode.map((row) => {
    const base = bm25.find((candidate) => candidate.label === row.label)?.recallAt10 ?? 0;
    return { label: row.label, ratio: base === 0 ? null : row.recallAt10 / base };
  });
}

function formatIngestion(ingestion: NonNullable<LocomoRunResult['ingestion']>): string {
  const durations = summariseLatencies(ingestion.sessions.map((session) => session.durationMs));
  const statuses = new Map<string, number>();
  for (const session of ingestion.sessions)
    statuses.set(session.status, (statuses.get(session.status) ?? 0) + 1);
  const memories = ingestion.sessions.reduce((sum, session) => sum + (session.memoriesCreated ?? 0), 0);
  return [
    `Ingest: ${ingestion.sessions.length} sessions in ${(ingestion.wallMs / 1000).toFixed(1)} s wall`,
    `  per session p50 ${durations.p50.toFixed(0)} ms, p95 ${durations.p95.toFixed(0)} ms, max ${durations.max.toFixed(0)} ms`,
    `  statuses ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}; memories created ${memories}`,
  ].join('\n');
}

function formatMode(evaluation: ModeEvaluation, bm25: readonly ScoreRow[]): string {
  const ratios = recallRatios(evaluation.rows, bm25);
  const lines = evaluation.outcomes.reduce((sum, outcome) => sum + outcome.sourceLines, 0);
  const mapped = evaluation.outcomes.reduce((sum, outcome) => sum + outcome.mappedSourceLines, 0);
  const items = evaluation.outcomes.reduce((sum, outcome) => sum + outcome.items, 0);
  const { p50, p95 } = evaluation.latency;
  return [
    formatScoreTable(`Engram, mode ${evaluation.mode}`, evaluation.rows),
    `R@10 / BM25: ${ratios
      .map(({ label, ratio }) => `${label} ${ratio === null ? 'n/a' : ratio.toFixed(2)}`)
      .join(' | ')}`,
    `query latency p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${evaluation.latency.count} fetches` +
      (evaluation.failures > 0 ? `; ${evaluation.failures} FAILED (scored as empty)` : ''),
    `items per question ${(items / Math.max(1, evaluation.outcomes.length)).toFixed(1)}; ` +
      `source_evidence lines mapped to turns ${mapped}/${lines}`,
  ].join('\n');
}

/** The human-readable report: ingestion, the BM25 table, then one table per mode with its ratios and latency. */
export function formatRunReport(result: LocomoRunResult): string {
  const scorable = result.bm25.scored.length;
  const sections = [
    `LoCoMo retrieval: ${result.samples.length} samples, ${scorable} scorable questions, server ${result.server}`,
    ...(result.ingestion ? [formatIngestion(result.ingestion)] : ['Ingest: skipped']),
    formatScoreTable('BM25 over raw turns (baseline, same questions)', result.bm25.rows),
    ...result.modes.map((mode) => formatMode(mode, result.bm25.rows)),
  ];
  return sections.join('\n\n');
}

/** Writes the result as `bench/results/locomo-<timestamp>.json` and returns the path. */
export async function writeRunResult(result: LocomoRunResult): Promise<string> {
  const directory = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(directory, { recursive: true });
  const path = `${directory}locomo-${result.startedAt.replace(/[:.]/g, '-')}.json`;
  const ratios = Object.fromEntries(
    result.modes.map((mode) => [mode.mode, recallRatios(mode.rows, result.bm25.rows)]),
  );
  await writeFile(path, `${JSON.stringify({ ...result, recallAt10RatioToBm25: ratios }, null, 2)}\n`);
  return path;
}
