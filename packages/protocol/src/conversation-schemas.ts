import { z } from 'zod';
import { boundedJsonObject, MAX_METADATA_BYTES } from './bounded-json.js';
import { conversationIdSchema, optionalExternalIdSchema } from './identifiers.js';
import { MESSAGE_ROLES, PROMPT_STYLES } from './wire-enums.js';

/** Longest message content accepted, in characters. */
export const MAX_MESSAGE_CONTENT_CHARS = 100_000;
/** Most messages one batch call may carry. */
export const MAX_BATCH_MESSAGES = 1_000;

/** Roles the Synap SDK sends; anything else is rejected with 422. */
export const messageRoleSchema = z.enum(MESSAGE_ROLES);

/** Free-form metadata object, bounded in depth and size; null and absent both become `{}`. */
export const metadataSchema = boundedJsonObject({ field: 'metadata', maxBytes: MAX_METADATA_BYTES })
  .nullish()
  .transform((value) => value ?? {});

/** One turn as sent to `POST /v1/conversations/messages` (E7) or inside a batch (E8). */
export const recordMessageRequestSchema = z.object({
  conversation_id: conversationIdSchema,
  role: messageRoleSchema,
  content: z
    .string()
    .min(1, 'content must not be empty')
    .max(MAX_MESSAGE_CONTENT_CHARS, `content is at most ${MAX_MESSAGE_CONTENT_CHARS} characters`),
  user_id: optionalExternalIdSchema,
  customer_id: optionalExternalIdSchema,
  session_id: optionalExternalIdSchema,
  metadata: metadataSchema,
});

/** Validated record-message input. */
export type RecordMessageRequest = z.infer<typeof recordMessageRequestSchema>;

/** E7 response. */
export const recordMessageResponseSchema = z.object({
  message_id: z.string(),
  conversation_id: z.string(),
  session_id: z.string(),
  recorded_at: z.string(),
});

/** E7 response body. */
export type RecordMessageResponse = z.infer<typeof recordMessageResponseSchema>;

/**
 * E8 request. Rows are validated one by one by the route so that one bad row
 * fails alone; here they are only required to be objects.
 */
export const recordMessagesBatchRequestSchema = z.object({
  messages: z
    .array(z.record(z.string(), z.unknown()))
    .min(1, 'messages must hold at least one message')
    .max(MAX_BATCH_MESSAGES, `messages holds at most ${MAX_BATCH_MESSAGES} messages`),
});

/** One row of the E8 response; a row succeeded only if it has `message_id`. */
export const batchMessageResultSchema = z.object({
  index: z.number().int(),
  message_id: z.string().optional(),
  conversation_id: z.string().optional(),
  session_id: z.string().optional(),
  recorded_at: z.string().optional(),
  status: z.enum(['recorded', 'failed']),
  error: z.string().optional(),
});

/** E8 response: `results` follow input order. */
export const recordMessagesBatchResponseSchema = z.object({
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(batchMessageResultSchema),
});

/** E8 response body. */
export type RecordMessagesBatchResponse = z.infer<typeof recordMessagesBatchResponseSchema>;

/** A raw turn inside `recent_messages` (E9): all four fields are required by the SDK. */
export const recentMessageSchema = z.object({
  role: z.string(),
  content: z.string(),
  timestamp: z.string(),
  message_id: z.string(),
});

/** Styles of `GET /v1/conversations/{id}/context-for-prompt`. */
export const promptStyleSchema = z.enum(PROMPT_STYLES);

/** Query of E9; an unknown style is a 422 (the SDK's local renderer falls back, the server is strict). */
export const contextForPromptQuerySchema = z.object({
  style: promptStyleSchema.default('structured'),
});

/** E9 response. */
export const contextForPromptResponseSchema = z.object({
  conversation_id: z.string(),
  formatted_context: z.string().nullable(),
  available: z.boolean(),
  is_stale: z.boolean(),
  quality_warning: z.boolean(),
  compression_ratio: z.number().nullable(),
  validation_score: z.number().nullable(),
  compaction_age_seconds: z.number().int().nullable(),
  compaction_id: z.string().nullable(),
  recent_messages: z.array(recentMessageSchema),
  recent_message_count: z.number().int(),
  compacted_message_count: z.number().int(),
  total_message_count: z.number().int(),
  style: promptStyleSchema,
});

/** E9 response body. */
export type ContextForPromptResponse = z.infer<typeof contextForPromptResponseSchema>;
