import type { MemoryStore } from '../ports/memory-store.js';
import type { CachedCandidate, CandidateCache } from './candidate-cache.js';
import type { RankedCandidate } from './ranked-candidate.js';

/**
 * Loads memories by id through the scope-restricted read (ids outside
 * `scopeKeys` simply do not come back) together with their entity links, in
 * one store read ({@link MemoryStore.getMemoriesWithLinks}). Returns
 * candidates with score 0, keyed by memory id. With a `candidateCache` and a
 * store that keeps `memoryScopeVersions`, rows of scopes unchanged since an
 * earlier fetch come from the cache and only the others are read (the
 * versions are read first; see CandidateCache).
 */
export async function loadCandidates(
  stores: { memories: MemoryStore; candidateCache?: CandidateCache | undefined },
  scopeKeys: readonly string[],
  memoryIds: readonly string[],
): Promise<Map<string, RankedCandidate>> {
  const loaded = new Map<string, RankedCandidate>();
  if (memoryIds.length === 0) return loaded;
  const cache = stores.candidateCache;
  const versionsOf = stores.memories.memoryScopeVersions?.bind(stores.memories);
  if (cache === undefined || versionsOf === undefined) {
    for (const row of await readCandidates(stores.memories, scopeKeys, memoryIds)) add(loaded, row);
    return loaded;
  }
  const versions = await versionsOf(scopeKeys);
  const { found, missing } = cache.lookup(scopeKeys, versions, memoryIds);
  for (const row of found) add(loaded, row);
  if (missing.length > 0) {
    const read = await readCandidates(stores.memories, scopeKeys, missing);
    cache.remember(versions, read);
    for (const row of read) add(loaded, row);
  }
  return loaded;
}

async function readCandidates(
  memories: MemoryStore,
  scopeKeys: readonly string[],
  memoryIds: readonly string[],
): Promise<CachedCandidate[]> {
  return [...(await memories.getMemoriesWithLinks(scopeKeys, memoryIds)).values()];
}

function add(loaded: Map<string, RankedCandidate>, row: CachedCandidate): void {
  loaded.set(row.memory.memoryId, { memory: row.memory, links: row.links, score: 0 });
}
