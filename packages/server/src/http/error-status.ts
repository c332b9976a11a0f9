import type { ErrorCode } from '@engram/core';

/**
 * The HTTP status of each core error code (decision 0004), the one place the
 * server turns a code into a status. Oversized and wrongly typed bodies are
 * 400, not 413/415: the Synap SDK maps only 400/422 to a permanent
 * InvalidInputError, and any other 4xx to a transient error that invites
 * pointless retries. `satisfies` makes a code added to core without a status
 * here a type error.
 */
export const HTTP_STATUS_OF_ERROR_CODE = {
  INVALID_INPUT: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TRANSCRIPT_CONFLICT: 409,
  COMPACTION_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 400,
  UNSUPPORTED_MEDIA_TYPE: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
  PROVIDER_FAILED: 502,
} as const satisfies Record<ErrorCode, number>;

/** The HTTP status a response carrying error `code` is sent with. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF_ERROR_CODE[code];
}
