// Pairwise logistic regression (a linear RankNet) for the accurate re-ranker,
// and the calibration that turns its scores into probabilities. Plain full-batch
// gradient descent: a few thousand questions and two dozen features fit in
// seconds, and the result is deterministic.

/** One question's candidates: a feature row and a 0/1 label each. */
export interface LabelledGroup {
  rows: readonly Float64Array[];
  labels: readonly number[];
}

/** Fitted on standardised features: score = Σ weights[i] × (x[i] − mean[i]) / scale[i]. */
export interface StandardisedLinearModel {
  weights: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
}

/** Fit options: L2 penalty and full-batch gradient steps. */
export interface PairwiseFitOptions {
  l2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_PAIRWISE_FIT: PairwiseFitOptions = { l2: 1e-3, epochs: 200, learningRate: 0.5 };

/**
 * Fits weights that rank each group's positives above its negatives: the
 * loss is log(1 + e^(−(s⁺ − s⁻))) over every positive–negative pair of a
 * group, each group weighing the same (its pairs share weight 1). Groups
 * without both labels teach nothing and are skipped.
 */
export function fitPairwiseLogistic(
  groups: readonly LabelledGroup[],
  options: PairwiseFitOptions = DEFAULT_PAIRWISE_FIT,
): StandardisedLinearModel {
  const dimensions = groups.find((group) => group.rows.length > 0)?.rows[0]?.length ?? 0;
  const { mean, scale } = standardisation(groups, dimensions);
  const pairs: { difference: Float64Array; weight: number }[] = [];
  for (const group of groups) {
    const standardised = group.rows.map((row) =>
      row.map((value, index) => (value - mean[index]!) / scale[index]!),
    );
    const positives = standardised.filter((_, index) => group.labels[index] === 1);
    const negatives = standardised.filter((_, index) => group.labels[index] !== 1);
    if (positives.length === 0 || negatives.length === 0) continue;
    const weight = 1 / (positives.length * negatives.length);
    for (const positive of positives) {
      for (const negative of negatives) {
        pairs.push({ difference: positive.map((value, index) => value - negative[index]!), weight });
      }
    }
  }
  const weights = new Float64Array(dimensions);
  const groupCount = pairs.reduce((sum, pair) => sum + pair.weight, 0);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const gradient = new Float64Array(dimensions);
    for (const { difference, weight } of pairs) {
      let margin = 0;
      for (let index = 0; index < dimensions; index++) margin += weights[index]! * difference[index]!;
      const slope = weight / (1 + Math.exp(margin));
      for (let index = 0; index < dimensions; index++) gradient[index]! += slope * difference[index]!;
    }
    for (let index = 0; index < dimensions; index++) {
      weights[index]! +=
        options.learningRate * (gradient[index]! / groupCount - options.l2 * weights[index]!);
    }
  }
  return { weights, mean, scale };
}

/** The standardised model's score of one raw feature row. */
export function standardisedScore(model: StandardisedLinearModel, row: Float64Array): number {
  let score = 0;
  for (let index = 0; index < row.length; index++) {
    score += (model.weights[index]! * (row[index]! - model.mean[index]!)) / model.scale[index]!;
  }
  return score;
}

/**
 * Pointwise logistic calibration p = σ(slope × score + intercept) of the
 * model's scores against the labels (Platt scaling), by gradient descent.
 */
export function calibrate(
  model: StandardisedLinearModel,
  groups: readonly LabelledGroup[],
  epochs = 300,
): { slope: number; intercept: number } {
  const samples: [number, number][] = [];
  for (const group of groups) {
    for (const [index, row] of group.rows.entries()) {
      samples.push([standardisedScore(model, row), group.labels[index] ?? 0]);
    }
  }
  let slope = 1;
  let intercept = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let gradientSlope = 0;
    let gradientIntercept = 0;
    for (const [score, label] of samples) {
      const error = label - 1 / (1 + Math.exp(-(slope * score + intercept)));
      gradientSlope += error * score;
      gradientIntercept += error;
    }
    slope += (0.5 * gradientSlope) / samples.length;
    intercept += (0.5 * gradientIntercept) / samples.length;
  }
  return { slope, intercept };
}

/** Folds standardisation and calibration into raw-feature weights and a bias. */
export function rawWeights(
  model: StandardisedLinearModel,
  calibration: { slope: number; intercept: number },
): { weights: number[]; bias: number } {
  let bias = calibration.intercept;
  const weights = [...model.weights].map((weight, index) => {
    const raw = (calibration.slope * weight) / model.scale[index]!;
    bias -= raw * model.mean[index]!;
    return raw;
  });
  return { weights, bias };
}

function standardisation(
  groups: readonly LabelledGroup[],
  dimensions: number,
): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(dimensions);
  const scale = new Float64Array(dimensions);
  let count = 0;
  for (const group of groups) {
    for (const row of group.rows) {
      count++;
      for (let index = 0; index < dimensions; index++) mean[index]! += row[index]!;
    }
  }
  for (let index = 0; index < dimensions; index++) mean[index]! /= Math.max(1, count);
  for (const group of groups) {
    for (const row of group.rows) {
      for (let index = 0; index < dimensions; index++) scale[index]! += (row[index]! - mean[index]!) ** 2;
    }
  }
  // A constant feature keeps scale 1 (its weight stays 0).
  for (let index = 0; index < dimensions; index++)
    scale[index] = Math.sqrt(scale[index]! / Math.max(1, count)) || 1;
  return { mean, scale };
}
