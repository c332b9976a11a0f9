import type { ContextResponse } from '@engram/protocol';
import { customerFetchBody } from '../context/fetch-bodies.js';
import { sendScopedFetch } from '../context/scoped-fetch.js';
import type { FetchCustomerContextInput } from '../context/scoped-fetch-inputs.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';

/** `sdk.customer.context`: retrieval for one customer (a B2B tenant). */
export class CustomerContextNamespace {
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
  }

  /**
   * Fetches a customer's shared memories (E5, `POST /v1/context/customer/fetch`),
   * never user-scoped ones, plus client memories unless `include_client_context`
   * is false. Validates `customer_id` and the query fields before sending.
   * Read-only: retried per the client's policy.
   */
  async fetch(input: FetchCustomerContextInput, options: CallOptions = {}): Promise<ContextResponse> {
    return sendScopedFetch(this.#request, 'customer', customerFetchBody(input), options);
  }
}

/** `sdk.customer`: customer-scoped `context`. */
export class CustomerNamespace {
  /** `sdk.customer.context.fetch`. */
  readonly context: CustomerContextNamespace;

  constructor(request: RequestFn) {
    this.context = new CustomerContextNamespace(request);
  }
}
