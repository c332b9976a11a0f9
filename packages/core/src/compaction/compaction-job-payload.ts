import { z } from 'zod';
import { COMPACTION_STRATEGIES } from './algorithm/compaction-level.js';

/** Job kind of a compaction. */
export const COMPACT_CONVERSATION_JOB = 'compact-conversation' as const;

/**
 * Serial key of a conversation's compaction jobs: one runs at a time, and the
 * latest job with this key is what E12 and the 409 check look at.
 */
export function compactionSerialKey(conversationId: string): string {
  return `compaction:${conversationId}`;
}

/**
 * What a `compact-conversation` job carries. Validated when a worker picks
 * the job up, so a payload written by an older version fails loudly.
 */
export const compactionJobPayloadSchema = z.object({
  conversationId: z.string(),
  strategy: z.enum(COMPACTION_STRATEGIES),
  targetTokens: z.number().int().positive().optional(),
  /** Re-compact the whole raw history instead of building on the latest compaction. */
  force: z.boolean(),
  trigger: z.enum(['manual_api', 'threshold', 'scheduled', 'transcript']),
});

/** Parsed payload of a `compact-conversation` job. */
export type CompactionJobPayload = z.infer<typeof compactionJobPayloadSchema>;

/** What a finished compaction job records as its result (read back by E12). */
export interface CompactionJobResult {
  compactionId: string;
  version: number;
  /** Server-side time of the compaction itself (loading and storing included), in milliseconds. */
  compactionMs: number;
  /** True when nothing new had arrived and the latest compaction was kept. */
  unchanged: boolean;
  [key: string]: unknown;
}
