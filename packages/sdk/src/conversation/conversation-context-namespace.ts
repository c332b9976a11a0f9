import {
  type ContextForPromptResponse,
  type ContextResponse,
  contextForPromptResponseSchema,
} from '@engram/protocol';
import { conversationFetchBody } from '../context/fetch-bodies.js';
import { sendScopedFetch } from '../context/scoped-fetch.js';
import { ContextNotFoundError } from '../errors/synap-error.js';
import { assertConversationId, assertOneOf, assertRecord } from '../input-validation.js';
import {
  type CompactionResponse,
  type CompactionStatusResponse,
  type CompactionTriggerResponse,
  compactionResponseSchema,
  compactionStatusResponseSchema,
  compactionTriggerResponseSchema,
} from '../schemas/compaction-schemas.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';
import type { CompactInput, CompactionStatusInput, GetCompactedInput } from './compaction-inputs.js';
import { compactBody, compactedQuery } from './compaction-requests.js';
import type { ContextForPromptInput, FetchConversationContextInput } from './conversation-inputs.js';

const PROMPT_STYLES = ['structured', 'narrative', 'bullet_points'] as const;

/**
 * `sdk.conversation.context`: retrieval, prompt-ready context and compaction
 * of one conversation. Every method checks that `conversation_id` is a UUID
 * (InvalidConversationIdError) before sending anything.
 */
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
    return sendScopedFetch(this.#request, 'conversation', conversationFetchBody(input), options);
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

  /**
   * Starts a compaction (E10, `POST /v1/conversations/compact`, body
   * `{conversation_id, strategy, target_tokens, force}` with nulls for unset
   * values). Asynchronous: poll `getCompactionStatus`, then read `getCompacted`.
   * `strategy` (or its alias `compaction_level`) must be one of the seven
   * compaction levels. ConflictError (409) while one is running. Retried only on 429.
   */
  async compact(input: CompactInput, options: CallOptions = {}): Promise<CompactionTriggerResponse> {
    return this.#request({
      ...options,
      method: 'POST',
      path: '/v1/conversations/compact',
      body: compactBody(input),
      response: compactionTriggerResponseSchema,
      idempotent: false,
    });
  }

  /**
   * The latest (or the given `version` of the) compaction (E11, `GET
   * /v1/conversations/{id}/compacted?format=&version=`). Resolves with `null`
   * when the server answers 404 (no compaction yet), as the Python SDK returns
   * None. `format` must be `structured` (default), `narrative` or `injection`.
   */
  async getCompacted(
    input: GetCompactedInput,
    options: CallOptions = {},
  ): Promise<CompactionResponse | null> {
    const query = compactedQuery(input);
    try {
      return await this.#request({
        ...options,
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(input.conversation_id)}/compacted`,
        query,
        response: compactionResponseSchema,
        idempotent: true,
      });
    } catch (error) {
      if (error instanceof ContextNotFoundError) return null;
      throw error;
    }
  }

  /** Where compaction stands (E12, `GET /v1/conversations/{id}/compaction/status`). Idempotent. */
  async getCompactionStatus(
    input: CompactionStatusInput,
    options: CallOptions = {},
  ): Promise<CompactionStatusResponse> {
    assertRecord(input, 'input');
    assertConversationId(input.conversation_id);
    return this.#request({
      ...options,
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent(input.conversation_id)}/compaction/status`,
      response: compactionStatusResponseSchema,
      idempotent: true,
    });
  }
}
