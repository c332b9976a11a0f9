/**
 * @engram/core: domain types, ports, configuration, errors and the services
 * (tenancy, conversations, ingestion, retrieval, compaction) that run on them.
 * Knows nothing of HTTP, SQL drivers or model vendors.
 */
export { CONFIG_ENV_VARIABLES, ConfigError, engramConfigSchema, resolveConfig } from './config/engram-config.js';
export type { ConfigKey, ConfigSources, EngramConfig } from './config/engram-config.js';
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
export type { ApiKeyRecord, AuthContext, Client, Instance, UserRelationship } from './domain/tenancy.js';
export { ERROR_CODES, EngramError, isEngramError } from './errors/engram-error.js';
export type { EngramErrorOptions, ErrorCategory, ErrorCode } from './errors/engram-error.js';
export {
  API_KEY_PREFIX_LENGTH,
  hashApiKey,
  newApiKey,
  newClientId,
  newCorrelationId,
  newInstanceId,
  newUuidV7,
} from './ids/identifiers.js';
export type { ChatGenerateOptions, ChatMessage, ChatModel } from './ports/chat-model.js';
export { systemClock } from './ports/clock.js';
export type { Clock } from './ports/clock.js';
export type { ConversationStore } from './ports/conversation-store.js';
export type { EmbeddingModel } from './ports/embedding-model.js';
export type { EngramStore, StoreCapabilities } from './ports/engram-store.js';
export type { ExtractionInput, MemoryExtractor } from './ports/memory-extractor.js';
export type { TenancyStore } from './ports/tenancy-store.js';
