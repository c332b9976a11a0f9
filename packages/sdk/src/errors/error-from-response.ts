import { parseJson } from '../transport/json-body.js';
import { parseRetryAfterSeconds } from '../transport/retry-policy.js';
import {
  AuthenticationError,
  ConflictError,
  ContextNotFoundError,
  type ErrorDetail,
  InsufficientCreditsError,
  InvalidInputError,
  RateLimitError,
  ServiceUnavailableError,
  type SynapError,
  SynapTransientError,
  TranscriptConflictError,
} from './synap-error.js';

/** Longest server text copied into an error message; an HTML error page can be huge. */
const MAX_MESSAGE_CHARS = 500;

/** What the transport knows about a response that was not a success. */
export interface FailedResponse {
  status: number;
  /** The raw body text (may be empty or not JSON). */
  bodyText: string;
  /** The raw `Retry-After` header, or null. */
  retryAfter: string | null;
  correlationId: string;
}

/**
 * Maps a non-success response to its typed error, per the spec §2.1 table:
 * 400/422 InvalidInputError, 401 AuthenticationError, 402 InsufficientCreditsError,
 * 404 ContextNotFoundError, 409 TranscriptConflictError or ConflictError,
 * 429 RateLimitError, ≥500 ServiceUnavailableError, anything else (403, 201,
 * 202, 3xx...) a non-retryable SynapTransientError "HTTP <status>: ...".
 * Retryability is set here, from the status, and nowhere else.
 */
export function errorFromResponse(response: FailedResponse): SynapError {
  const { status, correlationId } = response;
  const { detail, body } = readDetail(response.bodyText);
  const message = messageOf(detail, status);
  const options = { correlationId, status, detail };
  if (status === 400 || status === 422) return new InvalidInputError(message, options);
  if (status === 401) return new AuthenticationError(message, options);
  if (status === 402) return insufficientCredits(detail, body, options);
  if (status === 404) return new ContextNotFoundError(message, options);
  if (status === 409) {
    const isTranscriptConflict = isRecord(detail) && detail['code'] === 'transcript_conflict';
    return isTranscriptConflict
      ? new TranscriptConflictError(message, options)
      : new ConflictError(message, options);
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfterSeconds(response.retryAfter);
    return new RateLimitError(message, { ...options, retryAfterSeconds });
  }
  if (status >= 500) return new ServiceUnavailableError(message, options);
  // 403 and unexpected 2xx/3xx are transient in the Python SDK's classes but it never retries them.
  return new SynapTransientError(`HTTP ${status}: ${message}`, { ...options, retryable: false });
}

/** The `detail` of an error body, or the body text itself when it is not the documented shape. */
function readDetail(bodyText: string): { detail: ErrorDetail | undefined; body: Record<string, unknown> } {
  const parsed = parseJson(bodyText);
  if (parsed.ok && isRecord(parsed.value)) {
    const value = parsed.value['detail'];
    if (typeof value === 'string' || isRecord(value)) return { detail: value, body: parsed.value };
    if (value !== undefined && value !== null) return { detail: JSON.stringify(value), body: parsed.value };
    return { detail: parsed.value, body: parsed.value };
  }
  const text = bodyText.trim();
  return { detail: text === '' ? undefined : truncate(text), body: {} };
}

function messageOf(detail: ErrorDetail | undefined, status: number): string {
  if (detail === undefined) return `HTTP ${status}`;
  if (typeof detail === 'string') return detail === '' ? `HTTP ${status}` : truncate(detail);
  const message = detail['message'];
  return typeof message === 'string' && message !== '' ? truncate(message) : truncate(JSON.stringify(detail));
}

function insufficientCredits(
  detail: ErrorDetail | undefined,
  body: Record<string, unknown>,
  options: { correlationId: string; status: number; detail: ErrorDetail | undefined },
): InsufficientCreditsError {
  // The Python SDK reads the credit fields from a dict detail, or else from the body, and then uses a fixed message.
  const source = isRecord(detail) ? detail : body;
  const message = isRecord(detail) ? 'Insufficient credits' : messageOf(detail, 402);
  return new InsufficientCreditsError(message, {
    ...options,
    balanceCredits: numberOrUndefined(source['balance_credits']),
    minimumRequiredCredits: numberOrUndefined(source['minimum_required_credits']),
    recoveryUrl: stringOrUndefined(source['recovery_url']),
    redeemUrl: stringOrUndefined(source['redeem_url']),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
