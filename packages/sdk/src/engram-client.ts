import {
  type HealthResponse,
  healthResponseSchema,
  type WhoamiResponse,
  whoamiResponseSchema,
} from '@engram/protocol';
import { type EngramClientOptions, resolveClientOptions } from './client-options.js';
import { ConversationNamespace } from './conversation/conversation-namespace.js';
import { MemoriesNamespace } from './memories/memories-namespace.js';
import { ClientNamespace } from './scopes/client-namespace.js';
import { CustomerNamespace } from './scopes/customer-namespace.js';
import { UserNamespace } from './scopes/user-namespace.js';
import { type CallOptions, HttpTransport, type RequestFn } from './transport/http-transport.js';
import { unifiedFetch } from './unified/unified-fetch.js';
import type { UnifiedContextResponse, UnifiedFetchInput } from './unified/unified-types.js';

/**
 * Client of an Engram (or any Synap-compatible) server. Mirrors the Python
 * SDK's namespaces with camelCase methods; request and response objects keep
 * the wire's snake_case names. Works in browsers and edge runtimes: it needs
 * only `fetch`, `AbortController` and `crypto.getRandomValues`.
 *
 * Every method returns a promise that rejects only with a `SynapError`
 * subclass, accepts `{ signal, timeoutMs }` as its last argument, and is
 * retried per `RetryPolicy`. Unlike the Python SDK there is no `initialize()`:
 * the client is ready once constructed.
 */
export class EngramClient {
  /** `conversation.recordMessage`, `recordMessagesBatch`, `ingestTranscript` and `conversation.context.*`. */
  readonly conversation: ConversationNamespace;
  /** `memories.create`, `batchCreate`, `createFromFile`, `status`, `waitForCompletion`, `get`, `update`, `delete`. */
  readonly memories: MemoriesNamespace;
  /** `user.getProfile` and `user.context.fetch`. */
  readonly user: UserNamespace;
  /** `customer.context.fetch`. */
  readonly customer: CustomerNamespace;
  /** `client.context.fetch` (the account level the API key belongs to). */
  readonly client: ClientNamespace;
  readonly #transport: HttpTransport;
  // The one door to the network; namespaces receive it, never the transport itself.
  readonly #request: RequestFn;

  /** Throws InvalidInputError (or InvalidInstanceIdError) for bad options; sends nothing. */
  constructor(options: EngramClientOptions) {
    const transport = new HttpTransport(resolveClientOptions(options));
    this.#transport = transport;
    this.#request = (requestOptions) => transport.request(requestOptions);
    this.conversation = new ConversationNamespace(this.#request);
    this.memories = new MemoriesNamespace(this.#request);
    this.user = new UserNamespace(this.#request);
    this.customer = new CustomerNamespace(this.#request);
    this.client = new ClientNamespace(this.#request);
  }

  /** The instance id sent as `X-Instance-ID`: from the options, else learnt by `whoami()`. */
  get instanceId(): string | undefined {
    return this.#transport.identity.instanceId;
  }

  /** The client id sent as `X-Client-ID`: from the options, else learnt by `whoami()`. */
  get clientId(): string | undefined {
    return this.#transport.identity.clientId;
  }

  /**
   * The identity the API key resolves to (E1, `GET /api/v1/auth/whoami`).
   * Ids the options did not give are remembered and sent as headers from then
   * on (the Python SDK's `initialize()` does the same). A bad key rejects with
   * AuthenticationError.
   */
  async whoami(options: CallOptions = {}): Promise<WhoamiResponse> {
    const identity = await this.#request({
      ...options,
      method: 'GET',
      path: '/api/v1/auth/whoami',
      response: whoamiResponseSchema,
      idempotent: true,
    });
    this.#transport.identity.instanceId ??= identity.instance_id;
    this.#transport.identity.clientId ??= identity.client_id;
    return identity;
  }

  /**
   * The unified fetch (spec §3.2): the conversation, user, customer and (when
   * `scopes` names it) client scopes fetched in parallel, merged narrowest first
   * and de-duplicated by item id (`scope_map` says where each came from), plus
   * the conversation's prompt text and `formatted_context` (spec §3.6). Failed
   * sub-fetches are skipped and listed in `errors`; an InvalidInputError
   * rejects the call, before anything is sent when it is client-side.
   */
  async fetch(input: UnifiedFetchInput, options: CallOptions = {}): Promise<UnifiedContextResponse> {
    return unifiedFetch(
      { request: this.#request, conversationContext: this.conversation.context },
      input,
      options,
    );
  }

  /** Liveness (E2, `GET /health`). Unauthenticated: sends no key or identity headers. */
  async health(options: CallOptions = {}): Promise<HealthResponse> {
    return this.#request({
      ...options,
      method: 'GET',
      path: '/health',
      response: healthResponseSchema,
      idempotent: true,
      authenticated: false,
    });
  }
}

/** The same class under the protocol's name, for code ported from the Python SDK. */
export const SynapClient = EngramClient;
/** The same class under the protocol's name. */
export type SynapClient = EngramClient;
