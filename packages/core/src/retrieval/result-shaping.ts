import { MEMORY_LIST_KEYS, type MemoryListKey, TYPE_FILTER_ALIASES } from '@engram/protocol';
import type { MemoryType } from '../domain/memory.js';
import { listKeyOf, toMemoryItem } from './memory-item.js';
import { emptyRankedLists, type RankedLists } from './memory-retrieval.js';
import type { RankedCandidate } from './ranked-candidate.js';

/**
 * The lists a `types` filter selects (spec §1.4: every spelling in
 * TYPE_FILTER_ALIASES, both temporal ones included; `all` or an empty filter
 * selects every list). Unknown entries select nothing (the wire schema
 * rejects them before this point).
 */
export function selectedListKeys(types: readonly string[] | undefined): Set<MemoryListKey> {
  if (types === undefined || types.length === 0) return new Set(MEMORY_LIST_KEYS);
  const selected = new Set<MemoryListKey>();
  for (const type of types) {
    const key = TYPE_FILTER_ALIASES[type.toLowerCase()];
    if (key === 'all') return new Set(MEMORY_LIST_KEYS);
    if (key !== undefined) selected.add(key);
  }
  return selected;
}

/** Memory types that can land in the selected lists (a date-less temporal event lands in `facts`). */
export function memoryTypesFor(lists: ReadonlySet<MemoryListKey>): MemoryType[] {
  const types: MemoryType[] = [];
  if (lists.has('facts')) types.push('fact', 'temporal_event');
  if (lists.has('preferences')) types.push('preference');
  if (lists.has('episodes')) types.push('episode');
  if (lists.has('emotions')) types.push('emotion');
  if (lists.has('temporal_events') && !types.includes('temporal_event')) types.push('temporal_event');
  return types;
}

/** Whether a candidate belongs to one of the selected lists. */
export function inSelectedLists(candidate: RankedCandidate, lists: ReadonlySet<MemoryListKey>): boolean {
  return lists.has(listKeyOf(candidate.memory));
}

/**
 * Maps an unbounded ranking score (≥ 0) to a 0..1 relevance, monotonically,
 * so items of every list compare on one scale (the caller merges the lists and
 * sorts by it). A fused score of 1 with neutral priors reads about 0.86.
 */
export function relevanceOf(score: number): number {
  if (!Number.isFinite(score) || score <= 0) return 0;
  return 1 - Math.exp(-2 * score);
}

/**
 * The response lists: `ranked` (best first, already filtered to the selected
 * lists) is cut to `maxResults` over all types together, then each item goes
 * to its list, keeping the global order within each list.
 */
export function shapeRankedLists(ranked: readonly RankedCandidate[], maxResults: number): RankedLists {
  const lists = emptyRankedLists();
  for (const candidate of ranked.slice(0, Math.max(0, maxResults))) {
    lists[listKeyOf(candidate.memory)].push(
      toMemoryItem(candidate.memory, relevanceOf(candidate.score), candidate.links),
    );
  }
  return lists;
}
