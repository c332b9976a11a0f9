import { z } from 'zod';
import { boundedJsonObject, boundedJsonValue, MAX_METADATA_BYTES } from './bounded-json.js';
import { isoTimestampSchema, optionalExternalIdSchema } from './identifiers.js';
import { MAX_DOCUMENT_CHARS } from './memory-schemas.js';
import { MESSAGE_ROLES } from './wire-enums.js';

/** Largest `analysis` and `metadata`, in bytes of JSON. */
export const MAX_TRANSCRIPT_SIDECAR_BYTES = 64 * 1024;
/** Most turns in a list transcript. */
export const MAX_TRANSCRIPT_TURNS = 5_000;

/** One turn of a list transcript; extra keys are allowed and ignored. */
export const transcriptTurnSchema = z
  .object({
    role: z.enum(MESSAGE_ROLES, { message: 'role must be "user" or "assistant"' }),
    content: z
      .string()
      .min(1, 'content must not be empty')
      .max(100_000, 'content is at most 100000 characters'),
    timestamp: isoTimestampSchema.nullish(),
    speaker: z.string().max(256).nullish(),
    metadata: boundedJsonObject({ field: 'metadata', maxBytes: MAX_METADATA_BYTES }).nullish(),
  })
  // Extra keys are ignored but still bounded: nothing unwalkable gets past validation.
  .catchall(boundedJsonValue({ field: 'an extra turn field', maxBytes: MAX_METADATA_BYTES }));

/** E13 body. `conversation_id` is any string; the server maps it to a UUID. */
export const ingestTranscriptRequestSchema = z.object({
  conversation_id: z
    .string()
    .min(1, 'conversation_id must not be empty')
    .max(256, 'conversation_id is at most 256 characters'),
  user_id: optionalExternalIdSchema,
  customer_id: optionalExternalIdSchema,
  transcript: z.union(
    [
      z.string().max(MAX_DOCUMENT_CHARS, `transcript is at most ${MAX_DOCUMENT_CHARS} characters`),
      z
        .array(transcriptTurnSchema)
        .max(MAX_TRANSCRIPT_TURNS, `transcript holds at most ${MAX_TRANSCRIPT_TURNS} turns`),
    ],
    { message: 'transcript must be a string or a list of {role, content} turns' },
  ),
  conversation_type: z.string().max(64, 'conversation_type is at most 64 characters').nullish(),
  analysis: boundedJsonValue({ field: 'analysis', maxBytes: MAX_TRANSCRIPT_SIDECAR_BYTES }).optional(),
  metadata: boundedJsonObject({ field: 'metadata', maxBytes: MAX_TRANSCRIPT_SIDECAR_BYTES }).nullish(),
  started_at: isoTimestampSchema.nullish(),
  ended_at: isoTimestampSchema.nullish(),
});

/** Validated E13 input. */
export type IngestTranscriptRequest = z.infer<typeof ingestTranscriptRequestSchema>;

/** E13 response. */
export const ingestTranscriptResponseSchema = z.object({
  conversation_id: z.string(),
  external_conversation_id: z.string(),
  ingestion_id: z.string(),
  status: z.enum(['queued', 'duplicate']),
  turns_recorded: z.number().int(),
  summary_status: z.enum(['in_progress', 'already_compacted', 'skipped']),
  queued_at: z.string(),
});

/** E13 response body. */
export type IngestTranscriptResponse = z.infer<typeof ingestTranscriptResponseSchema>;
