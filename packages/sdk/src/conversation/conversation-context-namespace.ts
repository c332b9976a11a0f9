import {
  type ContextForPromptResponse,
  type ContextResponse,
  contextForPromptResponseSchema,
  contextResponseSchema,
  MAX_FETCH_RESULTS,
  TYPE_FILTER_ALIASES,
} from '@engram/protocol';
import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertConversationId,
  assertIntegerInRange,
  assertOneOf,
  assertRecord,
} from '../input-validation.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';
import type { ContextForPromptInput, FetchConversationContextInput } from './conversation-inputs.js';

const RETRIEVAL_MODES = ['fast', 'accurate'] as const;
const PRECISION_LEVELS = ['high', 'medium'] as const;
const PROMPT_STYLES = ['structured', 'narrative', 'bullet_points'] as const;
const TYPE_FILTERS = Object.keys(TYPE_FILTER_ALIASES);

/** `sdk.conversation.context`: retrieval scoped to one conversation. */
export class ConversationContextNamespace {
  readonly #request: RequestFn;

  constructor(request: RequestFn) {
    this.#request = request;
  }

  /**
   * Fetches memories visible from a conversation (E3, `POST
   * /v1/context/conversation/fetch`): conversation, user, customer and client
   * scopes, narrower first. A cold conversation yields empty lists, not an error.
   * Validates `conversation_id`, `mode`, `precision_level`, `max_results` and
   * `types` before sending. Read-only, so every retryable failure is retried.
   */
  async fetch(input: FetchConversationContextInput, options: CallOptions = {}): Promise<ContextResponse> {
    assertRecord(input, 'input');
    assertConversationId(input.conversation_id);
    assertOneOf(input.mode, RETRIEVAL_MODES, 'mode');
    assertOneOf(input.precision_level, PRECISION_LEVELS, 'precision_level');
    assertIntegerInRange(input.max_results, 1, MAX_FETCH_RESULTS, 'max_results');
    if (input.types !== undefined) {
      if (!Array.isArray(input.types)) throw new InvalidInputError('types must be an array');
      for (const type of input.types) assertOneOf(type, TYPE_FILTERS, 'types entries');
    }
    return this.#request({
      ...options,
      method: 'POST',
      path: '/v1/context/conversation/fetch',
      body: fetchBody(input),
      response: contextResponseSchema,
      idempotent: true,
    });
  }

  /**
   * The conversation rendered for a prompt (E9, `GET
   * /v1/conversations/{id}/context-for-prompt?style=`): latest compaction plus the
   * turns after it. `available` is false when there is nothing yet. Validates
   * `conversation_id` and `style` before sending; retried like any read.
   */
  async getContextForPrompt(
    input: ContextForPromptInput,
    options: CallOptions = {},
  ): Promise<ContextForPromptResponse> {
    assertRecord(input, 'input');
    assertConversationId(input.conversation_id);
    assertOneOf(input.style, PROMPT_STYLES, 'style');
    return this.#request({
      ...options,
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent(input.conversation_id)}/context-for-prompt`,
      query: { style: input.style ?? 'structured' },
      response: contextForPromptResponseSchema,
      idempotent: true,
    });
  }
}

/**
 * The wire body the Python SDK sends: defaults spelled out, ids only when
 * given, `precision_level` only for `medium` and `include_conversation_context`
 * only when false.
 */
function fetchBody(input: FetchConversationContextInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    conversation_id: input.conversation_id,
    search_query: searchQueries(input.search_query),
    max_results: input.max_results ?? 10,
    types: input.types ?? ['all'],
    mode: input.mode ?? 'fast',
  };
  if (input.user_id !== undefined && input.user_id !== null) body['user_id'] = input.user_id;
  if (input.customer_id !== undefined && input.customer_id !== null) body['customer_id'] = input.customer_id;
  if (input.precision_level === 'medium') body['precision_level'] = 'medium';
  if (input.include_conversation_context === false) body['include_conversation_context'] = false;
  return body;
}

/** A single query becomes a one-element list (the Python SDK's wire form); none becomes null. */
function searchQueries(value: string | string[] | null | undefined): string[] | null {
  if (value === undefined || value === null) return null;
  const queries = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(queries) || queries.some((query) => typeof query !== 'string')) {
    throw new InvalidInputError('search_query must be a string or an array of strings');
  }
  return queries;
}
