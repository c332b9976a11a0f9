import type { MemoryType } from '../domain/memory.js';
import type { GraphStore, MemoryStore } from '../ports/memory-store.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { isOutdated, PRIOR_FACTORS } from './ranking-priors.js';

/** Share of the no-query score that recency carries; confidence carries the rest. */
export const RECENT_RECENCY_WEIGHT = 0.6;

/**
 * The no-query fetch ("most recent and relevant, no semantic filter"): the
 * `limit × 3` most recent memories of the scopes, re-ranked by a blend of
 * recency rank and confidence, outdated ones (superseded, expired) lowered.
 * Returns candidates with their entity links, best first, scores in 0..1.
 */
export async function recentCandidates(
  stores: { memories: MemoryStore; graph: GraphStore },
  scopeKeys: readonly string[],
  types: readonly MemoryType[],
  limit: number,
  now: number,
): Promise<RankedCandidate[]> {
  const recent = await stores.memories.listRecent(scopeKeys, Math.max(limit * 3, limit), types);
  if (recent.length === 0) return [];
  const links = await stores.graph.entitiesOfMemories(recent.map((memory) => memory.memoryId));
  return recent
    .map((memory, rank) => {
      const recency = 1 - rank / recent.length;
      const confidence = Number.isFinite(memory.confidence) ? Math.min(1, Math.max(0, memory.confidence)) : 0;
      let score = RECENT_RECENCY_WEIGHT * recency + (1 - RECENT_RECENCY_WEIGHT) * confidence;
      if (isOutdated(memory, now)) score *= PRIOR_FACTORS.outdated;
      return { memory, links: links.get(memory.memoryId) ?? [], score };
    })
    .sort((left, right) => right.score - left.score);
}
