import type { MemoryStore } from '../ports/memory-store.js';
import type { RankedCandidate } from './ranked-candidate.js';

/**
 * Loads memories by id through the scope-restricted read (ids outside
 * `scopeKeys` simply do not come back) together with their entity links, in
 * one store read ({@link MemoryStore.getMemoriesWithLinks}). Returns
 * candidates with score 0, keyed by memory id.
 */
export async function loadCandidates(
  stores: { memories: MemoryStore },
  scopeKeys: readonly string[],
  memoryIds: readonly string[],
): Promise<Map<string, RankedCandidate>> {
  const loaded = new Map<string, RankedCandidate>();
  if (memoryIds.length === 0) return loaded;
  for (const [memoryId, { memory, links }] of await stores.memories.getMemoriesWithLinks(
    scopeKeys,
    memoryIds,
  )) {
    loaded.set(memoryId, { memory, links, score: 0 });
  }
  return loaded;
}
