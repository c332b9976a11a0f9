/** Summary of a set of durations, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentile (`fraction` in 0..1) of unsorted values; 0 for no values. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  return percentileOfSorted(Float64Array.from(values).sort(), fraction);
}

function percentileOfSorted(sorted: Float64Array, fraction: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** Count, mean, p50, p95, p99 and max of durations in milliseconds (exact, nearest rank). */
export function summariseLatencies(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? 0 : total / sorted.length,
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0),
  };
}

/** `1.23` style formatting for tables. */
export function formatMs(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}
