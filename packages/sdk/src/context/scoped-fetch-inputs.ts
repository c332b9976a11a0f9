import type { ContextMode } from '@engram/protocol';
import type {
  ContextTypeFilter,
  PrecisionLevel,
  RetrievalMode,
} from '../conversation/conversation-inputs.js';

/**
 * Inputs of the user, customer and client fetches (E4–E6). Field names are the
 * wire names. Unlike the conversation scope, `conversation_id` is not checked
 * to be a UUID here (as in the Python SDK).
 */

/** Query fields shared by every scoped fetch. */
export interface FetchQueryFields {
  /** One or several queries; null or absent means "most recent and relevant". */
  search_query?: string | string[] | null;
  /** 1 to 50; default 10. */
  max_results?: number;
  /** Default `['all']`. */
  types?: ContextTypeFilter[];
  /** Default `fast`. */
  mode?: RetrievalMode;
  /** Default `high` (not sent; the key goes on the wire only for `medium`). */
  precision_level?: PrecisionLevel;
}

/** Summary-mode fields of a user fetch, sent only when `context_mode` is `conversation-summary`. */
export interface SummaryModeFields {
  /** Default `in-conversation` (item lists); `conversation-summary` returns `profile` and `conversations`. */
  context_mode?: ContextMode;
  /** Summary mode: include the caller profile. Default true. */
  include_profile?: boolean;
  /** Summary mode: how many recent conversations to summarise, 0 to 20. Default 1. */
  last_n_conversations?: number;
}

/** Input of `user.context.fetch` (E4). */
export interface FetchUserContextInput extends FetchQueryFields, SummaryModeFields {
  user_id: string;
  /** Required on B2B instances; derived from `user_id` on B2C. */
  customer_id?: string | null;
  conversation_id?: string | null;
}

/** Input of `customer.context.fetch` (E5). */
export interface FetchCustomerContextInput extends FetchQueryFields {
  customer_id: string;
  conversation_id?: string | null;
  /** Also return client-scoped memories (the server's default is true); sent only when given. */
  include_client_context?: boolean;
}

/** Input of `client.context.fetch` (E6). */
export interface FetchClientContextInput extends FetchQueryFields {
  conversation_id?: string | null;
}
