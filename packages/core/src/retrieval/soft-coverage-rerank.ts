import { memoryWords } from './memory-words.js';
import { stemTerm } from './query-terms.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { SoftTermMatcher, type WordVectors } from './soft-term-match.js';

/** Tuning of {@link rerankBySoftCoverage}. */
export interface SoftCoverageOptions {
  /**
   * Share of the re-sort key that soft coverage carries:
   * `key = score × (1 − weight + weight × coverage)`. 0 turns the stage off.
   */
  weight: number;
  /** Best candidates re-sorted; the rest keep their place below them. */
  depth: number;
}

/**
 * Defaults (decision 0049). Fitted on conversation folds with
 * `bench/retrieval/evaluate-retrieval.ts --cv --sweep tuning.softCoverage.weight=…`;
 * the depth bounds the cost (word-vector dot products for `depth` memories)
 * inside `fast`'s latency budget.
 */
export const SOFT_COVERAGE: SoftCoverageOptions = { weight: 0.4, depth: 30 };

/**
 * Semantic matching for `fast`: the best `depth` candidates are re-sorted by
 * their score times a soft query-term coverage factor ({@link SoftTermMatcher}:
 * each query word's best word-vector similarity to a word of the memory,
 * weighted by its rarity among these candidates). So a memory that says
 * "stomachache" to a question about a "digestive issue" is not left below
 * one that merely repeats the question's common words. `queries` are the
 * caller's query term lists; a memory takes its best query's coverage.
 * The pool's own scores, sorted, are handed out in the new order, so
 * scores keep their scale and never increase down the list, and the
 * candidates below `depth` are untouched. Without word vectors, coverage
 * is exact (stems). Returns a new array; pure apart from the word-vector cache.
 */
export function rerankBySoftCoverage(
  ranked: readonly RankedCandidate[],
  queries: readonly (readonly string[])[],
  wordVectors: WordVectors | undefined,
  options: SoftCoverageOptions = SOFT_COVERAGE,
): RankedCandidate[] {
  const depth = Math.min(ranked.length, Math.max(0, Math.floor(options.depth)));
  if (options.weight <= 0 || depth < 2 || queries.every((terms) => terms.length === 0)) return [...ranked];
  const head = ranked.slice(0, depth);
  const texts = head.map((candidate) => memoryWords(candidate.memory));
  const matchers = queries.map((terms) => {
    const keys = [...new Set(terms.map(stemTerm))];
    const rarity = new Map(keys.map((key) => [key, rarityOf(key, texts)]));
    return new SoftTermMatcher(
      terms.map((word) => ({ word, key: stemTerm(word), weight: rarity.get(stemTerm(word)) ?? 0 })),
      wordVectors,
    );
  });
  const keyed = head.map((candidate, position) => {
    let coverage = 0;
    for (const matcher of matchers)
      coverage = Math.max(coverage, matcher.coverage(texts[position] as ReadonlyMap<string, string>));
    return { candidate, position, key: candidate.score * (1 - options.weight + options.weight * coverage) };
  });
  keyed.sort((left, right) => right.key - left.key || left.position - right.position);
  const scores = head.map((candidate) => candidate.score).sort((left, right) => right - left);
  return [
    ...keyed.map(({ candidate }, position) => ({ ...candidate, score: scores[position] ?? 0 })),
    ...ranked.slice(depth),
  ];
}

/** Inverse document frequency of a stem among the candidates (as the re-ranker weighs terms). */
function rarityOf(key: string, texts: readonly ReadonlyMap<string, string>[]): number {
  let frequency = 0;
  for (const text of texts) if (text.has(key)) frequency++;
  return Math.log(1 + (texts.length + 1) / (frequency + 1));
}
