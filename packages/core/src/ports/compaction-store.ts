import type { CompactionResult } from '../compaction/algorithm/compaction-types.js';

/** What started a compaction. */
export type CompactionTrigger = 'manual_api' | 'threshold' | 'scheduled' | 'transcript';

/** A stored compaction: one numbered version of a conversation's condensed history. */
export interface StoredCompaction {
  compactionId: string;
  instanceId: string;
  conversationId: string;
  /** 1, 2, 3, ... per conversation. */
  version: number;
  trigger: CompactionTrigger;
  result: CompactionResult;
  createdAt: string;
}

/** Versioned storage of compactions. */
export interface CompactionStore {
  /**
   * Stores a compaction as the conversation's next version (assigned
   * atomically, returned). Earlier versions are kept. Idempotent on
   * `compactionId`: storing an id again returns the stored compaction
   * unchanged (a job run twice after a lost lease adds no version).
   */
  insertCompaction(compaction: Omit<StoredCompaction, 'version'>): Promise<StoredCompaction>;
  /** The newest version, or undefined. */
  latestCompaction(instanceId: string, conversationId: string): Promise<StoredCompaction | undefined>;
  /** A given version, or undefined. */
  getCompaction(
    instanceId: string,
    conversationId: string,
    version: number,
  ): Promise<StoredCompaction | undefined>;
  /**
   * Conversations of any instance with messages after their latest
   * compaction's cutoff whose last message is older than `idleSince`, oldest
   * first, at most `limit` (for scheduled compaction).
   */
  listCompactionCandidates(
    idleSince: string,
    limit: number,
  ): Promise<{ instanceId: string; conversationId: string }[]>;
}
