import { z } from 'zod';
import { boundedJsonObject, MAX_METADATA_BYTES } from './bounded-json.js';
import { isoTimestampSchema, optionalExternalIdSchema } from './identifiers.js';
import { DOCUMENT_TYPES, INGEST_MODES, INGEST_STATUSES, MERGE_STRATEGIES } from './wire-enums.js';

/** Longest document accepted, in characters (about 250k tokens). */
export const MAX_DOCUMENT_CHARS = 1_000_000;
/** Most documents one batch may carry. */
export const MAX_BATCH_DOCUMENTS = 100;

/** Synap `document_type` values. */
export const documentTypeSchema = z.enum(DOCUMENT_TYPES, {
  message: `document_type must be one of ${DOCUMENT_TYPES.join(', ')}`,
});

/** Ingestion depth. */
export const ingestModeSchema = z.enum(INGEST_MODES, {
  message: 'mode must be "fast" or "long-range"',
});

/** Ingestion lifecycle. */
export const ingestStatusSchema = z.enum(INGEST_STATUSES);

/**
 * E15 body. `document` is text, or an object that is rendered as
 * `key: value` lines. Nulls mean "absent" (the Python SDK sends every key).
 */
export const createMemoryRequestSchema = z.object({
  document: z.union(
    [
      z.string().max(MAX_DOCUMENT_CHARS, `document is at most ${MAX_DOCUMENT_CHARS} characters`),
      boundedJsonObject({ field: 'document', maxBytes: MAX_DOCUMENT_CHARS }),
    ],
    { message: 'document must be a string or an object' },
  ),
  document_type: documentTypeSchema.nullish().transform((value) => value ?? 'ai-chat-conversation'),
  document_id: z
    .string()
    .max(256, 'document_id is at most 256 characters')
    .nullish()
    .transform((value) => (value === null || value === undefined || value === '' ? undefined : value)),
  document_created_at: isoTimestampSchema.nullish().transform((value) => value ?? undefined),
  user_id: optionalExternalIdSchema,
  customer_id: optionalExternalIdSchema,
  /** Absent: the instance configuration's `extraction.default_ingestion_mode` (`long-range` by default). */
  mode: ingestModeSchema.nullish().transform((value) => value ?? undefined),
  metadata: boundedJsonObject({ field: 'metadata', maxBytes: MAX_METADATA_BYTES })
    .nullish()
    .transform((value) => value ?? {}),
});

/** Validated E15 input. */
export type CreateMemoryRequest = z.infer<typeof createMemoryRequestSchema>;

/** E15 response. */
export const createMemoryResponseSchema = z.object({
  ingestion_id: z.string(),
  document_id: z.string(),
  status: ingestStatusSchema,
  queued_at: z.string(),
  error_message: z.string().optional(),
});

/** E15 response body. */
export type CreateMemoryResponse = z.infer<typeof createMemoryResponseSchema>;

/** E16 body; rows are validated one by one by the service so `fail_fast: false` can reject them alone. */
export const batchCreateMemoriesRequestSchema = z.object({
  documents: z
    .array(z.unknown())
    .min(1, 'documents must hold at least one document')
    .max(MAX_BATCH_DOCUMENTS, `documents holds at most ${MAX_BATCH_DOCUMENTS} documents`),
  fail_fast: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

/** E16 response: every row, failed ones too, carries a UUID `ingestion_id` and `queued_at`. */
export const batchCreateMemoriesResponseSchema = z.object({
  batch_id: z.string(),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(createMemoryResponseSchema),
});

/** E16 response body. */
export type BatchCreateMemoriesResponse = z.infer<typeof batchCreateMemoriesResponseSchema>;

/** E18 response. */
export const ingestionStatusResponseSchema = z.object({
  ingestion_id: z.string(),
  document_id: z.string(),
  status: ingestStatusSchema,
  queued_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  memories_created: z.number().int(),
  memory_ids: z.array(z.string()),
  error_message: z.string().nullable(),
});

/** E18 response body. */
export type IngestionStatusResponse = z.infer<typeof ingestionStatusResponseSchema>;

/** E19/E20 memory object. */
export const memoryResponseSchema = z
  .object({
    memory_id: z.string(),
    memory_type: z.string(),
    content: z.string(),
    confidence: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
    category: z.string().optional(),
    subcategory: z.string().optional(),
    source_document_id: z.string(),
    source_evidence: z.array(z.string()),
    scope: z.string(),
    event_date: z.string().optional(),
    valid_until: z.string().optional(),
    temporal_category: z.string(),
    temporal_confidence: z.number(),
    entities: z.array(z.object({ entity_id: z.string(), canonical_name: z.string(), type: z.string() })),
    metadata: z.record(z.string(), z.unknown()),
  })
  .catchall(z.unknown());

/** E19/E20 response body. */
export type MemoryResponse = z.infer<typeof memoryResponseSchema>;

/** E20 body. */
export const updateMemoryRequestSchema = z.object({
  document: z
    .string()
    .min(1, 'document must not be empty')
    .max(100_000, 'document is at most 100000 characters'),
  merge_strategy: z
    .enum(MERGE_STRATEGIES, {
      message: 'merge_strategy must be replace, append or smart-merge',
    })
    .nullish()
    .transform((value) => value ?? 'smart-merge'),
  document_type: documentTypeSchema.nullish(),
  metadata: boundedJsonObject({ field: 'metadata', maxBytes: MAX_METADATA_BYTES }).nullish(),
});

/** Validated E20 input. */
export type UpdateMemoryRequest = z.infer<typeof updateMemoryRequestSchema>;

/** E21 response. */
export const deleteMemoryResponseSchema = z.object({ memory_id: z.string(), deleted_at: z.string() });
