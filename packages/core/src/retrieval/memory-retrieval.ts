import type { FetchRequest, MemoryItem, MemoryListKey } from '@engram/protocol';
import type { FetchTarget } from './fetch-scope.js';

/** Items grouped by wire list, each list ranked best first. */
export type RankedLists = Record<MemoryListKey, MemoryItem[]>;

/** Where a fetch's lists came from, as `metadata.source` reports it. */
export type RetrievalSource = 'cache' | 'cloud';

/** Ranked lists and whether they were computed now (`cloud`) or served from a cache. */
export interface SourcedRankedLists {
  lists: RankedLists;
  source: RetrievalSource;
}

/**
 * The seam between the fetch routes and the retrieval pipeline. Implementations
 * must never read outside `target` (tenant isolation) and must return empty
 * lists, not errors, for scopes that hold nothing.
 */
export interface MemoryRetrieval {
  retrieve(target: FetchTarget, request: FetchRequest, abortSignal?: AbortSignal): Promise<RankedLists>;
  /**
   * Optional: the same lists as `retrieve`, saying whether they came from a
   * cache. Without it, every result counts as computed now (`cloud`).
   */
  retrieveWithSource?(
    target: FetchTarget,
    request: FetchRequest,
    abortSignal?: AbortSignal,
  ): Promise<SourcedRankedLists>;
}

/** Five empty lists. */
export function emptyRankedLists(): RankedLists {
  return { facts: [], preferences: [], episodes: [], emotions: [], temporal_events: [] };
}
