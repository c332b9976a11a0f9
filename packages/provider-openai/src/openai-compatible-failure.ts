import { EngramError } from '@engram/core';
import { z } from 'zod';

/** Who failed, for error details (never the URL: it may carry credentials). */
export interface FailureContext {
  provider: string;
  modelId: string;
  operation: string;
}

// OpenAI's error body; only the machine-readable fields are kept, since the message may echo input or key fragments.
const errorBodySchema = z.object({
  error: z.object({
    type: z.string().nullish().catch(null),
    code: z.union([z.string(), z.number()]).nullish().catch(null),
    param: z.string().nullish().catch(null),
  }),
});

/**
 * Whether a failed HTTP status is worth retrying: rate limits (429), request
 * timeouts (408) and server errors (5xx) are transient; other 4xx mean the
 * request itself is wrong (bad key, unknown model, invalid schema).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * EngramError PROVIDER_FAILED for a non-2xx response, `retryable` from the
 * status and `retryAfterSeconds` from a `Retry-After` header. Details hold
 * the status and the error body's `type`/`code`/`param`, never its message.
 */
export function failureFromResponse(
  context: FailureContext,
  status: number,
  headers: Headers,
  bodyText: string,
): EngramError {
  const body = errorBodySchema.safeParse(safeJson(bodyText));
  const error = body.success ? body.data.error : undefined;
  return new EngramError(
    'PROVIDER_FAILED',
    `${context.provider} ${context.operation} failed with HTTP ${status}`,
    {
      retryable: isRetryableStatus(status),
      retryAfterSeconds: retryAfterSeconds(headers.get('retry-after')),
      details: {
        ...context,
        status,
        errorType: clip(error?.type),
        errorCode: clip(error?.code === null || error?.code === undefined ? undefined : String(error.code)),
        errorParam: clip(error?.param),
      },
    },
  );
}

/**
 * EngramError PROVIDER_FAILED for a request that got no response: a timeout
 * or a network failure (retryable), or the caller's abort (not retryable).
 */
export function failureFromException(
  context: FailureContext,
  error: unknown,
  signals: { caller: AbortSignal | undefined; timeout: AbortSignal; timeoutMs: number },
): EngramError {
  if (signals.caller?.aborted) {
    return new EngramError(
      'PROVIDER_FAILED',
      `${context.provider} ${context.operation} aborted by the caller`,
      {
        retryable: false,
        details: { ...context, reason: 'aborted' },
        cause: error,
      },
    );
  }
  if (signals.timeout.aborted) {
    return new EngramError(
      'PROVIDER_FAILED',
      `${context.provider} ${context.operation} timed out after ${signals.timeoutMs} ms`,
      {
        retryable: true,
        details: { ...context, reason: 'timeout', timeoutMs: signals.timeoutMs },
        cause: error,
      },
    );
  }
  return new EngramError(
    'PROVIDER_FAILED',
    `${context.provider} ${context.operation} could not reach the server`,
    {
      retryable: true,
      details: { ...context, reason: 'network', errorCode: networkErrorCode(error) },
      cause: error,
    },
  );
}

/**
 * EngramError PROVIDER_FAILED for a 2xx response the adapter cannot read.
 * Not retryable: a body that is not the expected JSON usually means a wrong
 * base URL (an HTML page, another API), which a retry will not fix.
 */
export function failureFromMalformedBody(
  context: FailureContext,
  status: number,
  reason: string,
): EngramError {
  return new EngramError(
    'PROVIDER_FAILED',
    `${context.provider} ${context.operation} returned an unreadable body`,
    {
      retryable: false,
      details: { ...context, status, reason },
    },
  );
}

/** JSON.parse that returns undefined instead of throwing. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Seconds from `Retry-After` (delta-seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1_000));
}

/** Node's fetch wraps socket errors: the code ("ECONNREFUSED") sits on the cause. */
function networkErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function clip(value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value.slice(0, 100);
}
