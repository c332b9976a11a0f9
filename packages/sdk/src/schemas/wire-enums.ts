/**
 * Enumerations of the Synap wire (spec §1.5, §1.7), as `as const` tuples so the
 * SDK can validate inputs against them and derive their types. Kept beside the
 * response schemas so they can move into `@engram/protocol` together.
 */

/** `document_type` of a memory write; image and audio are sent as text (OCR output, transcript). */
export const DOCUMENT_TYPES = [
  'ai-chat-conversation',
  'document',
  'email',
  'pdf',
  'image',
  'audio',
  'meeting-transcript',
] as const;
/** One of {@link DOCUMENT_TYPES}. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Ingestion depth: `fast` (light extraction and embedding) or `long-range` (the full pipeline, default). */
export const INGEST_MODES = ['fast', 'long-range'] as const;
/** One of {@link INGEST_MODES}. */
export type IngestMode = (typeof INGEST_MODES)[number];

/** Ingestion states reported by `memories.status` (E18). */
export const INGEST_STATUSES = ['queued', 'processing', 'completed', 'failed', 'partial_success'] as const;
/** One of {@link INGEST_STATUSES}. */
export type IngestStatus = (typeof INGEST_STATUSES)[number];

/** The states at which `memories.waitForCompletion` stops polling. */
export const TERMINAL_INGEST_STATUSES: readonly IngestStatus[] = ['completed', 'failed', 'partial_success'];

/** How `memories.update` combines the new document with the stored memory (default `smart-merge`). */
export const MERGE_STRATEGIES = ['replace', 'append', 'smart-merge'] as const;
/** One of {@link MERGE_STRATEGIES}. */
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** `relationship_type` form field of the upload route (spec §1.2). */
export const RELATIONSHIP_TYPES = ['b2c', 'b2b'] as const;
/** One of {@link RELATIONSHIP_TYPES}. */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** The seven `CompactionLevel` values, all equally canonical (`low`/`medium`/`high` are aliases server-side). */
export const COMPACTION_LEVELS = [
  'low',
  'medium',
  'high',
  'conservative',
  'balanced',
  'aggressive',
  'adaptive',
] as const;
/** One of {@link COMPACTION_LEVELS}. */
export type CompactionLevel = (typeof COMPACTION_LEVELS)[number];

/** `format` of `conversation.context.getCompacted` (E11); default `structured`. */
export const COMPACTED_FORMATS = ['structured', 'narrative', 'injection'] as const;
/** One of {@link COMPACTED_FORMATS}. */
export type CompactedFormat = (typeof COMPACTED_FORMATS)[number];

/** `context_mode` of a user fetch: item lists (default) or profile plus conversation summaries. */
export const CONTEXT_MODES = ['in-conversation', 'conversation-summary'] as const;
/** One of {@link CONTEXT_MODES}. */
export type ContextMode = (typeof CONTEXT_MODES)[number];

/** The four retrieval scopes, narrowest first: the merge order of the unified fetch. */
export const CONTEXT_SCOPES = ['conversation', 'user', 'customer', 'client'] as const;
/** One of {@link CONTEXT_SCOPES}. */
export type ContextScope = (typeof CONTEXT_SCOPES)[number];
