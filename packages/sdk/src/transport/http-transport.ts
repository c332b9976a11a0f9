import type { z } from 'zod';
import { errorFromResponse } from '../errors/error-from-response.js';
import {
  InvalidInputError,
  NetworkTimeoutError,
  RequestAbortedError,
  SynapError,
} from '../errors/synap-error.js';
import { attemptSignal, raceAbort, sleep } from './cancellation.js';
import { newCorrelationId } from './correlation-id.js';
import type { FetchLike, FetchResponse } from './fetch-like.js';
import { parseJson } from './json-body.js';
import { type RetryPolicy, retryDelayMs, shouldRetry } from './retry-policy.js';

/** Options every SDK method accepts as its optional last argument. */
export interface CallOptions {
  /** Cancels the call, including a pending retry delay. A fired signal is never retried. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds, overriding the client's `timeoutMs`; 0 disables it. */
  timeoutMs?: number;
}

/** HTTP methods the Synap routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A query-string value; `undefined` and `null` leave the parameter out. */
export type QueryValue = string | number | boolean | null | undefined;

/** One logical call, as a namespace method describes it to {@link HttpTransport.request}. */
export interface RequestOptions<Schema extends z.ZodType> extends CallOptions {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`; ids inside must already be `encodeURIComponent`-ed. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON request body; `undefined` sends none (and no Content-Type). */
  body?: unknown;
  /**
   * A multipart body instead of `body`. No Content-Type is set, so `fetch`
   * writes `multipart/form-data` with its boundary. It must hold only strings
   * and Blobs, which can be sent again on a retry.
   */
  formData?: FormData;
  /**
   * Schema the 200 body must satisfy. The returned value is the server's JSON
   * itself, so unknown keys survive at every depth; the schema's transforms and
   * defaults are therefore not applied, and response schemas must not need them.
   */
  response: Schema;
  /**
   * True when repeating the call cannot change the outcome (reads, and POST
   * fetches). False for writes: they are retried only on 429.
   */
  idempotent: boolean;
  /** False for unauthenticated routes (`/health`): no Authorization or X-Instance/Client headers. Default true. */
  authenticated?: boolean;
}

/** The signature namespaces call; bound to one client's {@link HttpTransport}. */
export type RequestFn = <Schema extends z.ZodType>(
  options: RequestOptions<Schema>,
) => Promise<z.output<Schema>>;

/** Ids sent as headers; `whoami` may fill in the ones the caller did not know. */
export interface ClientIdentity {
  instanceId: string | undefined;
  clientId: string | undefined;
}

/** Resolved settings of an {@link HttpTransport}. */
export interface TransportConfig {
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Extra headers (lower-case names); the SDK's own headers take precedence. */
  headers: Record<string, string>;
  identity: ClientIdentity;
}

/**
 * Sends Synap requests: headers, one correlation id per logical call reused by
 * every retry, per-attempt timeouts, retries (see `RetryPolicy`), status →
 * error mapping and response checks. Every failure it reports is a SynapError.
 */
export class HttpTransport {
  readonly #config: TransportConfig;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /** The ids sent as `X-Instance-ID` / `X-Client-ID`; mutable so `whoami` can fill them in. */
  get identity(): ClientIdentity {
    return this.#config.identity;
  }

  /**
   * Performs one logical call, retrying per the policy, and resolves with the
   * checked 200 (or 204 as `{}`) body. Rejects with a SynapError subclass only.
   */
  async request<Schema extends z.ZodType>(options: RequestOptions<Schema>): Promise<z.output<Schema>> {
    const correlationId = newCorrelationId(this.#config.identity.instanceId);
    const policy = this.#config.retry;
    for (let attempt = 1; ; attempt += 1) {
      let failure: SynapError;
      try {
        return await this.#attempt(options, correlationId);
      } catch (error) {
        failure = toSynapError(error, correlationId);
      }
      if (failure instanceof RequestAbortedError) throw failure;
      if (!shouldRetry(failure, attempt, policy, options.idempotent)) throw failure;
      try {
        await sleep(retryDelayMs(failure, attempt, policy), options.signal);
      } catch {
        throw abortedError(options.signal, correlationId);
      }
    }
  }

  async #attempt<Schema extends z.ZodType>(
    options: RequestOptions<Schema>,
    correlationId: string,
  ): Promise<z.output<Schema>> {
    const { method, path } = options;
    if (options.signal?.aborted) throw abortedError(options.signal, correlationId);
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    const attempt = attemptSignal(options.signal, timeoutMs);
    // Called detached: a browser's fetch throws "Illegal invocation" when called as a method of another object.
    const fetchFunction = this.#config.fetch;
    let response: FetchResponse;
    let text: string;
    try {
      const init = { method, headers: this.#headers(options, correlationId), signal: attempt.signal };
      const body = options.formData ?? serializeBody(options.body);
      response = await raceAbort(
        fetchFunction(this.#url(options), body === undefined ? init : { ...init, body }),
        attempt.signal,
      );
      text = await raceAbort(response.text(), attempt.signal);
    } catch (error) {
      if (error instanceof SynapError) throw error;
      if (options.signal?.aborted) throw abortedError(options.signal, correlationId);
      if (attempt.timedOut()) {
        throw new NetworkTimeoutError(`${method} ${path}: no response within ${timeoutMs} ms`, {
          correlationId,
          cause: error,
        });
      }
      throw new NetworkTimeoutError(`${method} ${path}: network error (${describe(error)})`, {
        correlationId,
        cause: error,
      });
    } finally {
      attempt.dispose();
    }
    const { status } = response;
    if (status !== 200 && status !== 204) {
      throw errorFromResponse({
        status,
        bodyText: text,
        retryAfter: response.headers.get('retry-after'),
        correlationId,
      });
    }
    // The protocol reads a 204 as an empty object.
    const parsed = status === 204 ? { ok: true as const, value: {} } : parseJson(text);
    if (!parsed.ok) {
      throw new SynapError(`${method} ${path}: the server answered ${status} with a body that is not JSON`, {
        correlationId,
        status,
        detail: text.slice(0, 500),
      });
    }
    const checked = options.response.safeParse(parsed.value);
    if (!checked.success) {
      const issues = checked.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new SynapError(`${method} ${path}: the server answered an unexpected shape (${issues})`, {
        correlationId,
        status,
        cause: checked.error,
      });
    }
    return parsed.value as z.output<Schema>;
  }

  #url(options: RequestOptions<z.ZodType>): string {
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) parameters.append(name, String(value));
    }
    const query = parameters.toString();
    return `${this.#config.baseUrl}${options.path}${query === '' ? '' : `?${query}`}`;
  }

  #headers(options: RequestOptions<z.ZodType>, correlationId: string): Record<string, string> {
    // Lower-case names throughout, so a caller's `authorization` cannot sit beside ours and be merged with it.
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.#config.headers,
      'x-correlation-id': correlationId,
    };
    if (options.authenticated !== false) {
      const { instanceId, clientId } = this.#config.identity;
      headers['authorization'] = `Bearer ${this.#config.apiKey}`;
      // The protocol allows these empty; leaving them out when unknown is cleaner and equivalent.
      if (instanceId) headers['x-instance-id'] = instanceId;
      if (clientId) headers['x-client-id'] = clientId;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }
}

function serializeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch (error) {
    // Cycles and BigInt values: the caller's input, so not retryable and no request is sent.
    throw new InvalidInputError('the request body cannot be serialised as JSON', { cause: error });
  }
}

function abortedError(signal: AbortSignal | undefined, correlationId: string): RequestAbortedError {
  return new RequestAbortedError('the call was aborted by its AbortSignal', {
    correlationId,
    cause: signal?.reason,
  });
}

/** Anything that escaped the attempt without being a SynapError is an SDK defect; still report a SynapError. */
function toSynapError(error: unknown, correlationId: string): SynapError {
  if (error instanceof SynapError) return error;
  return new SynapError(`unexpected SDK failure (${describe(error)})`, { correlationId, cause: error });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
