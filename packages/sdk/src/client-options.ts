import { INSTANCE_ID_PATTERN } from '@engram/protocol';
import { InvalidInputError, InvalidInstanceIdError } from './errors/synap-error.js';
import type { FetchLike } from './transport/fetch-like.js';
import type { TransportConfig } from './transport/http-transport.js';
import { type RetryPolicy, resolveRetryPolicy } from './transport/retry-policy.js';

/** Where a local `engram serve` listens by default. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787';
/** Per-attempt timeout by default, the Python SDK's read timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of `new EngramClient(...)`. Only `apiKey` is required. */
export interface EngramClientOptions {
  /** Bearer key (`synap_...`); it identifies the instance. */
  apiKey: string;
  /** Server root, without the `/v1` part. Default `http://127.0.0.1:8787`. */
  baseUrl?: string;
  /** `inst_` + 16 hex digits; sent as `X-Instance-ID`. Learnt from `whoami()` when absent. */
  instanceId?: string;
  /** Sent as `X-Client-ID`. Learnt from `whoami()` when absent. */
  clientId?: string;
  /** A `fetch` implementation; default the global `fetch`, looked up at call time. */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds (0 disables it). Default 30000. */
  timeoutMs?: number;
  /**
   * Retry policy (see `RetryPolicy` for what is retried); missing fields take
   * their defaults `{ maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10000 }`.
   * `false` disables retries.
   */
  retry?: Partial<RetryPolicy> | false;
  /**
   * Extra headers sent with every request (e.g. a tracing header). They cannot
   * replace the SDK's own: Authorization, X-Correlation-ID, Content-Type, and
   * X-Instance-ID / X-Client-ID once known.
   */
  headers?: Record<string, string>;
}

/**
 * Checks the options and fills in defaults. Throws InvalidInputError naming
 * the bad option, or InvalidInstanceIdError for a malformed `instanceId`.
 */
export function resolveClientOptions(options: EngramClientOptions): TransportConfig {
  if (typeof options !== 'object' || options === null) throw new InvalidInputError('options are required');
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new InvalidInputError('apiKey is required');
  }
  if (options.instanceId !== undefined && !INSTANCE_ID_PATTERN.test(options.instanceId)) {
    throw new InvalidInstanceIdError('instanceId must be "inst_" followed by 16 hex digits');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new InvalidInputError('timeoutMs must be a number of at least 0');
  }
  return {
    apiKey: options.apiKey,
    baseUrl: resolveBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    // Looked up per call so a polyfill installed after construction still counts.
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs,
    retry: resolveRetryPolicy(options.retry),
    headers: lowerCaseNames(options.headers ?? {}),
    identity: { instanceId: options.instanceId, clientId: options.clientId },
  };
}

function resolveBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidInputError('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('baseUrl must be an absolute http(s) URL');
  }
  // Kept as given (minus trailing slashes) so a path prefix behind a proxy survives.
  return baseUrl.replace(/\/+$/, '');
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
