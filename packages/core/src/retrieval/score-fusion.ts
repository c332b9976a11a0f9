import type { IndexHit } from '../ports/memory-store.js';
import type { QueryHits } from './candidate-search.js';

/** How one ranked list's raw scores become 0..1. */
export type ScoreNormalization =
  /** Divided by the list's top score: keeps ratios, so a list of near-ties stays near 1. */
  | 'max'
  /** Rescaled between the list's lowest and top scores: spreads lists with a compressed range (cosines). */
  | 'min-max';

/** One retrieval signal's hits and how much it counts. */
export interface SignalList {
  name: string;
  hits: readonly IndexHit[];
  /** Share of the fused score; the weights of a fusion should sum to 1. */
  weight: number;
  normalization: ScoreNormalization;
}

/** A memory's fused score and the normalised score of each signal that found it. */
export interface FusedScore {
  memoryId: string;
  /** Weighted sum of the normalised signal scores, 0..1 when the weights sum to 1. */
  score: number;
  /** Normalised 0..1 score per signal name; absent when the signal did not find the memory. */
  signals: Record<string, number>;
}

/**
 * Weighted score fusion: each list's scores are normalised to 0..1 (see
 * {@link ScoreNormalization}; non-positive scores count 0), then a memory's
 * fused score is the weighted sum over the lists that found it, so a memory
 * found by lexical and vector search outranks one found by either alone, in
 * proportion to how well each matched (reciprocal-rank fusion would throw the
 * margins away). A memory listed twice in one list keeps its best score.
 * Returns memories with a positive score, best first (ties by id for a stable order).
 */
export function fuseScores(lists: readonly SignalList[]): FusedScore[] {
  const fused = new Map<string, FusedScore>();
  for (const list of lists) {
    if (list.hits.length === 0 || list.weight <= 0) continue;
    const normalize = normalizer(list);
    const best = new Map<string, number>();
    for (const hit of list.hits) {
      const value = normalize(hit.score);
      if (value > (best.get(hit.memoryId) ?? 0)) best.set(hit.memoryId, value);
    }
    for (const [memoryId, value] of best) {
      let entry = fused.get(memoryId);
      if (entry === undefined) {
        entry = { memoryId, score: 0, signals: {} };
        fused.set(memoryId, entry);
      }
      entry.signals[list.name] = value;
      entry.score += list.weight * value;
    }
  }
  return [...fused.values()]
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score || (left.memoryId < right.memoryId ? -1 : 1));
}

function normalizer(list: SignalList): (score: number) => number {
  let top = Number.NEGATIVE_INFINITY;
  let bottom = Number.POSITIVE_INFINITY;
  for (const hit of list.hits) {
    if (!Number.isFinite(hit.score)) continue;
    top = Math.max(top, hit.score);
    bottom = Math.min(bottom, hit.score);
  }
  if (!(top > 0)) return () => 0;
  if (list.normalization === 'max' || list.hits.length < 3 || top - Math.max(bottom, 0) < 1e-9) {
    return (score) => (Number.isFinite(score) && score > 0 ? Math.min(1, score / top) : 0);
  }
  const floor = Math.max(bottom, 0);
  return (score) =>
    Number.isFinite(score) && score > floor ? Math.min(1, (score - floor) / (top - floor)) : 0;
}

/**
 * Share of each signal in the fused score. Lexical matching leads: on
 * conversational memory BM25 alone beats averaged word vectors by a wide
 * margin, and vectors add most where wording differs (the lexical share is
 * on a plateau around 0.6, an even split is clearly worse: docs/decisions/0044).
 * Entity links add a small, precise signal: rare names the
 * query spells out.
 */
export const FUSION_WEIGHTS = { text: 0.6, vector: 0.3, entity: 0.1 } as const;

/**
 * One query's hits as fusion input: BM25 normalised by its top score (ratios
 * between BM25 scores are meaningful), cosines min-max normalised (their
 * range within one query is compressed), entity scores by their top.
 */
export function signalListsOf(
  hits: QueryHits,
  weights: Record<keyof typeof FUSION_WEIGHTS, number> = FUSION_WEIGHTS,
): SignalList[] {
  return [
    { name: 'text', hits: hits.text, weight: weights.text, normalization: 'max' },
    { name: 'vector', hits: hits.vector, weight: weights.vector, normalization: 'min-max' },
    { name: 'entity', hits: hits.entity, weight: weights.entity, normalization: 'max' },
  ];
}
