import type { ContextResponse } from '@engram/protocol';
import { userFetchBody } from '../context/fetch-bodies.js';
import { sendScopedFetch } from '../context/scoped-fetch.js';
import type { FetchUserContextInput } from '../context/scoped-fetch-inputs.js';
import { assertNonEmptyString, assertOptionalString, assertRecord } from '../input-validation.js';
import { type UserProfile, userProfileResponseSchema } from '../schemas/profile-schemas.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';

/** `sdk.user.context`: retrieval for one end user. */
export class UserContextNamespace {
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
  }

  /**
   * Fetches what a user may see (E4, `POST /v1/context/user/fetch`): user,
   * customer and client memories, narrower first. With `context_mode:
   * "conversation-summary"` the response carries `profile` and `conversations`
   * (the last `last_n_conversations`, 0–20) instead. Validates `user_id`, `mode`,
   * `precision_level`, `max_results`, `types` and the summary fields before
   * sending. Read-only: retried per the client's policy.
   */
  async fetch(input: FetchUserContextInput, options: CallOptions = {}): Promise<ContextResponse> {
    return sendScopedFetch(this.#request, 'user', userFetchBody(input), options);
  }
}

/** Input of `user.getProfile` (E14). */
export interface GetProfileInput {
  user_id: string;
  /** Required on B2B instances. */
  customer_id?: string | null;
}

/** `sdk.user`: a user's profile and `context`. */
export class UserNamespace {
  /** `sdk.user.context.fetch`. */
  readonly context: UserContextNamespace;
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
    this.context = new UserContextNamespace(request);
  }

  /**
   * The caller profile built from a user's conversations (E14, `GET
   * /v1/users/{user_id}/profile?customer_id=`). Resolves with the profile
   * document itself (`attributes`, `overview`, ...), unwrapping the wire's
   * `{"profile": {...}}`. ContextNotFoundError when there is no profile yet.
   * Idempotent.
   */
  async getProfile(input: GetProfileInput, options: CallOptions = {}): Promise<UserProfile> {
    assertRecord(input, 'input');
    assertNonEmptyString(input.user_id, 'user_id');
    assertOptionalString(input.customer_id, 'customer_id');
    const body = await this.#request({
      ...options,
      method: 'GET',
      path: `/v1/users/${encodeURIComponent(input.user_id)}/profile`,
      query: { customer_id: input.customer_id },
      response: userProfileResponseSchema,
      idempotent: true,
    });
    const wrapped = (body as { profile?: unknown }).profile;
    return isRecord(wrapped) ? (wrapped as UserProfile) : (body as UserProfile);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
