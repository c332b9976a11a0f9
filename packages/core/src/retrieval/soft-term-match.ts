import type { EmbeddingModel } from '../ports/embedding-model.js';

/** A word's unit vector, or undefined when the model has none for it. */
export type WordVectors = (word: string) => Float32Array | undefined;

/** Words remembered per model before the cache starts over (≈ 400 bytes each at 100 dimensions). */
const MAX_CACHED_WORDS = 50_000;
const cachesByModel = new WeakMap<EmbeddingModel, Map<string, Float32Array | undefined>>();

/**
 * The word-vector lookup of `model`, remembered per model (a fetch reads a
 * few thousand words, mostly the same ones fetch after fetch), or undefined
 * when the model offers no word vectors (remote models): soft matching then
 * falls back to exact matching. Unknown words map to undefined, not zeros.
 */
export function wordVectorsOf(model: EmbeddingModel): WordVectors | undefined {
  const wordVector = model.wordVector?.bind(model);
  if (wordVector === undefined) return undefined;
  let cache = cachesByModel.get(model);
  if (cache === undefined) {
    cache = new Map();
    cachesByModel.set(model, cache);
  }
  const words = cache;
  return (word) => {
    if (words.has(word)) return words.get(word);
    if (words.size >= MAX_CACHED_WORDS) words.clear();
    const vector = wordVector(word);
    const known = vector.some((value) => value !== 0) ? vector : undefined;
    words.set(word, known);
    return known;
  };
}

/** One weighted query word for {@link SoftTermMatcher}. */
export interface WeightedQueryWord {
  word: string;
  /** Its share of the query (rarer words weigh more). */
  weight: number;
  /** Matches a memory word exactly under this key (a stem): similarity 1. */
  key: string;
}

/**
 * Soft query-term coverage: for each query word, its best cosine similarity
 * to any word of the memory (1 for an exact match of its key), averaged with
 * the words' weights. So "What genre is it?" partly covers "a mix of drama
 * and romance" and "digestive issue" covers "stomachache", which exact
 * coverage scores 0. Similarities are clamped at 0 and remembered per memory
 * word for the matcher's lifetime (one fetch). Without word vectors it is
 * exact weighted coverage.
 */
export class SoftTermMatcher {
  private readonly queryVectors: (Float32Array | undefined)[];
  private readonly totalWeight: number;
  private readonly similarities = new Map<string, Float64Array>();

  constructor(
    private readonly queryWords: readonly WeightedQueryWord[],
    private readonly vectors: WordVectors | undefined,
  ) {
    this.queryVectors = queryWords.map((query) => vectors?.(query.word));
    this.totalWeight = queryWords.reduce((sum, query) => sum + query.weight, 0);
  }

  /** Coverage 0..1 of the query by a memory's words (key → surface word, as memoryWords gives them). */
  coverage(memoryWords: ReadonlyMap<string, string>): number {
    if (this.totalWeight <= 0) return 0;
    const queryWords = this.queryWords;
    const count = queryWords.length;
    const best = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      if (memoryWords.has((queryWords[index] as WeightedQueryWord).key)) best[index] = 1;
    }
    if (this.vectors !== undefined) {
      for (const word of memoryWords.values()) {
        const similarities = this.similaritiesOf(word);
        for (let index = 0; index < count; index++) {
          const similarity = similarities[index] as number;
          if (similarity > (best[index] as number)) best[index] = similarity;
        }
      }
    }
    let covered = 0;
    for (let index = 0; index < count; index++) {
      covered += (queryWords[index] as WeightedQueryWord).weight * (best[index] as number);
    }
    return covered / this.totalWeight;
  }

  private similaritiesOf(word: string): Float64Array {
    let similarities = this.similarities.get(word);
    if (similarities !== undefined) return similarities;
    similarities = new Float64Array(this.queryWords.length);
    const vector = this.vectors?.(word);
    if (vector !== undefined) {
      const queryVectors = this.queryVectors;
      for (let index = 0; index < queryVectors.length; index++) {
        const queryVector = queryVectors[index];
        if (queryVector !== undefined) similarities[index] = Math.max(0, dot(queryVector, vector));
      }
    }
    this.similarities.set(word, similarities);
    return similarities;
  }
}

function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) sum += (left[index] as number) * (right[index] as number);
  return sum;
}
