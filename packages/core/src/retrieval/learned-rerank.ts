import type { RankedCandidate } from './ranked-candidate.js';
import {
  RERANK_FEATURES,
  type RerankFeature,
  type RerankInput,
  rerankFeatureRows,
} from './rerank-features.js';

/**
 * A linear re-ranking model: the logit that a memory is evidence for the
 * query is `bias + Σ weight × feature` over {@link RERANK_FEATURES} (raw
 * feature values; the fit's standardisation is folded in).
 */
export interface LinearRerankModel {
  weights: Readonly<Record<RerankFeature, number>>;
  bias: number;
}

/**
 * The `accurate` re-ranker, fitted offline by `npm run bench:fit-rerank`
 * (bench/retrieval/fit-rerank-model.ts): pairwise logistic regression (a
 * memory that cites an evidence turn against one that does not, per
 * question) on LoCoMo categories 1–4, then a logistic calibration so the
 * output reads as a probability. Two-fold cross-validation by conversation
 * is what it is judged by (see decision 0017). Refit it whenever a feature
 * or an earlier stage changes: the weights describe that pipeline.
 */
export const LEARNED_RERANK: LinearRerankModel = {
  weights: {
    score: 0.9282,
    logRank: -0.1523,
    text: 1.059,
    vector: -0.01872,
    entity: -0.5322,
    found: 0.3594,
    coverage: -0.4518,
    entityOverlap: -0.1318,
    dated: -0.3737,
    whenDated: 0.5269,
    timeMatch: 0.3404,
    subjectNamed: 0.5862,
    logPrior: 0.583,
    session: 1.665,
    sessionForList: -0.2168,
    logWords: 0.1671,
    evidenceLines: 0.1794,
    logMentions: 0.4175,
    typeFact: -0.2174,
    typePreference: 0.07312,
    typeEpisode: 0.286,
    typeEmotion: -0.1009,
    typeTemporalEvent: 0.244,
    speakerNamed: 0.8787,
    softCoverage: 2.778,
  },
  bias: -8.525,
};

/** The model's logit for one feature row. */
export function rerankLogit(row: Float64Array, model: LinearRerankModel = LEARNED_RERANK): number {
  let logit = model.bias;
  RERANK_FEATURES.forEach((name, index) => {
    logit += model.weights[name] * (row[index] as number);
  });
  return logit;
}

/**
 * Re-scores the candidate pool with the model: each candidate takes its best
 * query's probability p, and its score becomes −ln(1 − p) / 2, so the
 * relevance shaping reports p itself (relevanceOf(score) = 1 − e^(−2·score)).
 * Returns new candidates, best first (ties by id). Pure apart from the
 * word-vector cache.
 */
export function rerankByLearnedModel(
  input: RerankInput,
  model: LinearRerankModel = LEARNED_RERANK,
): RankedCandidate[] {
  const rows = rerankFeatureRows(input);
  const reranked = input.candidates.map((candidate, position) => {
    let logit = Number.NEGATIVE_INFINITY;
    for (const queryRows of rows)
      logit = Math.max(logit, rerankLogit(queryRows[position] as Float64Array, model));
    const probability = Number.isFinite(logit) ? 1 / (1 + Math.exp(-logit)) : 0;
    return { ...candidate, score: -Math.log(1 - Math.min(probability, 1 - 1e-12)) / 2 };
  });
  return reranked.sort(
    (left, right) => right.score - left.score || (left.memory.memoryId < right.memory.memoryId ? -1 : 1),
  );
}
