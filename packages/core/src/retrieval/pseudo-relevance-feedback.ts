import { memoryWords } from './memory-words.js';
import { stemTerm } from './query-terms.js';
import type { RankedCandidate } from './ranked-candidate.js';

/** How pseudo-relevance feedback picks its expansion terms. */
export interface FeedbackOptions {
  /** Best-ranked memories read for terms (0 turns feedback off). */
  documents: number;
  /** Expansion terms added to the query. */
  terms: number;
  /** Weight of the expanded query's matches against the caller's (1). */
  weight: number;
}

/**
 * Two documents, ten terms, weight 0.8: two-fold cross-validation by
 * conversation picked two documents on both halves (docs/decisions/0015;
 * figures in 0044). Benchmarks may override the fields;
 * `documents: 0` turns feedback off.
 */
export const PSEUDO_RELEVANCE_FEEDBACK: FeedbackOptions = { documents: 2, terms: 10, weight: 0.8 };

/**
 * Expansion terms for a query from its best-ranked memories (RM3-style
 * pseudo-relevance feedback): words frequent in the top `documents`
 * (weighted by their scores) and rare in the whole candidate pool, other
 * than the query's own words. Returns surface forms, best first. Pure.
 */
export function feedbackTerms(
  ranked: readonly RankedCandidate[],
  queryTerms: readonly string[],
  options: FeedbackOptions,
): string[] {
  if (options.documents <= 0 || options.terms <= 0 || ranked.length === 0) return [];
  const own = new Set(queryTerms.map(stemTerm));
  const pool = ranked.map((candidate) => termsOf(candidate));
  const documentFrequency = new Map<string, number>();
  for (const terms of pool)
    for (const stem of terms.keys()) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  const top = ranked.slice(0, options.documents);
  const best = top[0]?.score ?? 0;
  if (best <= 0) return [];
  const weights = new Map<string, number>();
  const surface = new Map<string, string>();
  top.forEach((candidate, index) => {
    const terms = pool[index] as Map<string, string>;
    const share = candidate.score / best / terms.size;
    for (const [stem, word] of terms) {
      if (own.has(stem)) continue;
      const rarity = Math.log((pool.length + 1) / ((documentFrequency.get(stem) ?? 0) + 0.5));
      weights.set(stem, (weights.get(stem) ?? 0) + share * rarity);
      if (!surface.has(stem)) surface.set(stem, word);
    }
  });
  return [...weights]
    .filter(([, weight]) => weight > 0)
    .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
    .slice(0, options.terms)
    .map(([stem]) => surface.get(stem) as string);
}

/** The memory's stems worth adding to a query: words of three letters or more, no digits. */
function termsOf(candidate: RankedCandidate): Map<string, string> {
  const terms = new Map<string, string>();
  for (const [stem, word] of memoryWords(candidate.memory))
    if (word.length >= 3 && !/\d/u.test(word)) terms.set(stem, word);
  return terms;
}
