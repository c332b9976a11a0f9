import {
  type FailureContext,
  failureFromException,
  failureFromResponse,
  safeJson,
} from './openai-compatible-failure.js';

/** Connection settings shared by the OpenAI-compatible adapters. */
export interface OpenAICompatibleConnection {
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

/** What a successful (2xx) call returned, parsed leniently. */
export interface OpenAICompatibleReply {
  status: number;
  /** The JSON body, or undefined when it was not JSON (the caller reports it as malformed). */
  json: unknown;
}

/**
 * Builds a poster for one endpoint (`/chat/completions`, `/embeddings`) of an
 * OpenAI-compatible server. Each call sends one JSON POST with the key as a
 * bearer token, enforces `timeoutMs` over the whole exchange (a body that
 * stalls half-way included), and turns non-2xx answers and network failures
 * into PROVIDER_FAILED with `retryable` decided from the status. It never
 * retries: core's callers do.
 */
export function createOpenAICompatiblePoster(
  connection: OpenAICompatibleConnection,
  endpoint: string,
  timeoutMs: number,
  context: FailureContext,
): (body: unknown, abortSignal: AbortSignal | undefined) => Promise<OpenAICompatibleReply> {
  const url = `${connection.baseUrl.replace(/\/+$/, '')}/${endpoint}`;
  const fetchImpl = connection.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = {
    // Lower-cased so that `authorization` below replaces a caller's `Authorization` instead of joining it.
    ...Object.fromEntries(
      Object.entries(connection.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    'content-type': 'application/json',
    accept: 'application/json',
    ...(connection.apiKey !== undefined &&
      connection.apiKey !== '' && { authorization: `Bearer ${connection.apiKey}` }),
  };
  return async (body, abortSignal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = abortSignal === undefined ? timeout : AbortSignal.any([abortSignal, timeout]);
    let status: number;
    let bodyText: string;
    let responseHeaders: Headers;
    try {
      const response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
      status = response.status;
      responseHeaders = response.headers;
      // Read inside the try: the timeout covers a body that stalls half-way.
      bodyText = await response.text();
    } catch (error) {
      throw failureFromException(context, error, { caller: abortSignal, timeout, timeoutMs });
    }
    if (status < 200 || status >= 300) throw failureFromResponse(context, status, responseHeaders, bodyText);
    return { status, json: safeJson(bodyText) };
  };
}
