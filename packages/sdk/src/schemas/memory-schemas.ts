import { z } from 'zod';

/**
 * Response schemas of the memories routes (E15–E21). Lenient on purpose: every
 * object keeps unknown keys (`.loose()`), and only the fields the Python SDK
 * cannot do without are required; the rest may be absent or null.
 */

/** E15 `POST /api/v1/memories/create` (and E17 upload): the ingestion was queued. */
export const createMemoryResponseSchema = z
  .object({
    /** Poll it with `memories.status`. */
    ingestion_id: z.string(),
    /** The caller's `document_id`, or one the server generated. */
    document_id: z.string(),
    /** Normally `queued`. */
    status: z.string(),
    queued_at: z.string(),
    error_message: z.string().nullish(),
  })
  .loose();
/** E15/E17 response body. */
export type CreateMemoryResponse = z.infer<typeof createMemoryResponseSchema>;

/** One row of an E16 batch result; failed rows carry them too. */
export const batchCreateResultSchema = z
  .object({
    ingestion_id: z.string(),
    queued_at: z.string(),
    document_id: z.string().nullish(),
    status: z.string().nullish(),
    error_message: z.string().nullish(),
  })
  .loose();
/** One row of {@link BatchCreateMemoriesResponse}. */
export type BatchCreateResult = z.infer<typeof batchCreateResultSchema>;

/** E16 `POST /api/v1/memories/batch`: one row per input document, in input order. */
export const batchCreateMemoriesResponseSchema = z
  .object({
    batch_id: z.string().nullish(),
    total: z.number().int().nullish(),
    succeeded: z.number().int().nullish(),
    failed: z.number().int().nullish(),
    results: z.array(batchCreateResultSchema),
  })
  .loose();
/** E16 response body. */
export type BatchCreateMemoriesResponse = z.infer<typeof batchCreateMemoriesResponseSchema>;

/** E18 `GET /api/v1/memories/status/{ingestion_id}`. */
export const memoryStatusResponseSchema = z
  .object({
    ingestion_id: z.string(),
    document_id: z.string(),
    /** `queued`, `processing`, `completed`, `failed` or `partial_success`. */
    status: z.string(),
    queued_at: z.string(),
    started_at: z.string().nullish(),
    completed_at: z.string().nullish(),
    memories_created: z.number().int().nullish(),
    memory_ids: z.array(z.string()).nullish(),
    error_message: z.string().nullish(),
  })
  .loose();
/** E18 response body. */
export type MemoryStatusResponse = z.infer<typeof memoryStatusResponseSchema>;

/** A stored memory (E19 `GET`, E20 `PATCH /api/v1/memories/{memory_id}`). */
export const memorySchema = z
  .object({
    memory_id: z.string(),
    memory_type: z.string(),
    content: z.string(),
    confidence: z.number(),
    created_at: z.string(),
    category: z.string().nullish(),
    subcategory: z.string().nullish(),
    updated_at: z.string().nullish(),
    source_document_id: z.string().nullish(),
  })
  .loose();
/** E19/E20 response body. */
export type Memory = z.infer<typeof memorySchema>;

/** E21 `DELETE /api/v1/memories/{memory_id}`: a 200 with this body (a 204 breaks the Python SDK). */
export const deleteMemoryResponseSchema = z
  .object({
    memory_id: z.string(),
    deleted_at: z.string(),
  })
  .loose();
/** E21 response body. */
export type DeleteMemoryResponse = z.infer<typeof deleteMemoryResponseSchema>;
