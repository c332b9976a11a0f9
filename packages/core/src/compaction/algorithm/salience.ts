import type { SentenceUnit } from './sentence-units.js';

/** Sparse TF-IDF vectors of the sentence units over one conversation's vocabulary. */
export interface TermIndex {
  /** Term → id. */
  ids: Map<string, number>;
  /** Per unit: its distinct term ids, ascending. */
  unitTermIds: Int32Array[];
  /** Per unit: L2-normalised TF-IDF weights aligned with `unitTermIds`. */
  unitWeights: Float64Array[];
  /** Sentences containing each term. */
  documentFrequency: Int32Array;
  /** Smoothed inverse document frequency per term. */
  idf: Float64Array;
}

/** Builds the term index of `units` in one pass plus one normalisation pass. Linear in total terms. */
export function buildTermIndex(units: readonly SentenceUnit[]): TermIndex {
  const ids = new Map<string, number>();
  const counts: Map<number, number>[] = [];
  const frequency: number[] = [];
  for (const unit of units) {
    const unitCounts = new Map<number, number>();
    for (const term of unit.terms) {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
        frequency.push(0);
      }
      unitCounts.set(id, (unitCounts.get(id) ?? 0) + 1);
    }
    for (const id of unitCounts.keys()) frequency[id] = (frequency[id] ?? 0) + 1;
    counts.push(unitCounts);
  }
  const documentFrequency = Int32Array.from(frequency);
  const idf = new Float64Array(documentFrequency.length);
  const total = Math.max(units.length, 1);
  for (let id = 0; id < idf.length; id++) idf[id] = Math.log(1 + total / (documentFrequency[id] ?? 1));
  const unitTermIds: Int32Array[] = [];
  const unitWeights: Float64Array[] = [];
  for (const unitCounts of counts) {
    const termIds = Int32Array.from([...unitCounts.keys()].sort((left, right) => left - right));
    const weights = new Float64Array(termIds.length);
    let norm = 0;
    termIds.forEach((id, position) => {
      const weight = (1 + Math.log(unitCounts.get(id) ?? 1)) * (idf[id] ?? 0);
      weights[position] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let position = 0; position < weights.length; position++) weights[position]! /= norm;
    unitTermIds.push(termIds);
    unitWeights.push(weights);
  }
  return { ids, unitTermIds, unitWeights, documentFrequency, idf };
}

/** Tuning of {@link scoreSalience}. */
export interface SalienceOptions {
  /** Neighbours on each side linked in the TextRank graph. */
  window?: number;
  /** Power iterations. */
  iterations?: number;
}

const DAMPING = 0.85;

/**
 * Salience per unit, roughly 0..1.6: centrality (TextRank over a sparse
 * graph linking each sentence to its `window` neighbours on each side,
 * blended with similarity to the conversation centroid) times priors: a
 * recency ramp (0.85 → 1.15), boosts for names, numbers and dates, and
 * penalties for questions and near-empty sentences ("Haha, same!").
 * O(n · window · terms) time, O(n · window) memory, never n².
 */
export function scoreSalience(
  units: readonly SentenceUnit[],
  index: TermIndex,
  options: SalienceOptions = {},
): Float64Array {
  const count = units.length;
  const scores = new Float64Array(count);
  if (count === 0) return scores;
  const textRank = windowedTextRank(index, options.window ?? 8, options.iterations ?? 20);
  const centroid = centroidSimilarity(index);
  const maxRank = maxOf(textRank);
  const maxCentroid = maxOf(centroid);
  for (let position = 0; position < count; position++) {
    const unit = units[position]!;
    const centrality = 0.5 * (textRank[position]! / maxRank) + 0.5 * (centroid[position]! / maxCentroid);
    const distinctTerms = index.unitTermIds[position]!.length;
    let prior = 0.85 + (0.3 * position) / Math.max(count - 1, 1);
    if (unit.signals.entities.length > 0) prior += 0.25;
    if (unit.signals.numbers.length > 0) prior += 0.15;
    if (unit.signals.hasDate) prior += 0.25;
    if (unit.isQuestion) prior *= 0.75;
    if (distinctTerms < 3) prior *= 0.4;
    scores[position] = centrality * prior;
  }
  return scores;
}

// A loop, not Math.max(...values): spreading a long array overflows the call stack.
function maxOf(values: Float64Array): number {
  let max = 1e-12;
  for (const value of values) if (value > max) max = value;
  return max;
}

function windowedTextRank(index: TermIndex, window: number, iterations: number): Float64Array {
  const count = index.unitTermIds.length;
  // Edges stored per source as flat neighbour lists; weights row-normalised for the random walk.
  const neighbours: number[][] = Array.from({ length: count }, () => []);
  const weights: number[][] = Array.from({ length: count }, () => []);
  for (let left = 0; left < count; left++) {
    for (let right = left + 1; right <= Math.min(count - 1, left + window); right++) {
      const similarity = sparseDot(index, left, right);
      if (similarity <= 0) continue;
      neighbours[left]!.push(right);
      weights[left]!.push(similarity);
      neighbours[right]!.push(left);
      weights[right]!.push(similarity);
    }
  }
  const outWeight = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  let rank = new Float64Array(count).fill(1 / count);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const next = new Float64Array(count).fill((1 - DAMPING) / count);
    for (let source = 0; source < count; source++) {
      const total = outWeight[source]!;
      if (total === 0) {
        next[source]! += DAMPING * rank[source]!;
        continue;
      }
      const share = (DAMPING * rank[source]!) / total;
      const row = neighbours[source]!;
      const rowWeights = weights[source]!;
      for (let edge = 0; edge < row.length; edge++) next[row[edge]!]! += share * rowWeights[edge]!;
    }
    rank = next;
  }
  return rank;
}

function centroidSimilarity(index: TermIndex): Float64Array {
  const centroid = new Float64Array(index.idf.length);
  index.unitTermIds.forEach((termIds, unit) => {
    const unitWeights = index.unitWeights[unit]!;
    for (let position = 0; position < termIds.length; position++)
      centroid[termIds[position]!]! += unitWeights[position]!;
  });
  let norm = 0;
  for (const value of centroid) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  return Float64Array.from(index.unitTermIds, (termIds, unit) => {
    const unitWeights = index.unitWeights[unit]!;
    let dot = 0;
    for (let position = 0; position < termIds.length; position++)
      dot += unitWeights[position]! * centroid[termIds[position]!]!;
    return dot / norm;
  });
}

/** Cosine of two units (vectors are normalised): a merge over their ascending term ids. */
export function sparseDot(index: TermIndex, left: number, right: number): number {
  const leftIds = index.unitTermIds[left]!;
  const rightIds = index.unitTermIds[right]!;
  const leftWeights = index.unitWeights[left]!;
  const rightWeights = index.unitWeights[right]!;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < leftIds.length && j < rightIds.length) {
    const a = leftIds[i]!;
    const b = rightIds[j]!;
    if (a === b) {
      dot += leftWeights[i]! * rightWeights[j]!;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return dot;
}
