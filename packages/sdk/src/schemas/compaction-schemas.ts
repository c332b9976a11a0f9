import { COMPACTION_LEVELS } from '@engram/protocol';
import { z } from 'zod';

/**
 * Response schemas of the compaction routes (E10–E12). Lenient: unknown keys
 * are kept and only the fields the Python SDK requires are required.
 */

/**
 * E10 `POST /v1/conversations/compact`. Every field is optional: the Python SDK
 * fills in defaults (`compaction_id` "pending", `status` "in_progress", ...).
 */
export const compactionTriggerResponseSchema = z
  .object({
    compaction_id: z.string().nullish(),
    conversation_id: z.string().nullish(),
    status: z.string().nullish(),
    trigger_type: z.string().nullish(),
    initiated_at: z.string().nullish(),
    estimated_completion_seconds: z.number().nullish(),
    previous_context: z.unknown().optional(),
    previous_context_age_seconds: z.number().nullish(),
    previous_compaction_id: z.string().nullish(),
  })
  .loose();
/** E10 response body. */
export type CompactionTriggerResponse = z.infer<typeof compactionTriggerResponseSchema>;

/**
 * E11 `GET /v1/conversations/{id}/compacted`. `strategy_used` is required and
 * must be one of the seven compaction levels (the Python SDK crashes otherwise).
 */
export const compactionResponseSchema = z
  .object({
    strategy_used: z.enum(COMPACTION_LEVELS),
    formatted_context: z.string().nullish(),
    compaction_id: z.string().nullish(),
    conversation_id: z.string().nullish(),
    version: z.number().int().nullish(),
    created_at: z.string().nullish(),
    original_token_count: z.number().nullish(),
    compacted_token_count: z.number().nullish(),
    compression_ratio: z.number().nullish(),
    validation_score: z.number().nullish(),
    validation_passed: z.boolean().nullish(),
    quality_warning: z.boolean().nullish(),
    facts: z.array(z.record(z.string(), z.unknown())).nullish(),
    decisions: z.array(z.record(z.string(), z.unknown())).nullish(),
    preferences: z.array(z.record(z.string(), z.unknown())).nullish(),
    current_state: z.record(z.string(), z.unknown()).nullish(),
    warnings: z.array(z.unknown()).nullish(),
    ttl_seconds: z.number().nullish(),
  })
  .loose();
/** E11 response body. */
export type CompactionResponse = z.infer<typeof compactionResponseSchema>;

/**
 * E12 `GET /v1/conversations/{id}/compaction/status`. The set of `status`
 * values is unspecified; expect `none`, `in_progress`, `completed`, `failed`, `stale`.
 */
export const compactionStatusResponseSchema = z
  .object({
    conversation_id: z.string(),
    status: z.string(),
    compaction_id: z.string().nullish(),
    completed_at: z.string().nullish(),
    compression_ratio: z.number().nullish(),
    validation_score: z.number().nullish(),
    estimated_completion_seconds: z.number().nullish(),
    error_message: z.string().nullish(),
    latest_version: z.number().int().nullish(),
    latest_created_at: z.string().nullish(),
  })
  .loose();
/** E12 response body. */
export type CompactionStatusResponse = z.infer<typeof compactionStatusResponseSchema>;
