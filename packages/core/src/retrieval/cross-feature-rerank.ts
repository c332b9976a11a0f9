import { memoryWords } from './memory-words.js';
import type { QueryAnalysis } from './query-analysis.js';
import { stemTerm } from './query-terms.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { timeMatches } from './time-constraints.js';

/** Weights of the cross-features; a candidate's score is multiplied by `1 + Σ weight × feature`. */
export const RERANK_WEIGHTS = { coverage: 0.6, entityOverlap: 0.15, dateMatch: 0.15 } as const;

/** The cross-features of one candidate against one query, each 0..1. */
export interface CrossFeatures {
  /** Share of the query's informative terms (weighted by rarity in the pool) found in the memory's text. */
  coverage: number;
  /** Share of the query's named entities the memory is linked to. */
  entityOverlap: number;
  /** 1 when the memory's date falls in a time the query names (or, for "when" questions, when it is dated). */
  dateMatch: number;
}

/**
 * Re-scores candidates with features that look at query and memory together,
 * which index scores cannot: query-term coverage of the memory's content and
 * verbatim evidence (stemmed, each term weighted by how rare it is in the
 * candidate pool, so "support group" counts more than "caroline"), overlap
 * with the entities the query names, and date agreement. With several
 * queries a candidate takes its best query's boost. Returns new candidates,
 * best first. Pure.
 */
export function rerankByCrossFeatures(
  candidates: readonly RankedCandidate[],
  queries: readonly QueryAnalysis[],
  queryEntityIds: ReadonlySet<string>,
): RankedCandidate[] {
  const texts = candidates.map((candidate) => memoryWords(candidate.memory));
  const perQuery = queries.map((query) => {
    const terms = [...new Set(query.terms.map(stemTerm))];
    return { query, terms, weights: termWeights(terms, texts) };
  });
  const reranked = candidates.map((candidate, index) => {
    let boost = 0;
    for (const { query, terms, weights } of perQuery) {
      const text = texts[index] as ReadonlyMap<string, string>;
      const features = crossFeatures(candidate, text, terms, weights, query, queryEntityIds);
      boost = Math.max(
        boost,
        RERANK_WEIGHTS.coverage * features.coverage +
          RERANK_WEIGHTS.entityOverlap * features.entityOverlap +
          RERANK_WEIGHTS.dateMatch * features.dateMatch,
      );
    }
    return { ...candidate, score: candidate.score * (1 + boost) };
  });
  return reranked.sort((left, right) => right.score - left.score);
}

function crossFeatures(
  candidate: RankedCandidate,
  text: ReadonlyMap<string, string>,
  terms: readonly string[],
  weights: ReadonlyMap<string, number>,
  query: QueryAnalysis,
  queryEntityIds: ReadonlySet<string>,
): CrossFeatures {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const weight = weights.get(term) ?? 0;
    total += weight;
    if (text.has(term)) found += weight;
  }
  let entityOverlap = 0;
  if (queryEntityIds.size > 0) {
    const linked = candidate.links.filter((link) => queryEntityIds.has(link.entityId)).length;
    entityOverlap = Math.min(1, linked / queryEntityIds.size);
  }
  const eventTime =
    candidate.memory.eventDate === undefined ? Number.NaN : Date.parse(candidate.memory.eventDate);
  let dateMatch = 0;
  if (query.times.length > 0) dateMatch = query.times.some((time) => timeMatches(time, eventTime)) ? 1 : 0;
  else if (query.asksWhen) dateMatch = Number.isFinite(eventTime) ? 1 : 0;
  return { coverage: total > 0 ? found / total : 0, entityOverlap, dateMatch };
}

/** Rarity of each query term among the candidates (an IDF over the pool, smoothed so none is 0). */
function termWeights(
  terms: readonly string[],
  texts: readonly ReadonlyMap<string, string>[],
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms) {
    let frequency = 0;
    for (const text of texts) if (text.has(term)) frequency++;
    weights.set(term, Math.log(1 + (texts.length + 1) / (frequency + 1)));
  }
  return weights;
}
