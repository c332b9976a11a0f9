/**
 * Stable error codes. Oversized and wrongly typed bodies are 400, not 413/415:
 * the Synap SDK maps only 400/422 to a permanent InvalidInputError, and any
 * other 4xx to a transient error that invites pointless retries.
 *
 * Stable error codes. The HTTP layer maps each to a status; the SDK maps the
 * status back to a typed error. Never rename a code: clients may match on it.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { category: 'user', status: 422, retryable: false },
  BAD_REQUEST: { category: 'user', status: 400, retryable: false },
  UNAUTHENTICATED: { category: 'user', status: 401, retryable: false },
  NOT_FOUND: { category: 'user', status: 404, retryable: false },
  CONFLICT: { category: 'user', status: 409, retryable: false },
  TRANSCRIPT_CONFLICT: { category: 'user', status: 409, retryable: false },
  COMPACTION_IN_PROGRESS: { category: 'user', status: 409, retryable: false },
  PAYLOAD_TOO_LARGE: { category: 'user', status: 400, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { category: 'user', status: 400, retryable: false },
  RATE_LIMITED: { category: 'user', status: 429, retryable: true },
  INTERNAL: { category: 'system', status: 500, retryable: true },
  STORE_UNAVAILABLE: { category: 'system', status: 503, retryable: true },
  PROVIDER_FAILED: { category: 'provider', status: 502, retryable: true },
} as const satisfies Record<string, { category: ErrorCategory; status: number; retryable: boolean }>;

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
