import { CONTEXT_SCOPES, type ContextScope } from '@engram/protocol';
import {
  clientFetchBody,
  conversationFetchBody,
  customerFetchBody,
  userFetchBody,
} from '../context/fetch-bodies.js';
import { sendScopedFetch } from '../context/scoped-fetch.js';
import type { FetchQueryFields } from '../context/scoped-fetch-inputs.js';
import type { ConversationContextNamespace } from '../conversation/conversation-context-namespace.js';
import { InvalidInputError, RequestAbortedError, SynapError } from '../errors/synap-error.js';
import {
  assertOneOf,
  assertOptionalBoolean,
  assertOptionalString,
  assertRecord,
} from '../input-validation.js';
import type { CallOptions, RequestFn } from '../transport/http-transport.js';
import { formatForPrompt } from './format-for-prompt.js';
import { mergeContexts, type ScopedContext } from './merge-contexts.js';
import type { UnifiedContextResponse, UnifiedFetchFailure, UnifiedFetchInput } from './unified-types.js';

/** `max_results` of each sub-fetch unless given (the Python SDK's unified default). */
const UNIFIED_MAX_RESULTS = 20;

/** What the unified fetch needs from the client. */
export interface UnifiedFetchDependencies {
  request: RequestFn;
  conversationContext: ConversationContextNamespace;
}

/**
 * The unified fetch of spec §3.2 (`sdk.fetch`). Validates every planned
 * sub-fetch before sending any, then runs them in parallel: conversation (with
 * `conversation_id`), user (`user_id`), customer (`customer_id`) and client
 * (only when `scopes` names it); `scopes` restricts the others too. A failed
 * sub-fetch is left out and reported in `errors`, except that an
 * InvalidInputError (client-side or a 400/422) rejects the call, and so does a
 * RequestAbortedError once the caller's signal fires. With
 * `include_conversation_context` (default true) and a `conversation_id`, it also
 * reads `getContextForPrompt` in parallel, ignoring its failures. The lists are
 * merged by {@link mergeContexts} and rendered by {@link formatForPrompt}.
 */
export async function unifiedFetch(
  dependencies: UnifiedFetchDependencies,
  input: UnifiedFetchInput,
  options: CallOptions = {},
): Promise<UnifiedContextResponse> {
  const plan = planSubFetches(input);
  const subFetches = plan.map(({ scope, body }) =>
    sendScopedFetch(dependencies.request, scope, body, options),
  );
  const promptText = conversationHistory(dependencies.conversationContext, input, options);
  const outcomes = await Promise.allSettled(subFetches);
  const succeeded: ScopedContext[] = [];
  const errors: UnifiedFetchFailure[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const scope = plan[index]?.scope as ContextScope;
    if (outcome.status === 'fulfilled') succeeded.push({ scope, response: outcome.value });
    else errors.push({ scope, error: asSynapError(outcome.reason) });
  }
  const fatal =
    errors.find(({ error }) => error instanceof RequestAbortedError) ??
    errors.find(({ error }) => error instanceof InvalidInputError);
  if (fatal !== undefined) throw fatal.error;
  const merged = mergeContexts(succeeded);
  const conversation_context = await promptText;
  const formatted_context = formatForPrompt(
    { ...merged, conversation_context },
    { include_scope_labels: input.include_scope_labels === true },
  );
  return { ...merged, conversation_context, formatted_context, errors };
}

interface PlannedFetch {
  scope: ContextScope;
  body: Record<string, unknown>;
}

/** The sub-fetches to run, in merge order, with validated bodies; throws InvalidInputError first. */
function planSubFetches(input: UnifiedFetchInput): PlannedFetch[] {
  // Checked through `unknown` so the assertion does not widen the typed input to a plain record.
  assertRecord(input as unknown, 'input');
  assertOptionalString(input.conversation_id, 'conversation_id');
  assertOptionalString(input.user_id, 'user_id');
  assertOptionalString(input.customer_id, 'customer_id');
  assertOptionalBoolean(input.include_conversation_context, 'include_conversation_context');
  assertOptionalBoolean(input.include_scope_labels, 'include_scope_labels');
  const scopes = input.scopes ?? undefined;
  if (scopes !== undefined) {
    if (!Array.isArray(scopes)) throw new InvalidInputError('scopes must be an array');
    for (const scope of scopes) assertOneOf(scope, CONTEXT_SCOPES, 'scopes entries');
  }
  const wanted = (scope: ContextScope) => scopes === undefined || scopes.includes(scope);
  const query: FetchQueryFields = {
    search_query: input.search_query,
    max_results: input.max_results ?? UNIFIED_MAX_RESULTS,
    types: input.types,
    mode: input.mode,
    precision_level: input.precision_level,
  };
  const { conversation_id, user_id, customer_id } = input;
  const plan: PlannedFetch[] = [];
  if (present(conversation_id) && wanted('conversation')) {
    const body = conversationFetchBody({
      ...query,
      conversation_id,
      user_id,
      customer_id,
      // The unified response never shows a sub-response's conversation_context (spec §3.6); spare the server.
      include_conversation_context: false,
    });
    plan.push({ scope: 'conversation', body });
  }
  if (present(user_id) && wanted('user')) {
    const body = userFetchBody({
      ...query,
      user_id,
      customer_id,
      conversation_id,
      context_mode: input.context_mode,
      include_profile: input.include_profile,
      last_n_conversations: input.last_n_conversations,
    });
    plan.push({ scope: 'user', body });
  }
  if (present(customer_id) && wanted('customer')) {
    plan.push({ scope: 'customer', body: customerFetchBody({ ...query, customer_id, conversation_id }) });
  }
  if (scopes?.includes('client') === true) {
    plan.push({ scope: 'client', body: clientFetchBody({ ...query, conversation_id }) });
  }
  return plan;
}

/** The conversation's prompt text, or null when not asked for, empty, or failed (failures are ignored). */
async function conversationHistory(
  conversationContext: ConversationContextNamespace,
  input: UnifiedFetchInput,
  options: CallOptions,
): Promise<string | null> {
  const { conversation_id } = input;
  if (input.include_conversation_context === false || !present(conversation_id)) return null;
  try {
    const prompt = await conversationContext.getContextForPrompt({ conversation_id }, options);
    const text = prompt.formatted_context;
    return typeof text === 'string' && text.trim() !== '' ? text : null;
  } catch {
    return null;
  }
}

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

function asSynapError(reason: unknown): SynapError {
  return reason instanceof SynapError
    ? reason
    : new SynapError('unexpected SDK failure in a sub-fetch', { cause: reason });
}
