import type { RankedCandidate } from './ranked-candidate.js';

/**
 * How `accurate` folds `fast`'s order back into its own (decision 0048).
 * `k` is reciprocal-rank fusion's damping constant; `fastWeight` the share
 * of the fused score that `fast`'s order carries (the re-ranked order has
 * the rest). Fitted by conversation folds (bench/retrieval/evaluate-retrieval.ts
 * `--sweep RANK_FUSION.fastWeight=…`); the chosen values are in the decision.
 */
export const RANK_FUSION = { k: 10, fastWeight: 0.2 };

/** One ranking to fuse and its share of the fused score. */
export interface WeightedRanking {
  ranking: readonly RankedCandidate[];
  weight: number;
}

/**
 * Weighted reciprocal-rank fusion: a memory's fused value is
 * `Σ weight / (k + rank)` over the rankings that list it (rank from 1; a
 * ranking that does not list it adds nothing). Only ranks are used, so two
 * rankings on different scales (the learned model's order, `fast`'s fused
 * scores) combine without calibration, and a memory both put near the top
 * wins over one only either does. The first ranking's candidate object is
 * kept for a memory both list. The output carries the rankings' own scores,
 * sorted, handed out in the fused order (so `relevance_score` keeps `fast`'s
 * scale and never increases down the list); ties keep the first ranking's
 * order, then the second's. Pure; O(n log n) over the union.
 */
export function fuseRankings(
  rankings: readonly WeightedRanking[],
  k: number = RANK_FUSION.k,
): RankedCandidate[] {
  const fused = new Map<string, { candidate: RankedCandidate; value: number; order: number }>();
  let order = 0;
  for (const { ranking, weight } of rankings) {
    if (weight <= 0) continue;
    ranking.forEach((candidate, index) => {
      const memoryId = candidate.memory.memoryId;
      let entry = fused.get(memoryId);
      if (entry === undefined) {
        entry = { candidate, value: 0, order: order++ };
        fused.set(memoryId, entry);
      }
      entry.value += weight / (k + index + 1);
    });
  }
  const entries = [...fused.values()].sort(
    (left, right) => right.value - left.value || left.order - right.order,
  );
  const scores = entries.map((entry) => entry.candidate.score).sort((left, right) => right - left);
  return entries.map((entry, position) => ({ ...entry.candidate, score: scores[position] ?? 0 }));
}
