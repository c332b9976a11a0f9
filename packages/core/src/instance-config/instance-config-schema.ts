import { INGEST_MODES, RETRIEVAL_MODES } from '@engram/protocol';
import { z } from 'zod';
import {
  COMPACTION_STRATEGIES,
  DEFAULT_COMPACTION_STRATEGY,
} from '../compaction/algorithm/compaction-level.js';
import type { MemoryType } from '../domain/memory.js';

/** The five memory types, in wire order. */
export const CONFIG_MEMORY_TYPES = ['fact', 'preference', 'episode', 'emotion', 'temporal_event'] as const;

const memoryTypeSchema = z.enum(CONFIG_MEMORY_TYPES, {
  message: `must be one of ${CONFIG_MEMORY_TYPES.join(', ')}`,
});

/** A per-type number map; unknown types are refused so a typo is a 422, not a silent no-op. */
function perTypeSchema(value: z.ZodNumber) {
  return z.strictObject({
    fact: value.optional(),
    preference: value.optional(),
    episode: value.optional(),
    emotion: value.optional(),
    temporal_event: value.optional(),
  });
}

const recordedMessagesSchema = z.strictObject({
  /** On: turns recorded with record_message are extracted into memories in the background. */
  enabled: z.boolean().default(true),
  /** Seconds without a new turn after which a conversation's new turns are extracted. */
  idle_seconds: z.number().int().min(1).max(86_400).default(300),
  /** New turns that trigger extraction at once, without waiting for the conversation to go idle. */
  max_pending_turns: z.number().int().min(1).max(1_000).default(40),
});

const extractionSchema = z.strictObject({
  /** Types extraction may produce; memories of other types are dropped before they are written. */
  memory_types: z.array(memoryTypeSchema).default([...CONFIG_MEMORY_TYPES]),
  /** Extracted memories below this confidence are dropped. */
  min_confidence: z.number().min(0).max(1).default(0),
  /** Off: long-range ingestion links no entities (faster, no graph expansion). */
  entity_resolution: z.boolean().default(true),
  /** Mode of an ingestion whose request names none. */
  default_ingestion_mode: z.enum(INGEST_MODES).default('long-range'),
  /** Background extraction of turns recorded with record_message (off: the light path only). */
  recorded_messages: recordedMessagesSchema.default(recordedMessagesSchema.parse({})),
});

const retrievalSchema = z.strictObject({
  /** Mode of a fetch whose request names none. */
  default_mode: z.enum(RETRIEVAL_MODES).default('fast'),
  /** `max_results` of a fetch whose request names none. */
  default_max_results: z.number().int().min(1).max(50).default(10),
  /** Upper bound on `max_results`; larger requests are clamped. */
  max_results_limit: z.number().int().min(1).max(50).default(50),
  /** Multiplier on each type's relevance scores (1 leaves a type as ranked). */
  type_weights: perTypeSchema(z.number().min(0).max(10)).default({}),
  /** Halves a memory's relevance per this many days of age; null leaves ranking alone. */
  recency_half_life_days: z.number().positive().max(36_500).nullable().default(null),
});

const retentionSchema = z.strictObject({
  /** Days after extraction a memory of the type expires (not returned, then deleted); absent: never. */
  ttl_days: perTypeSchema(z.number().positive().max(36_500)).default({}),
  /** Most memories one user scope keeps; null: no limit. */
  max_memories_per_user: z.number().int().min(1).nullable().default(null),
  /** Which memories the retention sweep deletes past the limit: the oldest, or the least confident (oldest first among equals). */
  overflow_policy: z.enum(['delete_oldest', 'delete_least_confident']).default('delete_oldest'),
});

const compactionSchema = z.strictObject({
  /** Uncompacted tokens past which a conversation is compacted; null: the server's setting; 0 disables. */
  threshold_tokens: z.number().int().min(0).max(1_000_000).nullable().default(null),
  /** Level of compactions the server starts (threshold, schedule, transcript) and of requests that name none. */
  level: z.enum(COMPACTION_STRATEGIES).default(DEFAULT_COMPACTION_STRATEGY),
  /** Off: the server's schedule (`compactionScheduleSeconds`) passes over this instance's idle conversations. */
  scheduled: z.boolean().default(true),
});

/**
 * The per-instance memory architecture configuration (MACA) document. Every
 * section and field has a default, so `{}` is a valid document; unknown keys
 * are refused, so a misspelt field is a 422 naming it.
 */
export const instanceConfigSchema = z.strictObject({
  extraction: extractionSchema.default(extractionSchema.parse({})),
  retrieval: retrievalSchema.default(retrievalSchema.parse({})),
  retention: retentionSchema.default(retentionSchema.parse({})),
  compaction: compactionSchema.default(compactionSchema.parse({})),
});

/** A complete, validated configuration document (every default filled in). */
export type InstanceConfigDocument = z.output<typeof instanceConfigSchema>;

/** The document every instance starts with (version 0). */
export const DEFAULT_INSTANCE_CONFIG: InstanceConfigDocument = instanceConfigSchema.parse({});

/** True when extraction may keep a memory of `type`. */
export function memoryTypeEnabled(config: InstanceConfigDocument, type: MemoryType): boolean {
  return config.extraction.memory_types.includes(type);
}
