import { TurnBm25Baseline } from './bm25-baseline.js';
import type { LocomoSample } from './locomo-dataset.js';
import {
  aggregateScores,
  isScorable,
  type ScoredQuestion,
  type ScoreRow,
  scoreQuestion,
  TurnIndex,
} from './scoring.js';

/** The BM25 baseline over a set of samples: per-question scores and the aggregated rows. */
export interface Bm25Evaluation {
  readonly scored: readonly (ScoredQuestion & {
    readonly sampleId: string;
    readonly questionIndex: number;
  })[];
  readonly rows: readonly ScoreRow[];
}

/**
 * Runs the raw-turn BM25 baseline on every scorable question of `samples`
 * (each sample is its own index, as each sample is its own user on the server)
 * and scores it exactly as server results are scored.
 */
export function evaluateBm25(samples: readonly LocomoSample[]): Bm25Evaluation {
  const scored = samples.flatMap((sample) => {
    const baseline = new TurnBm25Baseline(sample);
    const turns = new TurnIndex(sample.turns);
    return sample.questions.filter(isScorable).map((question) => ({
      sampleId: sample.sampleId,
      questionIndex: question.index,
      category: question.category,
      score: scoreQuestion(baseline.rank(question.question), question, turns),
    }));
  });
  return { scored, rows: aggregateScores(scored) };
}
