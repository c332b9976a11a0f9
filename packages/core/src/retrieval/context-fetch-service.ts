import type { ContextResponse, ConversationContext, FetchRequest } from '@engram/protocol';
import { MEMORY_LIST_KEYS } from '@engram/protocol';
import { conversationCompactionContext } from '../compaction/conversation-compaction-context.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { UserProfileService } from '../profile/user-profile-service.js';
import { requireCustomerForB2bUser, resolvePeople } from '../tenancy/scope-resolution.js';
import { contextBundleOf } from './context-bundle.js';
import type { FetchScope, FetchTarget } from './fetch-scope.js';
import { emptyRankedLists, type MemoryRetrieval, type SourcedRankedLists } from './memory-retrieval.js';

/** Cache lifetime hints sent as `ttl_seconds` (client scope changes rarely). */
export const FETCH_TTL_SECONDS: Readonly<Record<FetchScope, number>> = {
  conversation: 300,
  user: 300,
  customer: 300,
  client: 1_800,
};

/** Dependencies of {@link ContextFetchService}. */
export interface ContextFetchDependencies {
  conversations: ConversationStore;
  conversationService: ConversationService;
  /** Source of the latest compaction for `conversation_context`; absent, only recent turns are sent. */
  compactions?: CompactionStore | undefined;
  /** Profiles and conversation summaries for the user scope's `conversation-summary` mode. */
  profiles?: UserProfileService | undefined;
  /**
   * Absent until a retrieval pipeline is configured: every list is then empty.
   * One with `retrieveWithSource` (a cache) decides `metadata.source`.
   */
  retrieval: MemoryRetrieval | undefined;
  clock: Clock;
}

/**
 * The four scoped fetch interfaces (E3–E6): validates scope rules, resolves
 * the target, asks retrieval for ranked lists and shapes the response. A cold
 * scope answers with empty lists, never an error.
 */
export class ContextFetchService {
  constructor(private readonly dependencies: ContextFetchDependencies) {}

  async fetch(
    auth: AuthContext,
    scope: FetchScope,
    request: FetchRequest,
    correlationId: string,
    abortSignal?: AbortSignal,
  ): Promise<ContextResponse> {
    const started = performance.now();
    const target = await this.resolveTarget(auth, scope, request);
    // Summary mode answers with a profile and past conversations; it ignores the query and mode (spec §1.5).
    const summaryMode = scope === 'user' && request.context_mode === 'conversation-summary';
    const { lists, source } =
      this.dependencies.retrieval && !summaryMode
        ? await retrieveLists(this.dependencies.retrieval, target, request, abortSignal)
        : { lists: emptyRankedLists(), source: 'cloud' as const };
    const conversationContext =
      scope === 'conversation' && request.include_conversation_context
        ? await this.conversationContext(auth, target.conversationId as string)
        : undefined;
    let totalResults = 0;
    for (const key of MEMORY_LIST_KEYS) totalResults += lists[key].length;
    // Synap's TypeScript integrations read only this view (spec §5); it comes from the same lists.
    const bundle = contextBundleOf(lists);
    const ttlSeconds = FETCH_TTL_SECONDS[scope];
    const response: ContextResponse = {
      context: lists,
      ...lists,
      ...bundle,
      metadata: {
        correlation_id: correlationId,
        query_time_ms: Math.round((performance.now() - started) * 1000) / 1000,
        total_results: totalResults,
        tokens_used: bundle.total_tokens,
        scope: scopeLabels(target),
        mode: request.mode,
        ttl_seconds: ttlSeconds,
        source,
        retrieved_at: this.dependencies.clock.now().toISOString(),
      },
      ttl_seconds: ttlSeconds,
    };
    if (conversationContext !== undefined) response.conversation_context = conversationContext;
    if (summaryMode && this.dependencies.profiles) {
      const userId = target.userId as string;
      if (request.include_profile) {
        const profile = await this.dependencies.profiles.profileOf(auth, userId, target.customerId);
        if (profile) response.profile = profile as unknown as Record<string, unknown>;
      }
      response.conversations = (await this.dependencies.profiles.conversationSummaries(
        auth,
        userId,
        request.last_n_conversations,
      )) as unknown as Record<string, unknown>[];
    }
    return response;
  }

  private async resolveTarget(
    auth: AuthContext,
    scope: FetchScope,
    request: FetchRequest,
  ): Promise<FetchTarget> {
    if (scope !== 'user' && request.context_mode === 'conversation-summary') {
      throw new EngramError(
        'INVALID_INPUT',
        'context_mode "conversation-summary" is only valid on the user scope',
      );
    }
    let userId = request.user_id;
    let customerId = request.customer_id;
    let conversationId = request.conversation_id;
    if (scope === 'conversation') {
      const conversation = await this.dependencies.conversations.getConversation(
        auth.instanceId,
        conversationId as string,
      );
      userId ??= conversation?.userId;
      customerId ??= conversation?.customerId;
    }
    if (scope === 'user' && userId === undefined) {
      throw new EngramError('INVALID_INPUT', 'user_id is required for the user scope');
    }
    if (scope === 'customer' && customerId === undefined) {
      throw new EngramError('INVALID_INPUT', 'customer_id is required for the customer scope');
    }
    if (scope === 'client') {
      userId = undefined;
      customerId = undefined;
      conversationId = undefined;
    }
    if (scope === 'customer') userId = undefined;
    const people =
      scope === 'customer' ? { userId, customerId } : resolvePeople(auth, { userId, customerId });
    if (scope === 'user') requireCustomerForB2bUser(auth, people, 'a user fetch');
    return {
      scope,
      instanceId: auth.instanceId,
      clientId: auth.clientId,
      userId: people.userId,
      customerId: people.customerId,
      conversationId,
      includeClientContext: request.include_client_context,
    };
  }

  private async conversationContext(
    auth: AuthContext,
    conversationId: string,
  ): Promise<ConversationContext | undefined> {
    const [turns, latest] = await Promise.all([
      this.dependencies.conversationService.recentTurns(auth, conversationId),
      this.dependencies.compactions?.latestCompaction(auth.instanceId, conversationId),
    ]);
    return conversationCompactionContext(conversationId, latest, turns);
  }
}

/** The lists and their source; a retrieval without `retrieveWithSource` always computes (`cloud`). */
async function retrieveLists(
  retrieval: MemoryRetrieval,
  target: FetchTarget,
  request: FetchRequest,
  abortSignal: AbortSignal | undefined,
): Promise<SourcedRankedLists> {
  if (retrieval.retrieveWithSource) return retrieval.retrieveWithSource(target, request, abortSignal);
  return { lists: await retrieval.retrieve(target, request, abortSignal), source: 'cloud' };
}

function scopeLabels(target: FetchTarget): Record<string, string> {
  const labels: Record<string, string> = { client_id: target.clientId, instance_id: target.instanceId };
  if (target.customerId !== undefined) labels.customer_id = target.customerId;
  if (target.userId !== undefined) labels.user_id = target.userId;
  if (target.conversationId !== undefined) labels.conversation_id = target.conversationId;
  return labels;
}
