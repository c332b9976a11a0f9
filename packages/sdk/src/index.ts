/**
 * @engram/sdk: TypeScript client of the Synap wire protocol, for Engram or any
 * compatible server. The entry imports nothing Node-only: it runs in Node 20+,
 * browsers and edge runtimes (it needs `fetch`, `AbortController` and
 * `crypto.getRandomValues`).
 */
export type {
  ContextForPromptResponse,
  ContextResponse,
  ConversationContext,
  HealthResponse,
  MemoryItem,
  RecordMessageResponse,
  RecordMessagesBatchResponse,
  WhoamiResponse,
} from '@engram/protocol';
export type { EngramClientOptions } from './client-options.js';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client-options.js';
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
export { EngramClient, SynapClient } from './engram-client.js';
export { ConnectionError, PermanentError, SDKError, TransientError } from './errors/error-aliases.js';
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
export type { FetchInit, FetchLike, FetchResponse } from './transport/fetch-like.js';
export type { CallOptions } from './transport/http-transport.js';
export type { RetryPolicy } from './transport/retry-policy.js';
export { DEFAULT_RETRY_POLICY } from './transport/retry-policy.js';
