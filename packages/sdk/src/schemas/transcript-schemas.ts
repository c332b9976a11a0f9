import { z } from 'zod';

/**
 * E13 `POST /v1/conversations/ingest`. `ingestion_id` is never null, duplicates
 * included (an identical re-push answers `status: "duplicate"` with the
 * original id). Lenient: unknown keys are kept.
 */
export const transcriptIngestResponseSchema = z
  .object({
    /** The conversation id in UUID form (the server converts non-UUID ids). */
    conversation_id: z.string(),
    ingestion_id: z.string(),
    /** `queued` or `duplicate`. */
    status: z.string(),
    /** The id as the caller sent it. */
    external_conversation_id: z.string().nullish(),
    turns_recorded: z.number().int().nullish(),
    /** `in_progress`, `already_compacted` or `skipped`. */
    summary_status: z.string().nullish(),
    queued_at: z.string().nullish(),
  })
  .loose();
/** E13 response body. */
export type TranscriptIngestResponse = z.infer<typeof transcriptIngestResponseSchema>;
