/**
 * @engram/core: domain types, ports, configuration, errors and the services
 * (tenancy, conversations, ingestion, retrieval, compaction) that run on them.
 * Knows nothing of HTTP, SQL drivers or model vendors.
 */

export {
  COMPACTION_STRATEGIES,
  type CompactionResult,
  type CompactionStrategy,
  compactConversation,
  countTokens,
  parseCompactionStrategy,
} from './compaction/algorithm/index.js';
export {
  COMPACT_CONVERSATION_JOB,
  type CompactConversationDependencies,
  CompactConversationHandler,
  type CompactionEngine,
  CompactionQueue,
  CompactionScheduler,
  type CompactionSchedulerOptions,
  CompactionService,
  type CompactionServiceDependencies,
  CompactionSettings,
  type ContextForPromptDependencies,
  ContextForPromptService,
  compactionSerialKey,
  createCompactionEngine,
  MAX_COMPACTION_THRESHOLD_TOKENS,
  PROMPT_MESSAGES_LIMIT,
  type PromptStyle,
  ThresholdCompaction,
} from './compaction/index.js';
export type { ConfigKey, ConfigSources, EngramConfig } from './config/engram-config.js';
export {
  CONFIG_ENV_VARIABLES,
  ConfigError,
  engramConfigSchema,
  resolveConfig,
} from './config/engram-config.js';
export {
  ConversationService,
  type MessagesRecordedListener,
  RECENT_TURNS_LIMIT,
  RECENT_TURNS_TOKEN_BUDGET,
} from './conversations/conversation-service.js';
export type { ConversationRecord, MessageRole, NewMessage, StoredMessage } from './domain/conversation.js';
export type {
  DocumentSegment,
  DocumentType,
  EntityType,
  ExtractedEntity,
  ExtractedMemory,
  ExtractedRelation,
  IngestMode,
  MemoryScope,
  MemoryType,
  ParsedDocument,
  TemporalCategory,
} from './domain/memory.js';
export { scopeKeyOf } from './domain/scope-key.js';
export type {
  EntityEdge,
  EntityLink,
  MemoryDetails,
  MemoryOwner,
  StoredDocument,
  StoredEntity,
  StoredMemory,
} from './domain/stored-memory.js';
export type {
  ApiKeyRecord,
  AuthContext,
  BootstrapTokenRecord,
  Client,
  Instance,
  UserRelationship,
} from './domain/tenancy.js';
export { type EmbedTextsOptions, embedTexts } from './embedding/embed-texts.js';
export {
  type ErasedScopeListener,
  ErasureService,
  type ErasureServiceOptions,
} from './erasure/erasure-service.js';
export type { EngramErrorOptions, ErrorCategory, ErrorCode } from './errors/engram-error.js';
export { EngramError, ERROR_CODES, isEngramError } from './errors/engram-error.js';
export { formatValidationIssues } from './errors/validation-issues.js';
export { extractMemories, RuleBasedExtractor, resolveDates } from './extraction/index.js';
export type { LlmMemoryExtractorOptions } from './extraction/llm/llm-memory-extractor.js';
export { DEFAULT_MAX_CHUNK_CHARACTERS, LlmMemoryExtractor } from './extraction/llm/llm-memory-extractor.js';
export {
  API_KEY_PREFIX_LENGTH,
  hashApiKey,
  newApiKey,
  newBootstrapToken,
  newClientId,
  newCorrelationId,
  newInstanceId,
  newUuidV7,
} from './ids/identifiers.js';
export { documentToText } from './ingestion/document-text.js';
export type { ExchangeIngestionDependencies } from './ingestion/exchange-ingestion-service.js';
export { ExchangeIngestionService } from './ingestion/exchange-ingestion-service.js';
export type { ExchangeTurn } from './ingestion/exchange-turns.js';
export { exchangeTranscript, exchangeTurns } from './ingestion/exchange-turns.js';
// Per-instance configuration, webhooks and data portability (issue 17).
export type {
  AnalysisInput,
  AnalysisResult,
  DocumentAnalyzer,
  DocumentParser,
  IngestionDependencies,
  IngestionPolicy,
} from './ingestion/ingest-document.js';
export { analyzeInProcess, ingestDocument } from './ingestion/ingest-document.js';
export { IngestDocumentHandler } from './ingestion/ingest-document-handler.js';
export type {
  IngestDocumentPayload,
  IngestDocumentResult,
} from './ingestion/ingestion-job-payload.js';
export { ingestDocumentPayloadSchema } from './ingestion/ingestion-job-payload.js';
export type { JobQueuedListener } from './ingestion/memory-ingestion-service.js';
export { MemoryIngestionService } from './ingestion/memory-ingestion-service.js';
export type { MergeStrategy } from './ingestion/merge-content.js';
export { mergeContent } from './ingestion/merge-content.js';
export type { CompactionRequester } from './ingestion/transcript-ingestion-service.js';
export {
  conversationUuidFor,
  TranscriptIngestionService,
} from './ingestion/transcript-ingestion-service.js';
export type { TranscriptTurn } from './ingestion/transcript-turns.js';
export { transcriptTurns } from './ingestion/transcript-turns.js';
export { resolveWriteOwner } from './ingestion/write-scope.js';
export {
  type ActiveInstanceConfig,
  CONFIG_MEMORY_TYPES,
  type ConfigChange,
  DEFAULT_INSTANCE_CONFIG,
  diffConfig,
  expiryOf,
  fetchDefaultsOf,
  type InstanceConfigDocument,
  InstanceConfigService,
  type InstanceConfigServiceDependencies,
  ingestionPolicyOf,
  instanceConfigSchema,
  memoryTypeEnabled,
  shapeFetchResponse,
} from './instance-config/index.js';
export { RetentionSweeper, type RetentionSweeperDependencies } from './instance-config/retention-sweeper.js';
export { FinishedJobPruner, type FinishedJobPrunerDependencies } from './jobs/finished-job-pruner.js';
export { recoverOrphanedJobs } from './jobs/orphaned-jobs.js';
export type { JobHandler, JobOutcome, WorkerPoolOptions, WorkerPoolStatus } from './jobs/worker-pool.js';
export { MAX_RETRY_DELAY_MS, retryDelayMs, WorkerPool } from './jobs/worker-pool.js';
export { RequestLimiter, type RequestLimits } from './limits/request-limiter.js';
export { type BucketLimit, type TakeResult, TokenBuckets } from './limits/token-bucket.js';
export type { GenerateJsonOptions, GenerateJsonResult } from './llm/generate-json.js';
export { generateJson } from './llm/generate-json.js';
export type { JsonTextIssue, ParseJsonTextResult } from './llm/parse-json-text.js';
export { parseJsonText } from './llm/parse-json-text.js';
export { toStrictJsonSchema } from './llm/to-strict-json-schema.js';
export { toMemoryResponse } from './memories/memory-response.js';
export type { MemoryChangedListener } from './memories/memory-service.js';
export { MemoryService } from './memories/memory-service.js';
export type { ParseDocumentInput } from './parsing/index.js';
export { parseDocument } from './parsing/index.js';
export {
  ARCHIVE_FORMAT_VERSION,
  type ArchiveOwner,
  type ArchiveRecord,
  type ArchiveRecordOf,
  archiveRecordSchema,
  checkArchive,
  parseArchiveLine,
} from './portability/archive-records.js';
export {
  type ArchiveProgress,
  type InstanceArchiveDependencies,
  InstanceArchiveService,
} from './portability/instance-archive-service.js';
export type { ChangeFeed, StoreChange } from './ports/change-feed.js';
export type { ChatGenerateOptions, ChatMessage, ChatModel } from './ports/chat-model.js';
export type { Clock } from './ports/clock.js';
export { systemClock } from './ports/clock.js';
export type { CompactionStore, CompactionTrigger, StoredCompaction } from './ports/compaction-store.js';
export type { ConversationExtractionStore } from './ports/conversation-extraction-store.js';
export type { ConversationStore, TranscriptRegistration } from './ports/conversation-store.js';
export type { EmbeddingModel } from './ports/embedding-model.js';
export type { EngramStore, StoreCapabilities } from './ports/engram-store.js';
export type { ErasureReport, ErasureStore, ErasureSubject } from './ports/erasure-store.js';
export type {
  ArchivedConversation,
  ArchivedMessage,
  ImportSummary,
  IndexedTerms,
  InstanceArchiveStore,
  InstanceImport,
  InstanceSnapshotPart,
} from './ports/instance-archive-store.js';
export type { InstanceConfigStore, InstanceConfigVersion } from './ports/instance-config-store.js';
export type { InstanceSettings, InstanceSettingsStore } from './ports/instance-settings-store.js';
export type {
  FinishedJobStatus,
  Job,
  JobKind,
  JobStatus,
  JobStore,
  NewJob,
  WorkerNode,
} from './ports/job-store.js';
export type { LogFields, Logger } from './ports/logger.js';
export { silentLogger } from './ports/logger.js';
export type {
  MemoryAdminStore,
  MemoryListFilter,
  MemoryPage,
  MemoryValidity,
} from './ports/memory-admin-store.js';
export type { ExtractionInput, MemoryExtractor } from './ports/memory-extractor.js';
export type {
  GraphStore,
  IndexHit,
  IngestionChanges,
  MemoryEdit,
  MemoryInsert,
  MemoryMerge,
  MemoryStore,
  MemorySupersession,
  TextIndex,
  VectorCacheWarmup,
  VectorIndex,
} from './ports/memory-store.js';
export type {
  ConversationListFilter,
  InstanceUsage,
  JobListFilter,
  KnownOwner,
  OperatorConsoleStore,
} from './ports/operator-console-store.js';
export type { ProcessIdentity, ProcessLiveness } from './ports/process-liveness.js';
export type { TenancyStore } from './ports/tenancy-store.js';
export type {
  ClaimedDelivery,
  OutboxEvent,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookStore,
} from './ports/webhook-store.js';
export type { ConversationSummary, ProfileAttribute, UserProfile } from './profile/user-profile-service.js';
export { UserProfileService } from './profile/user-profile-service.js';
export {
  type ExtractConversationDependencies,
  ExtractConversationHandler,
  type ExtractConversationPayload,
  type ExtractionTrigger,
  extractConversationPayloadSchema,
  MAX_TURNS_PER_EXTRACTION,
  queueExtraction,
  RecordedMessageExtraction,
  type RecordedMessageExtractionDependencies,
} from './recorded-extraction/index.js';
export type { CachedMemoryRetrievalOptions } from './retrieval/cached-memory-retrieval.js';
export { CachedMemoryRetrieval } from './retrieval/cached-memory-retrieval.js';
export type { CachedCandidate, CandidateCacheOptions } from './retrieval/candidate-cache.js';
export { CandidateCache } from './retrieval/candidate-cache.js';
export type { ContextBundle } from './retrieval/context-bundle.js';
export { contextBundleOf } from './retrieval/context-bundle.js';
export type { ContextFetchDependencies } from './retrieval/context-fetch-service.js';
export { ContextFetchService, FETCH_TTL_SECONDS } from './retrieval/context-fetch-service.js';
export { ExpiringLruCache } from './retrieval/expiring-lru-cache.js';
export type { FetchScope, FetchTarget } from './retrieval/fetch-scope.js';
export type {
  MemoryRetrievalDependencies,
  PlannedScope,
  RetrievalTuning,
  ScopePlan,
} from './retrieval/index.js';
export { MemoryRetrievalPipeline, planScopeKeys } from './retrieval/index.js';
export type {
  MemoryRetrieval,
  RankedLists,
  RetrievalSource,
  SourcedRankedLists,
} from './retrieval/memory-retrieval.js';
export { emptyRankedLists } from './retrieval/memory-retrieval.js';
export {
  DEFAULT_GENERATION_RETENTION_MS,
  ScopeWriteGenerations,
} from './retrieval/scope-write-generations.js';
export type { ResolvedPeople } from './tenancy/scope-resolution.js';
export { requireCustomerForB2bUser, resolvePeople } from './tenancy/scope-resolution.js';
export type {
  BootstrappedApiKey,
  CreatedApiKey,
  CreatedBootstrapToken,
  CreatedInstance,
} from './tenancy/tenancy-service.js';
export {
  DEFAULT_BOOTSTRAP_TOKEN_TTL_MINUTES,
  MAX_BOOTSTRAP_TOKEN_TTL_MINUTES,
  MIN_REVOKE_PREFIX_LENGTH,
  TenancyService,
} from './tenancy/tenancy-service.js';
export { boundedMemo } from './text/bounded-memo.js';
export { normalizeEntityName } from './text/entity-name.js';
export { referenceTimeOf } from './text/reference-time.js';
export { splitSentences } from './text/sentence-splitter.js';
export type { DotProductKernel } from './vectors/dot-product-kernel.js';
export { createDotProductKernel } from './vectors/dot-product-kernel.js';
export type { CachedScope, ScopeVectorCacheOptions, VectorRow } from './vectors/scope-vector-cache.js';
export { ScopeVectorCache } from './vectors/scope-vector-cache.js';
export {
  type JobWebhookDependencies,
  publishJobFailure,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPES,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookEventInput,
  type WebhookEventType,
  WebhookOutbox,
  type WebhookTransport,
  withJobWebhookEvents,
} from './webhooks/index.js';
