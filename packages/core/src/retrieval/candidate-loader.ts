import type { GraphStore, MemoryStore } from '../ports/memory-store.js';
import type { RankedCandidate } from './ranked-candidate.js';

/**
 * Loads memories by id through the scope-restricted read (ids outside
 * `scopeKeys` simply do not come back) together with their entity links, in
 * two parallel reads. Returns candidates with score 0, keyed by memory id.
 */
export async function loadCandidates(
  stores: { memories: MemoryStore; graph: GraphStore },
  scopeKeys: readonly string[],
  memoryIds: readonly string[],
): Promise<Map<string, RankedCandidate>> {
  const loaded = new Map<string, RankedCandidate>();
  if (memoryIds.length === 0) return loaded;
  const [memories, links] = await Promise.all([
    stores.memories.getMemories(scopeKeys, memoryIds),
    stores.graph.entitiesOfMemories(memoryIds),
  ]);
  for (const memory of memories) {
    loaded.set(memory.memoryId, { memory, links: links.get(memory.memoryId) ?? [], score: 0 });
  }
  return loaded;
}
