// The three kinds of code, named once so the table below reads as a list.
const CALLER_ERROR = { category: 'user', retryable: false } as const;
const SERVER_ERROR = { category: 'system', retryable: true } as const;
const PROVIDER_ERROR = { category: 'provider', retryable: true } as const;

/**
 * Stable error codes, each with who is at fault and whether a retry may help.
 * Core knows no transport: the server maps each code to an HTTP status
 * (packages/server/src/http/error-status.ts) and the SDK maps the status back
 * to a typed error. Never rename a code: clients may match on it.
 */
export const ERROR_CODES = {
  INVALID_INPUT: CALLER_ERROR,
  BAD_REQUEST: CALLER_ERROR,
  UNAUTHENTICATED: CALLER_ERROR,
  NOT_FOUND: CALLER_ERROR,
  CONFLICT: CALLER_ERROR,
  TRANSCRIPT_CONFLICT: CALLER_ERROR,
  COMPACTION_IN_PROGRESS: CALLER_ERROR,
  PAYLOAD_TOO_LARGE: CALLER_ERROR,
  UNSUPPORTED_MEDIA_TYPE: CALLER_ERROR,
  /** The caller's fault, but waiting (Retry-After) fixes it. */
  RATE_LIMITED: { category: 'user', retryable: true },
  INTERNAL: SERVER_ERROR,
  STORE_UNAVAILABLE: SERVER_ERROR,
  PROVIDER_FAILED: PROVIDER_ERROR,
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
