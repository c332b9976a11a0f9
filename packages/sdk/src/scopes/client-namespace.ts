import type { ContextResponse } from '@engram/protocol';
import { clientFetchBody } from '../context/fetch-bodies.js';
import { sendScopedFetch } from '../context/scoped-fetch.js';
import type { FetchClientContextInput } from '../context/scoped-fetch-inputs.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';

/** `sdk.client.context`: retrieval at the client (account) level, which the API key names. */
export class ClientContextNamespace {
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
  }

  /**
   * Fetches client-wide memories only (E6, `POST /v1/context/client/fetch`).
   * Validates the query fields before sending. Read-only: retried per the
   * client's policy.
   */
  async fetch(input: FetchClientContextInput = {}, options: CallOptions = {}): Promise<ContextResponse> {
    return sendScopedFetch(this.#request, 'client', clientFetchBody(input), options);
  }
}

/** `sdk.client`: client-scoped `context`. */
export class ClientNamespace {
  /** `sdk.client.context.fetch`. */
  readonly context: ClientContextNamespace;

  constructor(request: RequestFn) {
    this.context = new ClientContextNamespace(request);
  }
}
