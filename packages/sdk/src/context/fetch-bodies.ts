import { CONTEXT_MODES, MAX_FETCH_RESULTS, TYPE_FILTER_ALIASES } from '@engram/protocol';
import type { FetchConversationContextInput } from '../conversation/conversation-inputs.js';
import { InvalidInputError } from '../errors/synap-error.js';
import {
  assertConversationId,
  assertIntegerInRange,
  assertNonEmptyString,
  assertOneOf,
  assertOptionalBoolean,
  assertOptionalString,
  assertRecord,
} from '../input-validation.js';
import type {
  FetchClientContextInput,
  FetchCustomerContextInput,
  FetchQueryFields,
  FetchUserContextInput,
} from './scoped-fetch-inputs.js';

/**
 * Validation and wire bodies of the four scoped fetches (E3–E6). Each builder
 * throws InvalidInputError (or InvalidConversationIdError) before anything is
 * sent, so the unified fetch can check every sub-fetch before starting any.
 * Bodies follow the Python SDK: defaults spelled out, `precision_level` only
 * for `medium`, optional flags only when they change something.
 */

const RETRIEVAL_MODES = ['fast', 'accurate'] as const;
const PRECISION_LEVELS = ['high', 'medium'] as const;
const TYPE_FILTERS = Object.keys(TYPE_FILTER_ALIASES);
/** Default `max_results` of a scoped fetch (the unified fetch uses 20). */
const DEFAULT_MAX_RESULTS = 10;

/** E3 body. `conversation_id` must be a UUID; ids only when given. */
export function conversationFetchBody(input: FetchConversationContextInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertConversationId(input.conversation_id);
  assertOptionalString(input.user_id, 'user_id');
  assertOptionalString(input.customer_id, 'customer_id');
  assertOptionalBoolean(input.include_conversation_context, 'include_conversation_context');
  const body: Record<string, unknown> = { conversation_id: input.conversation_id, ...queryFields(input) };
  if (input.user_id !== undefined && input.user_id !== null) body['user_id'] = input.user_id;
  if (input.customer_id !== undefined && input.customer_id !== null) body['customer_id'] = input.customer_id;
  withPrecision(body, input);
  if (input.include_conversation_context === false) body['include_conversation_context'] = false;
  return body;
}

/**
 * E4 body: `user_id` (required), `customer_id` and `conversation_id` always
 * (null when absent); `context_mode`, `include_profile` and
 * `last_n_conversations` only in summary mode.
 */
export function userFetchBody(input: FetchUserContextInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertNonEmptyString(input.user_id, 'user_id');
  assertOptionalString(input.customer_id, 'customer_id');
  assertOptionalString(input.conversation_id, 'conversation_id');
  assertOneOf(input.context_mode, CONTEXT_MODES, 'context_mode');
  assertOptionalBoolean(input.include_profile, 'include_profile');
  assertIntegerInRange(input.last_n_conversations, 0, 20, 'last_n_conversations');
  const body: Record<string, unknown> = {
    user_id: input.user_id,
    customer_id: input.customer_id ?? null,
    conversation_id: input.conversation_id ?? null,
    ...queryFields(input),
  };
  withPrecision(body, input);
  if (input.context_mode === 'conversation-summary') {
    body['context_mode'] = 'conversation-summary';
    body['include_profile'] = input.include_profile ?? true;
    body['last_n_conversations'] = input.last_n_conversations ?? 1;
  }
  return body;
}

/** E5 body: `customer_id` (required), `conversation_id` (null when absent), `include_client_context` when given. */
export function customerFetchBody(input: FetchCustomerContextInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertNonEmptyString(input.customer_id, 'customer_id');
  assertOptionalString(input.conversation_id, 'conversation_id');
  assertOptionalBoolean(input.include_client_context, 'include_client_context');
  const body: Record<string, unknown> = {
    customer_id: input.customer_id,
    conversation_id: input.conversation_id ?? null,
    ...queryFields(input),
  };
  withPrecision(body, input);
  if (input.include_client_context !== undefined)
    body['include_client_context'] = input.include_client_context;
  return body;
}

/** E6 body: `conversation_id` (null when absent) and the query fields; the API key names the client. */
export function clientFetchBody(input: FetchClientContextInput): Record<string, unknown> {
  assertRecord(input, 'input');
  assertOptionalString(input.conversation_id, 'conversation_id');
  const body: Record<string, unknown> = {
    conversation_id: input.conversation_id ?? null,
    ...queryFields(input),
  };
  withPrecision(body, input);
  return body;
}

/** Validates and spells out the shared query fields (precision is added last, by {@link withPrecision}). */
function queryFields(input: FetchQueryFields): Record<string, unknown> {
  assertOneOf(input.mode, RETRIEVAL_MODES, 'mode');
  assertOneOf(input.precision_level, PRECISION_LEVELS, 'precision_level');
  assertIntegerInRange(input.max_results, 1, MAX_FETCH_RESULTS, 'max_results');
  if (input.types !== undefined) {
    if (!Array.isArray(input.types)) throw new InvalidInputError('types must be an array');
    for (const type of input.types) assertOneOf(type, TYPE_FILTERS, 'types entries');
  }
  return {
    search_query: searchQueries(input.search_query),
    max_results: input.max_results ?? DEFAULT_MAX_RESULTS,
    types: input.types ?? ['all'],
    mode: input.mode ?? 'fast',
  };
}

function withPrecision(body: Record<string, unknown>, input: FetchQueryFields): void {
  if (input.precision_level === 'medium') body['precision_level'] = 'medium';
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
