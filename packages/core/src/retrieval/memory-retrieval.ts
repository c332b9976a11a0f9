import type { FetchRequest, MemoryItem, MemoryListKey } from '@engram/protocol';
import type { FetchTarget } from './fetch-scope.js';

/** Items grouped by wire list, each list ranked best first. */
export type RankedLists = Record<MemoryListKey, MemoryItem[]>;

/**
 * The seam between the fetch routes and the retrieval pipeline. Implementations
 * must never read outside `target` (tenant isolation) and must return empty
 * lists, not errors, for scopes that hold nothing.
 */
export interface MemoryRetrieval {
  retrieve(target: FetchTarget, request: FetchRequest, abortSignal?: AbortSignal): Promise<RankedLists>;
}

/** Five empty lists. */
export function emptyRankedLists(): RankedLists {
  return { facts: [], preferences: [], episodes: [], emotions: [], temporal_events: [] };
}
