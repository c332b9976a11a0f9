/**
 * SIF word weights (Arora, Liang and Ma, "A Simple but Tough-to-Beat Baseline
 * for Sentence Embeddings", ICLR 2017): weight(w) = a / (a + p(w)).
 *
 * The wink GloVe file carries no counts, only the vocabulary in frequency
 * order, so p(w) is estimated from the rank with Zipf's law (exponent 1):
 * p(rank r, 1-based) = 1 / (r * H_N), H_N the N-th harmonic number. For the
 * 341k-word vocabulary this gives "the" about 7.5 % of tokens (English text:
 * roughly 5-7 %), and the weights the paper relies on: about 0.01 for "the",
 * 0.5 near rank 75, above 0.9 past rank 750.
 */

/** The paper's recommended smoothing constant (its range is 1e-4 to 1e-3). */
export const DEFAULT_SIF_A = 1e-3;

/** Zipf estimate of the unigram probability of each rank (0-based) in a vocabulary of `count` words. */
export function zipfProbabilities(count: number): Float64Array {
  let harmonic = 0;
  for (let rank = count; rank >= 1; rank -= 1) harmonic += 1 / rank;
  const probabilities = new Float64Array(count);
  for (let index = 0; index < count; index += 1) probabilities[index] = 1 / ((index + 1) * harmonic);
  return probabilities;
}

/** SIF weight a / (a + p) of each rank (0-based), from {@link zipfProbabilities}. */
export function sifWeights(count: number, a: number = DEFAULT_SIF_A): Float32Array {
  const probabilities = zipfProbabilities(count);
  const weights = new Float32Array(count);
  for (let index = 0; index < count; index += 1) weights[index] = a / (a + probabilities[index]!);
  return weights;
}
