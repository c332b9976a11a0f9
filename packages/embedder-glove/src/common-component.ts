import { type SifTables, weightedAverage } from './sif-vector.js';
import { zipfProbabilities } from './sif-weights.js';

/** Options of {@link estimateCommonComponent}. */
export interface CommonComponentOptions {
  /** Sampled sentences; 20,000 gives a direction stable to about 1e-3 between seeds. */
  sentences?: number;
  /** Words per sampled sentence. */
  sentenceLength?: number;
  /** PRNG seed, fixed so the same source always gives the same cache. */
  seed?: number;
}

/**
 * Estimates SIF's common discourse direction: the first right singular vector
 * (uncentred, as in the paper's reference code) of a matrix of sentence
 * vectors. With no corpus to hand, the sentences are sampled from the paper's
 * own generative model: words drawn i.i.d. from the Zipf unigram estimate,
 * restricted to `eligible` rows (words the tokenizer can produce, so
 * punctuation does not pull the direction). Deterministic for a given seed.
 * Returns a unit vector, or undefined when no word is eligible.
 */
export function estimateCommonComponent(
  tables: SifTables,
  eligible: (row: number) => boolean,
  options: CommonComponentOptions = {},
): Float32Array | undefined {
  const { sentences = 20_000, sentenceLength = 12, seed = 0x5eed } = options;
  const { dimensions } = tables;
  const vocabularySize = tables.weights.length;
  const probabilities = zipfProbabilities(vocabularySize);
  const cumulative = new Float64Array(vocabularySize);
  let total = 0;
  for (let row = 0; row < vocabularySize; row += 1) {
    if (eligible(row)) total += probabilities[row]!;
    cumulative[row] = total;
  }
  if (total === 0) return undefined;

  const random = mulberry32(seed);
  const rows = new Int32Array(sentenceLength);
  const sentence = new Float64Array(dimensions);
  const moment = new Float64Array(dimensions * dimensions);
  for (let sample = 0; sample < sentences; sample += 1) {
    for (let position = 0; position < sentenceLength; position += 1) {
      rows[position] = lowerBound(cumulative, random() * total);
    }
    weightedAverage(tables, rows, sentenceLength, sentence);
    for (let i = 0; i < dimensions; i += 1) {
      const scaled = sentence[i]!;
      for (let j = 0; j < dimensions; j += 1) moment[i * dimensions + j]! += scaled * sentence[j]!;
    }
  }
  return topEigenvector(moment, dimensions);
}

/** First index whose cumulative value exceeds `target`. */
function lowerBound(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Power iteration on a symmetric positive semi-definite matrix; unit result. */
function topEigenvector(matrix: Float64Array, size: number): Float32Array | undefined {
  let vector = new Float64Array(size).fill(1 / Math.sqrt(size));
  for (let iteration = 0; iteration < 500; iteration += 1) {
    const next = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      let sum = 0;
      for (let j = 0; j < size; j += 1) sum += matrix[i * size + j]! * vector[j]!;
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return undefined;
    let change = 0;
    for (let i = 0; i < size; i += 1) {
      next[i]! /= norm;
      change = Math.max(change, Math.abs(next[i]! - vector[i]!));
    }
    vector = next;
    if (change < 1e-9) break;
  }
  return Float32Array.from(vector);
}

/** Small, fast, seedable PRNG (public domain); uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
