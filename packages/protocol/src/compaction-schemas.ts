import { z } from 'zod';
import { conversationIdSchema } from './identifiers.js';
import {
  COMPACTED_FORMATS,
  COMPACTION_LEVELS,
  COMPACTION_STATUSES,
  type CompactionLevel,
} from './wire-enums.js';

const LEVEL_MESSAGE = `must be one of ${COMPACTION_LEVELS.join(', ')}`;

// Trimmed and lower-cased before the check, as the server's level parser does; '' and null mean "not given".
const levelFieldSchema = (field: string) =>
  z
    .string({ message: `${field} ${LEVEL_MESSAGE}` })
    .nullish()
    .transform((value) => (value === null || value === undefined ? '' : value.trim().toLowerCase()))
    .refine((value) => value === '' || (COMPACTION_LEVELS as readonly string[]).includes(value), {
      message: `${field} ${LEVEL_MESSAGE}`,
    })
    .transform((value) => (value === '' ? undefined : (value as CompactionLevel)));

/**
 * E10 body. `sdk.py` sends nulls for unset values and the facade omits them;
 * `compaction_level` is the Python SDK's alias of `strategy` (they must agree
 * when both are given). `target_tokens` is a positive integer.
 */
export const compactRequestSchema = z
  .object({
    conversation_id: conversationIdSchema,
    strategy: levelFieldSchema('strategy'),
    compaction_level: levelFieldSchema('compaction_level'),
    target_tokens: z
      .number({ message: 'target_tokens must be a positive integer' })
      .int('target_tokens must be a positive integer')
      .min(1, 'target_tokens must be a positive integer')
      .nullish()
      .transform((value) => value ?? undefined),
    force: z
      .boolean({ message: 'force must be true or false' })
      .nullish()
      .transform((value) => value ?? false),
  })
  .refine(
    (body) =>
      body.strategy === undefined ||
      body.compaction_level === undefined ||
      body.strategy === body.compaction_level,
    { message: 'strategy and compaction_level are aliases; give one, or the same value', path: ['strategy'] },
  );

/** Validated E10 input. */
export type CompactRequest = z.infer<typeof compactRequestSchema>;

/** E10 response: the job was queued (or, with nothing new to compact, the latest compaction stands). */
export const compactionTriggerResponseSchema = z.object({
  compaction_id: z.string(),
  conversation_id: z.string(),
  status: z.enum(['in_progress', 'completed']),
  trigger_type: z.string(),
  initiated_at: z.string(),
  estimated_completion_seconds: z.number().int(),
  strategy: z.enum(COMPACTION_LEVELS),
  previous_context: z.string().nullable(),
  previous_context_age_seconds: z.number().int().nullable(),
  previous_compaction_id: z.string().nullable(),
});

/** E10 response body. */
export type CompactionTriggerResponse = z.infer<typeof compactionTriggerResponseSchema>;

/** Query of E11: `format` (default structured) and an optional `version` (absent means the latest). */
export const compactedQuerySchema = z.object({
  format: z
    .enum(COMPACTED_FORMATS, { message: `format must be one of ${COMPACTED_FORMATS.join(', ')}` })
    .default('structured'),
  version: z.coerce
    .number({ message: 'version must be a non-negative integer' })
    .int('version must be a non-negative integer')
    .min(0, 'version must be a non-negative integer')
    .optional(),
});

/** One key-extraction item (facts, decisions, preferences, constraints): always an object. */
export const keyExtractionItemSchema = z.object({
  content: z.string(),
  speaker: z.string().nullable(),
  message_id: z.string().nullable(),
  timestamp: z.string().nullable(),
});

/** Metadata of E11, shaped like the Synap `ResponseMetadata` the Python model requires. */
export const compactionMetadataSchema = z.object({
  correlation_id: z.string(),
  ttl_seconds: z.number().int(),
  source: z.literal('cloud'),
  compaction_applied: z.enum(COMPACTION_LEVELS),
  retrieved_at: z.string(),
  trigger: z.string(),
  method: z.enum(['extractive', 'llm']),
  message_count: z.number().int(),
  cutoff_sequence: z.number().int(),
  first_message_at: z.string().nullable(),
  last_message_at: z.string().nullable(),
  budget_tokens: z.number().int(),
});

/**
 * E11 response. `strategy_used` and `level_applied` are always valid
 * compaction levels (the Python SDK builds a `CompactionLevel` from them).
 * `compacted_context` and `formatted_context` both hold the rendering in the
 * requested format; `compacted_token_count` counts the condensed history the
 * compression ratio is measured on, `formatted_token_count` the rendering.
 */
export const compactionResponseSchema = z.object({
  conversation_id: z.string(),
  compaction_id: z.string(),
  version: z.number().int(),
  created_at: z.string(),
  format: z.enum(COMPACTED_FORMATS),
  compacted_context: z.string(),
  formatted_context: z.string(),
  summary: z.string(),
  original_token_count: z.number().int(),
  compacted_token_count: z.number().int(),
  formatted_token_count: z.number().int(),
  compression_ratio: z.number(),
  strategy_used: z.enum(COMPACTION_LEVELS),
  level_applied: z.enum(['conservative', 'balanced', 'aggressive']),
  validation_score: z.number(),
  validation_passed: z.boolean(),
  quality_warning: z.boolean(),
  warnings: z.array(z.string()),
  facts: z.array(keyExtractionItemSchema),
  decisions: z.array(keyExtractionItemSchema),
  preferences: z.array(keyExtractionItemSchema),
  constraints: z.array(keyExtractionItemSchema),
  key_extractions: z.record(z.string(), z.array(keyExtractionItemSchema)),
  current_state: z.record(z.string(), z.unknown()),
  ttl_seconds: z.number().int(),
  metadata: compactionMetadataSchema,
});

/** E11 response body. */
export type CompactionResponse = z.infer<typeof compactionResponseSchema>;

/**
 * E12 response. `compaction_id` is the running job while `in_progress`, else
 * the latest stored compaction (or the failed job); `compaction_ms` is the
 * server-side time of the job that produced the latest compaction, when known.
 */
export const compactionStatusResponseSchema = z.object({
  conversation_id: z.string(),
  status: z.enum(COMPACTION_STATUSES),
  compaction_id: z.string().nullable(),
  trigger_type: z.string().nullable(),
  completed_at: z.string().nullable(),
  compression_ratio: z.number().nullable(),
  validation_score: z.number().nullable(),
  estimated_completion_seconds: z.number().int().nullable(),
  error_message: z.string().nullable(),
  latest_version: z.number().int().nullable(),
  latest_created_at: z.string().nullable(),
  compaction_ms: z.number().nullable(),
});

/** E12 response body. */
export type CompactionStatusResponse = z.infer<typeof compactionStatusResponseSchema>;
