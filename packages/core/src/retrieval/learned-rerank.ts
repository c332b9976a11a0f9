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
 * question) on LoCoMo categories 1–5, then a logistic calibration (so the
 * logit is a probability's, though only the order is used). Category 5
 * (adversarial: the question names the wrong person) is fitted on too
 * (decision 0048): fitted on 1–4 alone the model trusted "the named person
 * said it" (speakerNamed, subjectNamed) and held out it ranked those
 * questions' evidence at 0.668 R@10 against fast's 0.812; fitted on 1–5 it
 * holds out 0.862 there and 0.798 on 1–4 (0.798 fitted on 1–4 alone). Two-fold
 * cross-validation by conversation is what it is judged by (decision 0017).
 * Refit it whenever a feature or an earlier stage changes: the weights
 * describe that pipeline.
 */
export const LEARNED_RERANK: LinearRerankModel = {
  weights: {
    score: 0.7171,
    logRank: -0.1516,
    text: 1.24,
    vector: -0.0003298,
    entity: -0.315,
    found: 0.5376,
    coverage: -0.4861,
    entityOverlap: -0.2062,
    dated: -0.5459,
    whenDated: 0.7497,
    timeMatch: 0.2729,
    subjectNamed: 0.1531,
    logPrior: 0.2531,
    session: 1.903,
    sessionForList: -0.2455,
    logWords: 0.2655,
    evidenceLines: -0.05623,
    logMentions: 0.698,
    typeFact: -0.3351,
    typePreference: 0.06005,
    typeEpisode: 0.3114,
    typeEmotion: 0.1313,
    typeTemporalEvent: 0.247,
    speakerNamed: 0.3867,
    softCoverage: 3.015,
    whereHasPlace: 1.174,
    whoHasPerson: -0.2003,
    quantityHasNumber: 1.077,
  },
  bias: -8.011,
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
