/**
 * @engram/sdk: TypeScript client of the Synap wire protocol, for Engram or any
 * compatible server. The entry imports nothing Node-only: it runs in Node 20+,
 * browsers and edge runtimes (it needs `fetch`, `AbortController` and
 * `crypto.getRandomValues`).
 */
export type {
  CompactedFormat,
  CompactionLevel,
  ContextForPromptResponse,
  ContextMode,
  ContextResponse,
  ContextScope,
  ConversationContext,
  DocumentType,
  HealthResponse,
  IngestMode,
  IngestStatus,
  MemoryItem,
  MergeStrategy,
  RecordMessageResponse,
  RecordMessagesBatchResponse,
  RelationshipType,
  WhoamiResponse,
} from '@engram/protocol';
export {
  COMPACTED_FORMATS,
  COMPACTION_LEVELS,
  CONTEXT_MODES,
  CONTEXT_SCOPES,
  DOCUMENT_TYPES,
  INGEST_MODES,
  INGEST_STATUSES,
  MERGE_STRATEGIES,
  RELATIONSHIP_TYPES,
  TERMINAL_INGEST_STATUSES,
} from '@engram/protocol';
export type { EngramClientOptions } from './client-options.js';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client-options.js';
export type {
  FetchClientContextInput,
  FetchCustomerContextInput,
  FetchQueryFields,
  FetchUserContextInput,
  SummaryModeFields,
} from './context/scoped-fetch-inputs.js';
export type {
  CompactInput,
  CompactionStatusInput,
  GetCompactedInput,
} from './conversation/compaction-inputs.js';
export { ConversationContextNamespace } from './conversation/conversation-context-namespace.js';
export type {
  ContextForPromptInput,
  ContextTypeFilter,
  FetchConversationContextInput,
  MessageRole,
  PrecisionLevel,
  PromptStyle,
  RecordMessageInput,
  RetrievalMode,
} from './conversation/conversation-inputs.js';
export { ConversationNamespace } from './conversation/conversation-namespace.js';
export type { IngestTranscriptInput, TranscriptTurn } from './conversation/transcript-inputs.js';
export { EngramClient, SynapClient } from './engram-client.js';
export { ConnectionError, PermanentError, SDKError, TransientError } from './errors/error-aliases.js';
export type { IngestionTimeoutErrorOptions } from './errors/ingestion-timeout-error.js';
export { IngestionTimeoutError } from './errors/ingestion-timeout-error.js';
export type {
  ErrorDetail,
  InsufficientCreditsErrorOptions,
  RateLimitErrorOptions,
  SynapErrorOptions,
} from './errors/synap-error.js';
export {
  AgentUnavailableError,
  AuthenticationError,
  ConflictError,
  ContextNotFoundError,
  InsufficientCreditsError,
  InvalidConversationIdError,
  InvalidInputError,
  InvalidInstanceIdError,
  ListeningAlreadyActiveError,
  ListeningNotActiveError,
  NetworkTimeoutError,
  RateLimitError,
  RequestAbortedError,
  ServiceUnavailableError,
  SessionExpiredError,
  SynapError,
  SynapPermanentError,
  SynapTransientError,
  TranscriptConflictError,
} from './errors/synap-error.js';
export { MemoriesNamespace } from './memories/memories-namespace.js';
export type {
  BatchCreateOptions,
  CreateMemoryFromFileInput,
  CreateMemoryInput,
  UpdateMemoryInput,
  WaitForCompletionOptions,
} from './memories/memory-inputs.js';
export type {
  CompactionResponse,
  CompactionStatusResponse,
  CompactionTriggerResponse,
} from './schemas/compaction-schemas.js';
export {
  compactionResponseSchema,
  compactionStatusResponseSchema,
  compactionTriggerResponseSchema,
} from './schemas/compaction-schemas.js';
export type {
  BatchCreateMemoriesResponse,
  BatchCreateResult,
  CreateMemoryResponse,
  DeleteMemoryResponse,
  Memory,
  MemoryStatusResponse,
} from './schemas/memory-schemas.js';
export {
  batchCreateMemoriesResponseSchema,
  batchCreateResultSchema,
  createMemoryResponseSchema,
  deleteMemoryResponseSchema,
  memorySchema,
  memoryStatusResponseSchema,
} from './schemas/memory-schemas.js';
export type { ProfileAttribute, UserProfile } from './schemas/profile-schemas.js';
export {
  profileAttributeSchema,
  userProfileResponseSchema,
  userProfileSchema,
} from './schemas/profile-schemas.js';
export type { TranscriptIngestResponse } from './schemas/transcript-schemas.js';
export { transcriptIngestResponseSchema } from './schemas/transcript-schemas.js';
export { ClientContextNamespace, ClientNamespace } from './scopes/client-namespace.js';
export { CustomerContextNamespace, CustomerNamespace } from './scopes/customer-namespace.js';
export type { GetProfileInput } from './scopes/user-namespace.js';
export { UserContextNamespace, UserNamespace } from './scopes/user-namespace.js';
export type { FetchInit, FetchLike, FetchResponse } from './transport/fetch-like.js';
export type { CallOptions } from './transport/http-transport.js';
export type { RetryPolicy } from './transport/retry-policy.js';
export { DEFAULT_RETRY_POLICY } from './transport/retry-policy.js';
export type {
  FormatForPromptOptions,
  PromptContextSource,
  RenderableItem,
} from './unified/format-for-prompt.js';
export { formatForPrompt } from './unified/format-for-prompt.js';
export type {
  UnifiedContextResponse,
  UnifiedFetchFailure,
  UnifiedFetchInput,
} from './unified/unified-types.js';
