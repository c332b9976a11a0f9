import type { DocumentType, IngestMode, MergeStrategy, RelationshipType } from '@engram/protocol';
import type { CallOptions } from '../transport/http-transport.js';

/**
 * Inputs of `sdk.memories.*`. Field names are the wire names (snake_case),
 * exactly as sent in the request body or form.
 */

/** Input of `memories.create` (E15), and one element of `memories.batchCreate` (E16). */
export interface CreateMemoryInput {
  /** The text to remember, or a structured document (sent as JSON). */
  document: string | Record<string, unknown>;
  /** Default `ai-chat-conversation` (speaker-labelled turns). */
  document_type?: DocumentType;
  /** Your id of the document; a repeated id updates the document instead of duplicating it. */
  document_id?: string | null;
  /** When the document was written; a `Date` is sent as ISO-8601. */
  document_created_at?: string | Date | null;
  /** With `customer_id`, decides the scope the memories land in (spec §1.3). */
  user_id?: string | null;
  customer_id?: string | null;
  /** `long-range` (the full pipeline) or `fast` (skips the graph); absent: the instance's configured default, `long-range` unless changed. */
  mode?: IngestMode;
  metadata?: Record<string, unknown> | null;
}

/** Options of `memories.batchCreate`. */
export interface BatchCreateOptions extends CallOptions {
  /** True aborts the whole batch on the first bad document; default false rejects bad ones individually. */
  fail_fast?: boolean;
}

/** Input of `memories.createFromFile` (E17): exactly one of `file` and `text`. */
export interface CreateMemoryFromFileInput {
  user_id?: string | null;
  customer_id?: string | null;
  /** Default `b2c`. */
  relationship_type?: RelationshipType;
  /** The file's bytes. A `Blob` keeps its type; a `File` also supplies the file name. */
  file?: Blob | Uint8Array;
  /** Name of the uploaded file; required unless `file` is a `File` with a name. */
  filename?: string;
  /** Plain text to ingest instead of a file. */
  text?: string;
  document_type?: DocumentType;
  /** Absent: the instance's configured default, `long-range` unless changed. */
  mode?: IngestMode;
  /** Sent as a JSON string form field. */
  metadata?: Record<string, unknown> | null;
}

/** Options of `memories.waitForCompletion`. */
export interface WaitForCompletionOptions extends CallOptions {
  /** Give up (IngestionTimeoutError) after this many seconds. Default 300. */
  timeoutSeconds?: number;
  /** Seconds between status polls. Default 2. */
  pollIntervalSeconds?: number;
}

/** Input of `memories.update` (E20). */
export interface UpdateMemoryInput {
  /** The new content, combined with the stored memory per `merge_strategy`. */
  document: string | Record<string, unknown>;
  /** Default `smart-merge`. */
  merge_strategy?: MergeStrategy;
  document_type?: DocumentType;
  metadata?: Record<string, unknown> | null;
}
