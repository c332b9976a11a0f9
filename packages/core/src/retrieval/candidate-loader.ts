import type { MemoryStore } from '../ports/memory-store.js';
import type { CachedCandidate, CandidateCache } from './candidate-cache.js';
import type { RankedCandidate } from './ranked-candidate.js';

/** The stores a candidate load reads, and the cache it may serve from. */
export interface CandidateSources {
  memories: MemoryStore;
  candidateCache?: CandidateCache | undefined;
}

/** A started read of the scopes' `memoryScopeVersions` (see {@link readCandidateVersions}). */
export type CandidateVersions = Promise<ReadonlyMap<string, number>>;

/**
 * Starts reading the versions the candidate cache checks, or undefined when
 * there is no cache or the store keeps no versions. Meant to be called in
 * the same synchronous run as a fetch's first index reads: a store that sends
 * the reads of one run together (PostgreSQL's StatementBatch) then reads the
 * versions at no extra round trip. Reading them before the search is as safe
 * as just before the rows: the rows read later are labelled with an older
 * version, so a write in between only makes them stale sooner, and the
 * versions are still read after the fetch began, so every write committed
 * before it is seen. A rejection is observed here and raised where awaited.
 */
export function readCandidateVersions(
  sources: CandidateSources,
  scopeKeys: readonly string[],
): CandidateVersions | undefined {
  const memories = sources.memories;
  if (sources.candidateCache === undefined || memories.memoryScopeVersions === undefined) return undefined;
  const read = memories.memoryScopeVersions(scopeKeys);
  // A fetch with no candidates never awaits it: no unhandled rejection.
  read.catch(() => undefined);
  return read;
}

/**
 * Loads memories by id through the scope-restricted read (ids outside
 * `scopeKeys` simply do not come back) together with their entity links, in
 * one store read ({@link MemoryStore.getMemoriesWithLinks}). Returns
 * candidates with score 0, keyed by memory id. With a `candidateCache` and a
 * store that keeps `memoryScopeVersions`, rows of scopes unchanged since an
 * earlier fetch come from the cache and only the others are read, checked
 * against `versions` (started by {@link readCandidateVersions} earlier in the
 * fetch) or, without it, versions read now, before the rows.
 */
export async function loadCandidates(
  sources: CandidateSources,
  scopeKeys: readonly string[],
  memoryIds: readonly string[],
  versions?: CandidateVersions,
): Promise<Map<string, RankedCandidate>> {
  const loaded = new Map<string, RankedCandidate>();
  if (memoryIds.length === 0) return loaded;
  const cache = sources.candidateCache;
  const versionsRead = versions ?? readCandidateVersions(sources, scopeKeys);
  if (cache === undefined || versionsRead === undefined) {
    for (const row of await readCandidates(sources.memories, scopeKeys, memoryIds)) add(loaded, row);
    return loaded;
  }
  const current = await versionsRead;
  const { found, missing } = cache.lookup(scopeKeys, current, memoryIds);
  for (const row of found) add(loaded, row);
  if (missing.length > 0) {
    const read = await readCandidates(sources.memories, scopeKeys, missing);
    cache.remember(current, read);
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
