/**
 * The error hierarchy of the Synap SDK (spec §3.3), with the same class names so
 * code ported from the Python SDK can catch the same things. Every error the
 * SDK throws derives from {@link SynapError}; nothing else escapes a call.
 */

/** The body `detail` of an error response: a string, or an object on 402 and 409. */
export type ErrorDetail = string | Record<string, unknown>;

/** Options shared by every SDK error. */
export interface SynapErrorOptions {
  /** `X-Correlation-ID` of the logical call; absent for errors raised before any request. */
  correlationId?: string;
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The response's `detail` (or its text when it was not JSON). */
  detail?: ErrorDetail;
  /**
   * Whether repeating the call may succeed. Decided where the failure happened
   * (from the status code or the kind of network failure), never from the message.
   */
  retryable?: boolean;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base of every SDK error (alias `SDKError`). `correlationId` ties it to the
 * server's logs; `status` and `detail` are set when the server answered.
 */
export class SynapError extends Error {
  override name = 'SynapError';
  /** `X-Correlation-ID` of the failed call, or undefined if no request was made. */
  readonly correlationId: string | undefined;
  /** HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  /** The error body's `detail`, or the raw text of a non-JSON body. */
  readonly detail: ErrorDetail | undefined;
  /** True when the SDK's retry policy may repeat the call (see `retry-policy.ts`). */
  readonly retryable: boolean;

  constructor(message: string, options: SynapErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.correlationId = options.correlationId;
    this.status = options.status;
    this.detail = options.detail;
    this.retryable = options.retryable ?? false;
  }
}

/** A failure that may pass on its own (alias `TransientError`). Not every one is retried: see `retryable`. */
export class SynapTransientError extends SynapError {
  override name = 'SynapTransientError';
}

/**
 * The request timed out, could not connect, or the connection dropped (alias
 * `ConnectionError`). Always retryable for idempotent calls.
 */
export class NetworkTimeoutError extends SynapTransientError {
  override name = 'NetworkTimeoutError';
  constructor(message: string, options: SynapErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** Options of {@link RateLimitError}. */
export interface RateLimitErrorOptions extends SynapErrorOptions {
  /** The integer `Retry-After` header, in seconds; undefined when absent or not an integer. */
  retryAfterSeconds?: number;
}

/** HTTP 429. `retryAfterSeconds` is the server's integer `Retry-After`, when it sent one. */
export class RateLimitError extends SynapTransientError {
  override name = 'RateLimitError';
  /** Seconds the server asked the caller to wait, or undefined. */
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, { retryable: true, ...options });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** HTTP 5xx: the server failed or is overloaded. Retryable. */
export class ServiceUnavailableError extends SynapTransientError {
  override name = 'ServiceUnavailableError';
  constructor(message: string, options: SynapErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** The agent behind the service is unavailable (defined by the protocol; not raised by HTTP calls yet). */
export class AgentUnavailableError extends SynapTransientError {
  override name = 'AgentUnavailableError';
}

/** A failure that repeating the same call will not fix (alias `PermanentError`). Never retried. */
export class SynapPermanentError extends SynapError {
  override name = 'SynapPermanentError';
  constructor(message: string, options: SynapErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

/** HTTP 400/422, or input the SDK rejected before sending anything. */
export class InvalidInputError extends SynapPermanentError {
  override name = 'InvalidInputError';
}

/** An instance id that is not `inst_` + 16 hex digits; raised client-side. */
export class InvalidInstanceIdError extends InvalidInputError {
  override name = 'InvalidInstanceIdError';
}

/** A `conversation_id` that is not a UUID on a conversation-scoped method; raised before any request. */
export class InvalidConversationIdError extends InvalidInputError {
  override name = 'InvalidConversationIdError';
}

/** HTTP 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends SynapPermanentError {
  override name = 'AuthenticationError';
}

/** HTTP 404: the conversation, memory, profile or ingestion does not exist. */
export class ContextNotFoundError extends SynapPermanentError {
  override name = 'ContextNotFoundError';
}

/** HTTP 409 (e.g. a compaction is already running). The message is `detail.message`. */
export class ConflictError extends SynapPermanentError {
  override name = 'ConflictError';
}

/** HTTP 409 with `detail.code == "transcript_conflict"`: a different transcript already exists for the id. */
export class TranscriptConflictError extends ConflictError {
  override name = 'TranscriptConflictError';
}

/** Options of {@link InsufficientCreditsError}. */
export interface InsufficientCreditsErrorOptions extends SynapErrorOptions {
  balanceCredits?: number;
  minimumRequiredCredits?: number;
  recoveryUrl?: string;
  redeemUrl?: string;
}

/** HTTP 402: the account lacks credits. The fields come from the structured `detail` (or the body). */
export class InsufficientCreditsError extends SynapPermanentError {
  override name = 'InsufficientCreditsError';
  /** Credits left on the account, when the server said. */
  readonly balanceCredits: number | undefined;
  /** Credits the call needed, when the server said. */
  readonly minimumRequiredCredits: number | undefined;
  /** Where a person can top up, when the server said. */
  readonly recoveryUrl: string | undefined;
  /** Where a person can redeem a code, when the server said. */
  readonly redeemUrl: string | undefined;
  constructor(message: string, options: InsufficientCreditsErrorOptions = {}) {
    super(message, options);
    this.balanceCredits = options.balanceCredits;
    this.minimumRequiredCredits = options.minimumRequiredCredits;
    this.recoveryUrl = options.recoveryUrl;
    this.redeemUrl = options.redeemUrl;
  }
}

/** The session expired (defined by the protocol; not raised by HTTP calls yet). */
export class SessionExpiredError extends SynapPermanentError {
  override name = 'SessionExpiredError';
}

/** `listen` called while already listening (defined by the protocol; the stream is not implemented yet). */
export class ListeningAlreadyActiveError extends SynapPermanentError {
  override name = 'ListeningAlreadyActiveError';
}

/** A stream operation without an active `listen` (defined by the protocol; not implemented yet). */
export class ListeningNotActiveError extends SynapPermanentError {
  override name = 'ListeningNotActiveError';
}

/**
 * The caller's `AbortSignal` fired. An Engram addition (the Python SDK has no
 * cancellation): it derives from SynapError directly because it is neither the
 * server's fault nor retryable. `cause` is the signal's reason.
 */
export class RequestAbortedError extends SynapError {
  override name = 'RequestAbortedError';
}
