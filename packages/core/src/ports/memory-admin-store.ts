import type { MemoryScope, MemoryType } from '../domain/memory.js';
import type { StoredMemory } from '../domain/stored-memory.js';

/** Which memories a listing keeps by their validity at `now`. */
export type MemoryValidity = 'current' | 'superseded' | 'expired' | 'all';

/** Filters of {@link MemoryAdminStore.listMemories}; every one is optional except the instance. */
export interface MemoryListFilter {
  instanceId: string;
  userId?: string;
  customerId?: string;
  conversationId?: string;
  scope?: MemoryScope;
  types?: readonly MemoryType[];
  /** Extracted at or after this instant (ISO). */
  from?: string;
  /** Extracted before this instant (ISO). */
  to?: string;
  validity: MemoryValidity;
  /** The instant `valid_until` is compared with. */
  now: string;
  /** Opaque position returned as `nextCursor` by the previous page. */
  cursor?: string;
  limit: number;
}

/** A page of memories, newest written first. */
export interface MemoryPage {
  memories: StoredMemory[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Operator reads over memories: listing, history and retention candidates. */
export interface MemoryAdminStore {
  /** One page; pages never repeat or skip a memory while others are written (keyset pagination). */
  listMemories(filter: MemoryListFilter): Promise<MemoryPage>;
  /**
   * The supersession chain through a memory, oldest first: the memories it
   * replaced (transitively) and those that replaced it. Just the memory when
   * it was never superseded; empty when absent from the instance.
   */
  supersessionChain(instanceId: string, memoryId: string): Promise<StoredMemory[]>;
  /** Ids of memories of `type` extracted before `extractedBefore`, at most `limit`. */
  expiredMemoryIds(
    instanceId: string,
    type: MemoryType,
    extractedBefore: string,
    limit: number,
  ): Promise<string[]>;
  /**
   * Ids of each user scope's memories beyond `maxPerUser`, at most `limit`:
   * the oldest ones (`delete_oldest`), or the least confident, oldest first
   * among equals (`delete_least_confident`).
   */
  overflowMemoryIds(
    instanceId: string,
    maxPerUser: number,
    limit: number,
    policy: 'delete_oldest' | 'delete_least_confident',
  ): Promise<string[]>;
}
