import { EngramError, isEngramError } from '../errors/engram-error.js';

/** Backoff settings of a retried provider call. */
export interface BackoffSettings {
  /** First delay, doubled on each further retry (with jitter). */
  initialDelayMs: number;
  /** Cap on any one delay, `Retry-After` included. */
  maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): the provider's Retry-After
 * when it sent one, else exponential backoff with jitter, so many workers
 * that failed together do not retry in lockstep. Capped at `maxDelayMs`.
 */
export function retryDelayMs(
  settings: BackoffSettings,
  attempt: number,
  retryAfterSeconds: number | undefined,
): number {
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1_000, settings.maxDelayMs);
  const base = settings.initialDelayMs * 2 ** (attempt - 1);
  return Math.min(base * (0.5 + Math.random() / 2), settings.maxDelayMs);
}

/** Waits `ms`, returning early (without throwing) when `signal` fires; the caller checks it next. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Any failure of a provider call as an EngramError. Adapters throw
 * EngramErrors with `retryable` decided from the status; anything else is an
 * adapter bug, which a retry would not fix.
 */
export function asProviderError(error: unknown, what: string, context: Record<string, unknown>): EngramError {
  if (isEngramError(error)) return error;
  return new EngramError('PROVIDER_FAILED', `${what} failed unexpectedly`, {
    retryable: false,
    details: context,
    cause: error,
  });
}

/** The final failure of a retried call, recording how many attempts were made. */
export function withAttempts(failure: EngramError, attempts: number): EngramError {
  return new EngramError(failure.code, failure.message, {
    retryable: failure.retryable,
    retryAfterSeconds: failure.retryAfterSeconds,
    details: { ...failure.details, attempts },
    cause: failure,
  });
}

/** Throws the non-retryable "aborted by the caller" error once `signal` has fired. */
export function throwIfAborted(
  signal: AbortSignal | undefined,
  what: string,
  context: Record<string, unknown>,
): void {
  if (signal?.aborted) {
    throw new EngramError('PROVIDER_FAILED', `${what} aborted by the caller`, {
      retryable: false,
      details: { ...context, reason: 'aborted' },
      cause: signal.reason,
    });
  }
}
