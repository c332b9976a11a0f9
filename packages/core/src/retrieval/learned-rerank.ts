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
 * question) on LoCoMo categories 1–4, then a logistic calibration (so the
 * logit is a probability's, though only the order is used). Two-fold
 * cross-validation by conversation is what it is judged by (decision 0017).
 * Refit it whenever a feature or an earlier stage changes: the weights
 * describe that pipeline.
 */
export const LEARNED_RERANK: LinearRerankModel = {
  weights: {
    score: 0.9189,
    logRank: -0.1548,
    text: 1.029,
    vector: -0.02494,
    entity: -0.5115,
    found: 0.3518,
    coverage: -0.4224,
    entityOverlap: -0.1322,
    dated: -0.4147,
    whenDated: 0.5537,
    timeMatch: 0.3538,
    subjectNamed: 0.5892,
    logPrior: 0.5781,
    session: 1.658,
    sessionForList: -0.1902,
    logWords: 0.1612,
    evidenceLines: 0.1873,
    logMentions: 0.4075,
    typeFact: -0.2236,
    typePreference: 0.07887,
    typeEpisode: 0.2742,
    typeEmotion: -0.06233,
    typeTemporalEvent: 0.2247,
    speakerNamed: 0.8752,
    softCoverage: 2.798,
    whereHasPlace: 1.253,
    whoHasPerson: -0.1979,
    quantityHasNumber: 0.9115,
  },
  bias: -8.506,
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
 * Re-orders the candidate pool by the model: each candidate takes its best
 * query's logit. The pool's own scores, sorted, are then handed out in the
 * new order, so `relevance_score` stays on the scale `fast` reports (a
 * client's threshold means the same in both modes) while the order is the
 * model's: its probabilities are calibrated on LoCoMo's base rate (one or two
 * evidence memories in a hundred) and would read low. Returns new
 * candidates, best first (ties keep their incoming order). Pure apart from
 * the word-vector cache.
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
    return { candidate, logit, position };
  });
  reranked.sort((left, right) => right.logit - left.logit || left.position - right.position);
  const incoming = input.candidates.map((candidate) => candidate.score).sort((left, right) => right - left);
  return reranked.map(({ candidate }, position) => ({ ...candidate, score: incoming[position] ?? 0 }));
}
