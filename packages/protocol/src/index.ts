/**
 * @engram/protocol: the Synap wire objects as zod schemas, shared by the
 * server (validation, OpenAPI) and the SDK (types, response checks).
 * Imports nothing but zod, so it runs in browsers and edge runtimes.
 */

export type {
  BootstrapKeyRequest,
  BootstrapKeyResponse,
  HealthResponse,
  WhoamiResponse,
} from './auth-schemas.js';
export {
  bootstrapKeyRequestSchema,
  bootstrapKeyResponseSchema,
  healthResponseSchema,
  whoamiResponseSchema,
} from './auth-schemas.js';
export type { JsonBounds } from './bounded-json.js';
export {
  boundedJsonObject,
  boundedJsonValue,
  boundJson,
  jsonDepth,
  MAX_JSON_DEPTH,
  MAX_METADATA_BYTES,
} from './bounded-json.js';
export type { BundleItem, ItemsByType } from './bundle-schemas.js';
export { bundleItemSchema, itemsByTypeSchema } from './bundle-schemas.js';
export type {
  CompactionResponse,
  CompactionStatusResponse,
  CompactionTriggerResponse,
  CompactRequest,
} from './compaction-schemas.js';
export {
  compactedQuerySchema,
  compactionMetadataSchema,
  compactionResponseSchema,
  compactionStatusResponseSchema,
  compactionTriggerResponseSchema,
  compactRequestSchema,
  keyExtractionItemSchema,
} from './compaction-schemas.js';
export type {
  ContextResponse,
  ConversationContext,
  FetchRequest,
  MemoryItem,
  MemoryListKey,
} from './context-schemas.js';
export {
  baseFetchRequestSchema,
  contextResponseSchema,
  conversationContextSchema,
  conversationFetchRequestSchema,
  entityRefSchema,
  MAX_FETCH_RESULTS,
  MAX_QUERY_CHARS,
  MAX_SEARCH_QUERIES,
  MEMORY_LIST_KEYS,
  memoryItemSchema,
  recentTurnSchema,
  responseMetadataSchema,
  TYPE_FILTER_ALIASES,
} from './context-schemas.js';
export type {
  ContextForPromptResponse,
  RecordMessageRequest,
  RecordMessageResponse,
  RecordMessagesBatchResponse,
} from './conversation-schemas.js';
export {
  batchMessageResultSchema,
  contextForPromptQuerySchema,
  contextForPromptResponseSchema,
  MAX_BATCH_MESSAGES,
  MAX_MESSAGE_CONTENT_CHARS,
  messageRoleSchema,
  metadataSchema,
  promptStyleSchema,
  recentMessageSchema,
  recordMessageRequestSchema,
  recordMessageResponseSchema,
  recordMessagesBatchRequestSchema,
  recordMessagesBatchResponseSchema,
} from './conversation-schemas.js';
export type { ErrorBody } from './errors.js';
export { errorBodySchema } from './errors.js';
export type { IngestExchangeRequest, IngestExchangeResponse } from './exchange-schemas.js';
export {
  exchangeMessageSchema,
  ingestExchangeRequestSchema,
  ingestExchangeResponseSchema,
  MAX_EXCHANGE_MESSAGES,
} from './exchange-schemas.js';
export {
  CLIENT_ID_PATTERN,
  conversationIdSchema,
  INSTANCE_ID_PATTERN,
  isoTimestampSchema,
  optionalExternalIdSchema,
  UUID_PATTERN,
} from './identifiers.js';
export type {
  BatchCreateMemoriesResponse,
  CreateMemoryRequest,
  CreateMemoryResponse,
  IngestionStatusResponse,
  MemoryResponse,
  UpdateMemoryRequest,
} from './memory-schemas.js';
export {
  batchCreateMemoriesRequestSchema,
  batchCreateMemoriesResponseSchema,
  createMemoryRequestSchema,
  createMemoryResponseSchema,
  deleteMemoryResponseSchema,
  documentTypeSchema,
  ingestionStatusResponseSchema,
  ingestModeSchema,
  ingestStatusSchema,
  MAX_BATCH_DOCUMENTS,
  MAX_DOCUMENT_CHARS,
  memoryResponseSchema,
  updateMemoryRequestSchema,
} from './memory-schemas.js';
export type { IngestTranscriptRequest, IngestTranscriptResponse } from './transcript-schemas.js';
export {
  ingestTranscriptRequestSchema,
  ingestTranscriptResponseSchema,
  MAX_TRANSCRIPT_SIDECAR_BYTES,
  MAX_TRANSCRIPT_TURNS,
  transcriptTurnSchema,
} from './transcript-schemas.js';
export type {
  CompactedFormat,
  CompactionLevel,
  ContextMode,
  ContextScope,
  DocumentType,
  IngestMode,
  IngestStatus,
  MergeStrategy,
  MessageRole,
  PromptStyle,
  RelationshipType,
  RetrievalMode,
  TerminalIngestStatus,
} from './wire-enums.js';
export {
  COMPACTED_FORMATS,
  COMPACTION_LEVELS,
  COMPACTION_STATUSES,
  CONTEXT_MODES,
  CONTEXT_SCOPES,
  DOCUMENT_TYPES,
  INGEST_MODES,
  INGEST_STATUSES,
  isTerminalIngestStatus,
  MERGE_STRATEGIES,
  MESSAGE_ROLES,
  PROMPT_STYLES,
  RELATIONSHIP_TYPES,
  RETRIEVAL_MODES,
  TERMINAL_INGEST_STATUSES,
} from './wire-enums.js';
