// The walk of a memory's supersession chain over `memories` rows: the same
// on every store, which only supplies the two reads.
import type { StoredMemory } from '@engram/core';
import { type MemoryRow, toStoredMemory } from './memory-rows.js';

/** How the walk reads rows of one instance. */
export interface SupersessionReads {
  /** The row of a memory id, if any. */
  byId(memoryId: string): MemoryRow | undefined | Promise<MemoryRow | undefined>;
  /** The rows a memory replaced (`superseded_by` = that id). */
  supersededBy(memoryId: string): MemoryRow[] | Promise<MemoryRow[]>;
}

/** Links followed at most: a chain is never longer in practice, and a cycle must end. */
const MAX_CHAIN = 1_000;

/**
 * Every version of `memoryId`'s history, oldest first (by extraction time,
 * then row order): what it replaced, transitively (a memory may replace
 * several), and what replaced it, one link at a time. Empty when the
 * memory does not exist. Each row appears once, even around a cycle.
 */
export async function supersessionChain(reads: SupersessionReads, memoryId: string): Promise<StoredMemory[]> {
  const start = await reads.byId(memoryId);
  if (!start) return [];
  const chain: MemoryRow[] = [start];
  const seen = new Set([start.memory_id]);
  // Backwards: what this memory replaced; a memory may replace several.
  const queue = [start.memory_id];
  while (queue.length > 0 && chain.length < MAX_CHAIN) {
    const id = queue.shift() as string;
    for (const row of await reads.supersededBy(id)) {
      if (seen.has(row.memory_id)) continue;
      seen.add(row.memory_id);
      chain.push(row);
      queue.push(row.memory_id);
    }
  }
  // Forwards: what replaced it, one link at a time.
  let next = start.superseded_by;
  while (next && !seen.has(next) && chain.length < MAX_CHAIN) {
    const row = await reads.byId(next);
    if (!row) break;
    seen.add(row.memory_id);
    chain.push(row);
    next = row.superseded_by;
  }
  return chain
    .sort((a, b) =>
      a.extracted_at === b.extracted_at
        ? a.memory_rowid - b.memory_rowid
        : a.extracted_at < b.extracted_at
          ? -1
          : 1,
    )
    .map(toStoredMemory);
}
