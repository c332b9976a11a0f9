import type { ContextResponse, ContextScope, MemoryItem } from '@engram/protocol';
import type { FetchQueryFields, SummaryModeFields } from '../context/scoped-fetch-inputs.js';
import type { SynapError } from '../errors/synap-error.js';

/** Input of `sdk.fetch`, the unified fetch across scopes (spec §3.2). Wire field names. */
export interface UnifiedFetchInput extends FetchQueryFields, SummaryModeFields {
  /** Fetches the conversation scope (a UUID) and, by default, its prompt-ready history. */
  conversation_id?: string | null;
  /** Fetches the user scope; the summary-mode fields apply to this sub-fetch only. */
  user_id?: string | null;
  /** Fetches the customer scope, and is passed to the user and conversation sub-fetches. */
  customer_id?: string | null;
  /** Per sub-fetch; default 20. */
  max_results?: number;
  /**
   * Default true: with a `conversation_id`, also reads `getContextForPrompt`
   * (failures ignored) into `conversation_context`.
   */
  include_conversation_context?: boolean;
  /**
   * Restricts the sub-fetches to these scopes (each still needs its id). The
   * client scope is fetched only when named here.
   */
  scopes?: ContextScope[] | null;
  /** Default false: adds `scope: <scope>` to each item's bracket in `formatted_context`. */
  include_scope_labels?: boolean;
}

/** A sub-fetch that failed and was left out of a unified response. */
export interface UnifiedFetchFailure {
  scope: ContextScope;
  error: SynapError;
}

/** Result of `sdk.fetch`: the merged lists of every sub-fetch that succeeded, and a prompt rendering. */
export interface UnifiedContextResponse {
  facts: MemoryItem[];
  preferences: MemoryItem[];
  episodes: MemoryItem[];
  emotions: MemoryItem[];
  temporal_events: MemoryItem[];
  /** Item id → the scope whose sub-fetch supplied it (the narrowest, since the first wins). */
  scope_map: Record<string, ContextScope>;
  /** `metadata` of the first successful sub-fetch (conversation, user, customer, client), or null. */
  metadata: ContextResponse['metadata'] | null;
  /** From the user sub-fetch in summary mode; null otherwise. */
  profile: Record<string, unknown> | null;
  /** From the user sub-fetch in summary mode; empty otherwise. */
  conversations: Record<string, unknown>[];
  /** `formatted_context` of `getContextForPrompt`, or null when not asked, empty or failed. */
  conversation_context: string | null;
  /** The prompt text of spec §3.6 (see `formatForPrompt`); `""` when there is nothing. */
  formatted_context: string;
  /** Sub-fetches that failed (other than with InvalidInputError, which rejects the call). */
  errors: UnifiedFetchFailure[];
}
