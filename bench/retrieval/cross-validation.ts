import type { ScoredQuestion } from '../locomo/scoring.js';

/** One candidate setting's scored questions, per sample position. */
export interface ConfigScores {
  label: string;
  /** Sample position → that sample's scored questions (categories 1–5). */
  bySample: ReadonlyMap<number, readonly ScoredQuestion[]>;
}

/** One fold: the setting picked on `train` and its figures on both halves. */
export interface FoldResult {
  train: number[];
  test: number[];
  picked: string;
  trainRecallAt10: number;
  testRecallAt10: number;
  /** The first setting (the defaults) on the test half, for comparison. */
  baselineTestRecallAt10: number;
  testQuestions: number;
}

/** Mean R@10 over categories 1–4 of the given samples' questions (0 when none). */
export function recallAt10Of(scores: ConfigScores, samples: readonly number[]): number {
  const questions = samples.flatMap((sample) => scores.bySample.get(sample) ?? []);
  const pooled = questions.filter((question) => question.category !== 5);
  if (pooled.length === 0) return 0;
  return pooled.reduce((sum, question) => sum + question.score.recallAt10, 0) / pooled.length;
}

/**
 * Two-fold cross-validation by conversation: for each fold, the setting with
 * the best R@10 (categories 1–4) on the training half is picked (ties go to
 * the earlier setting) and reported on the held-out half, whose questions it
 * never saw. `settings[0]` is taken as the baseline. Pure.
 */
export function twoFoldCrossValidation(
  settings: readonly ConfigScores[],
  folds: readonly [number[], number[]],
): FoldResult[] {
  const [first, second] = folds;
  const pairs: [number[], number[]][] = [
    [first, second],
    [second, first],
  ];
  return pairs.map(([train, test]) => {
    let best = settings[0] as ConfigScores;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const setting of settings) {
      const score = recallAt10Of(setting, train);
      if (score > bestScore + 1e-12) {
        best = setting;
        bestScore = score;
      }
    }
    const testQuestions = test
      .flatMap((sample) => best.bySample.get(sample) ?? [])
      .filter((question) => question.category !== 5).length;
    return {
      train,
      test,
      picked: best.label,
      trainRecallAt10: bestScore,
      testRecallAt10: recallAt10Of(best, test),
      baselineTestRecallAt10: recallAt10Of(settings[0] as ConfigScores, test),
      testQuestions,
    };
  });
}

/** The cross-validated R@10: held-out figures of both folds, weighted by their question counts. */
export function pooledTestRecall(folds: readonly FoldResult[]): { picked: number; baseline: number } {
  const total = folds.reduce((sum, fold) => sum + fold.testQuestions, 0);
  const weighted = (value: (fold: FoldResult) => number) =>
    total === 0 ? 0 : folds.reduce((sum, fold) => sum + value(fold) * fold.testQuestions, 0) / total;
  return {
    picked: weighted((fold) => fold.testRecallAt10),
    baseline: weighted((fold) => fold.baselineTestRecallAt10),
  };
}
