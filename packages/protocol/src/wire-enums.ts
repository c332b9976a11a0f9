/**
 * Enumerations of the Synap wire (spec §1.5, §1.7), each defined once, as an
 * `as const` tuple with its type derived from it. The server validates with
 * them (through the schemas beside this file), core types its domain with
 * them and the SDK checks its inputs against them, so a value added here
 * reaches all three.
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

/** Ingestion states reported by `GET /v1/memories/{id}/status` (E18); also the states of a stored job. */
export const INGEST_STATUSES = ['queued', 'processing', 'completed', 'failed', 'partial_success'] as const;
/** One of {@link INGEST_STATUSES}. */
export type IngestStatus = (typeof INGEST_STATUSES)[number];

const TERMINAL = ['completed', 'failed', 'partial_success'] as const satisfies readonly IngestStatus[];
/** A status after which an ingestion never changes again: one of {@link TERMINAL_INGEST_STATUSES}. */
export type TerminalIngestStatus = (typeof TERMINAL)[number];
/**
 * The states an ingestion ends in: a job that finishes is stored with one of
 * them, and `memories.waitForCompletion` stops polling at them. Typed as a
 * list of {@link IngestStatus} so `includes` takes any status.
 */
export const TERMINAL_INGEST_STATUSES: readonly IngestStatus[] = TERMINAL;
/** Whether `status` is one of {@link TERMINAL_INGEST_STATUSES}. */
export function isTerminalIngestStatus(status: IngestStatus): status is TerminalIngestStatus {
  return TERMINAL_INGEST_STATUSES.includes(status);
}

/** How an update combines the new document with the stored memory (default `smart-merge`). */
export const MERGE_STRATEGIES = ['replace', 'append', 'smart-merge'] as const;
/** One of {@link MERGE_STRATEGIES}. */
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** `relationship_type` of a key or upload (spec §1.2): consumer or business users. */
export const RELATIONSHIP_TYPES = ['b2c', 'b2b'] as const;
/** One of {@link RELATIONSHIP_TYPES}. */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * The seven Synap `CompactionLevel` values, all equally valid on the wire
 * (`strategy` of E10, `strategy_used` / `level_applied` of E11); `low`,
 * `medium` and `high` are aliases server-side.
 */
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

/** `format` of E11 `GET /v1/conversations/{id}/compacted`; default `structured`. */
export const COMPACTED_FORMATS = ['structured', 'narrative', 'injection'] as const;
/** One of {@link COMPACTED_FORMATS}. */
export type CompactedFormat = (typeof COMPACTED_FORMATS)[number];

/** Statuses of E12: `none` before any compaction, then the last job's fate. */
export const COMPACTION_STATUSES = ['none', 'in_progress', 'completed', 'failed'] as const;

/** `context_mode` of a user fetch: item lists (default) or profile plus conversation summaries. */
export const CONTEXT_MODES = ['in-conversation', 'conversation-summary'] as const;
/** One of {@link CONTEXT_MODES}. */
export type ContextMode = (typeof CONTEXT_MODES)[number];

/** The four retrieval scopes, narrowest first: the merge order of the unified fetch. */
export const CONTEXT_SCOPES = ['conversation', 'user', 'customer', 'client'] as const;
/** One of {@link CONTEXT_SCOPES}; also where a stored memory lives on the scope chain. */
export type ContextScope = (typeof CONTEXT_SCOPES)[number];

/** Who wrote a recorded message. */
export const MESSAGE_ROLES = ['user', 'assistant'] as const;
/** One of {@link MESSAGE_ROLES}. */
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** `mode` of a fetch: `fast` (default) or `accurate` (query expansion and reranking). */
export const RETRIEVAL_MODES = ['fast', 'accurate'] as const;
/** One of {@link RETRIEVAL_MODES}. */
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

/** `style` of E9 `GET /v1/conversations/{id}/context-for-prompt`. */
export const PROMPT_STYLES = ['structured', 'narrative', 'bullet_points'] as const;
/** One of {@link PROMPT_STYLES}. */
export type PromptStyle = (typeof PROMPT_STYLES)[number];
