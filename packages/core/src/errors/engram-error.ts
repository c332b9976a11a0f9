/**
 * Stable error codes, each with who is at fault and whether a retry may help.
 * Core knows no transport: the server maps each code to an HTTP status
 * (packages/server/src/http/error-status.ts) and the SDK maps the status back
 * to a typed error. Never rename a code: clients may match on it.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { category: 'user', retryable: false },
  BAD_REQUEST: { category: 'user', retryable: false },
  UNAUTHENTICATED: { category: 'user', retryable: false },
  NOT_FOUND: { category: 'user', retryable: false },
  CONFLICT: { category: 'user', retryable: false },
  TRANSCRIPT_CONFLICT: { category: 'user', retryable: false },
  COMPACTION_IN_PROGRESS: { category: 'user', retryable: false },
  PAYLOAD_TOO_LARGE: { category: 'user', retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { category: 'user', retryable: false },
  RATE_LIMITED: { category: 'user', retryable: true },
  INTERNAL: { category: 'system', retryable: true },
  STORE_UNAVAILABLE: { category: 'system', retryable: true },
  PROVIDER_FAILED: { category: 'provider', retryable: true },
} as const satisfies Record<string, { category: ErrorCategory; retryable: boolean }>;

/** Who is at fault: the caller, Engram itself, or an external model provider. */
export type ErrorCategory = 'user' | 'system' | 'provider';
/** One of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Options of {@link EngramError}. */
export interface EngramErrorOptions {
  /** Structured, non-sensitive details (field names, limits), never user content. */
  details?: Record<string, unknown>;
  /** Overrides the code's default retryability, decided where the failure happened. */
  retryable?: boolean;
  /** Seconds a caller should wait before retrying (429). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The one error type domain code throws. Messages describe the problem
 * without echoing user content, keys or query text.
 */
export class EngramError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: EngramErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'EngramError';
    this.code = code;
    this.category = ERROR_CODES[code].category;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True when `error` is an {@link EngramError}, optionally with the given code. */
export function isEngramError(error: unknown, code?: ErrorCode): error is EngramError {
  return error instanceof EngramError && (code === undefined || error.code === code);
}
