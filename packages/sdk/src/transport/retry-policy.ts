import { InvalidInputError, RateLimitError, type SynapError } from '../errors/synap-error.js';

/**
 * How the SDK repeats a failed call.
 *
 * This deliberately improves on the Python SDK, which in practice only retries
 * network failures (spec §5 item 1):
 * - retried: network errors and timeouts, 429 and 5xx;
 * - never retried: any other 4xx, non-JSON or malformed 200s, and anything after
 *   the caller's `AbortSignal` fired;
 * - calls that write (record message and batch, memories create, batch,
 *   upload and update, transcript ingest, compact) are not idempotent, so they
 *   are retried only on 429, where the server rejected the request before
 *   acting on it; a retried timeout or 5xx could write twice. Reads, fetches
 *   and `memories.delete` are idempotent;
 * - the delay before attempt n+1 is `baseDelayMs × 2^(n-1)`, capped at
 *   `maxDelayMs`, plus up to 25 % random jitter; a 429's integer `Retry-After`
 *   replaces it (exactly, without jitter), also capped at `maxDelayMs`.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 disables retries. Default 3. */
  maxAttempts: number;
  /** Delay before the first retry, in milliseconds. Default 1000. */
  baseDelayMs: number;
  /** Upper bound of a delay before jitter, and of an honoured `Retry-After`. Default 10000. */
  maxDelayMs: number;
}

/** The defaults of {@link RetryPolicy}, the same as the Python SDK's. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
});

/** Largest share of the delay added as random jitter, so that many clients do not retry in step. */
const JITTER_RATIO = 0.25;

/**
 * The policy for a `retry` client option: `false` means one attempt; missing
 * fields take their defaults. Throws InvalidInputError naming a bad field.
 */
export function resolveRetryPolicy(option: Partial<RetryPolicy> | false | undefined): RetryPolicy {
  if (option === false) return { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };
  const policy = { ...DEFAULT_RETRY_POLICY, ...option };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new InvalidInputError('retry.maxAttempts must be an integer of at least 1');
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new InvalidInputError(`retry.${key} must be a finite number of at least 0`);
    }
  }
  return policy;
}

/**
 * Whether to make another attempt after `error` ended attempt number `attempt`
 * (1-based). Non-idempotent calls are repeated only on 429 (see {@link RetryPolicy}).
 */
export function shouldRetry(
  error: SynapError,
  attempt: number,
  policy: RetryPolicy,
  idempotent: boolean,
): boolean {
  if (attempt >= policy.maxAttempts || !error.retryable) return false;
  return idempotent || error instanceof RateLimitError;
}

/**
 * Milliseconds to wait after attempt number `attempt` (1-based) failed with
 * `error`: the capped `Retry-After` of a 429 when present, else capped
 * exponential backoff plus jitter. `random` is injectable for tests.
 */
export function retryDelayMs(
  error: SynapError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (error instanceof RateLimitError && error.retryAfterSeconds !== undefined) {
    return Math.min(error.retryAfterSeconds * 1_000, policy.maxDelayMs);
  }
  const delay = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return delay + delay * JITTER_RATIO * random();
}

/**
 * The `Retry-After` header as whole seconds, or undefined when absent or not a
 * non-negative integer. HTTP also allows a date there; the protocol requires
 * integer seconds, so a date is ignored rather than guessed at.
 */
export function parseRetryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
