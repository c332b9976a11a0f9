import type { FetchRequest } from '@engram/protocol';
import type { Clock } from '../ports/clock.js';
import { FETCH_TTL_SECONDS } from './context-fetch-service.js';
import { ExpiringLruCache } from './expiring-lru-cache.js';
import type { FetchScope, FetchTarget } from './fetch-scope.js';
import type { MemoryRetrieval, RankedLists, SourcedRankedLists } from './memory-retrieval.js';
import { selectedListKeys } from './result-shaping.js';
import { planScopeKeys } from './scope-plan.js';
import type { ScopeWriteGenerations } from './scope-write-generations.js';

/**
 * Request fields left out of the key because the ranked lists do not depend
 * on them: the ids and `include_client_context` reach retrieval resolved, as
 * the target; the others shape parts of the response that are never cached.
 * A field added to the request schema fails to compile below until it is
 * either listed here or made part of the key.
 */
const REQUEST_FIELDS_OUTSIDE_KEY = [
  'conversation_id',
  'user_id',
  'customer_id',
  'include_client_context',
  'include_conversation_context',
  'context_mode',
  'include_profile',
  'last_n_conversations',
] as const satisfies readonly (keyof FetchRequest)[];

type KeyedRequestField = Exclude<keyof FetchRequest, (typeof REQUEST_FIELDS_OUTSIDE_KEY)[number]>;

/** What {@link CachedMemoryRetrieval} needs. */
export interface CachedMemoryRetrievalOptions {
  /** Most results held at once (least recently used out); 0 caches nothing. */
  maxEntries: number;
  clock: Clock;
  /** Bumped by every write path; must remember writes at least as long as the longest lifetime. */
  generations: ScopeWriteGenerations;
  /** Lifetime per fetch scope; the fetch response's `ttl_seconds` by default. */
  ttlSeconds?: Readonly<Record<FetchScope, number>>;
}

/**
 * A {@link MemoryRetrieval} that answers repeated fetches from memory. An entry
 * is keyed on the whole resolved target (instance first, so no tenant is ever
 * served another's results), the request fields retrieval reads, and the write
 * generation of every scope key the fetch reads; so a write to any of those
 * scopes (a client write for a user fetch with client context, say) makes the
 * next identical fetch compute afresh. Entries expire after their scope's
 * lifetime, counted from when the fetch started. Callers get copies: changing
 * returned lists never changes the cache.
 */
export class CachedMemoryRetrieval implements MemoryRetrieval {
  private readonly cache: ExpiringLruCache<RankedLists>;
  private readonly ttlSeconds: Readonly<Record<FetchScope, number>>;

  constructor(
    private readonly inner: MemoryRetrieval,
    private readonly options: CachedMemoryRetrievalOptions,
  ) {
    this.ttlSeconds = options.ttlSeconds ?? FETCH_TTL_SECONDS;
    // A forgotten write reads as generation 0 again; an entry outliving that could come back stale.
    const longestMs = Math.max(...Object.values(this.ttlSeconds)) * 1000;
    if (longestMs > options.generations.retentionMs) {
      throw new RangeError('cache lifetimes must not exceed the write generations retention');
    }
    this.cache = new ExpiringLruCache({ maxEntries: options.maxEntries, clock: options.clock });
  }

  /** Drops every entry (writes may have been missed: see ChangeFeed's `resync`). */
  clear(): void {
    this.cache.clear();
  }

  /** The ranked lists, from the cache when an identical fetch is still valid. */
  async retrieve(
    target: FetchTarget,
    request: FetchRequest,
    abortSignal?: AbortSignal,
  ): Promise<RankedLists> {
    return (await this.retrieveWithSource(target, request, abortSignal)).lists;
  }

  /** As `retrieve`, with `source` `cache` when the lists were served from memory. A failed retrieval is not cached. */
  async retrieveWithSource(
    target: FetchTarget,
    request: FetchRequest,
    abortSignal?: AbortSignal,
  ): Promise<SourcedRankedLists> {
    // Generations are read before retrieving: a write committed meanwhile moves
    // one on, so what this fetch stores is never served after that write.
    const startedAt = this.options.clock.now().getTime();
    const generations = planScopeKeys(target).scopeKeys.map((scopeKey) =>
      this.options.generations.generationOf(scopeKey),
    );
    const key = cacheKeyOf(target, request, generations);
    const cached = this.cache.get(key);
    if (cached !== undefined) return { lists: structuredClone(cached), source: 'cache' };
    const lists = await this.inner.retrieve(target, request, abortSignal);
    this.cache.set(key, structuredClone(lists), startedAt + this.ttlSeconds[target.scope] * 1000);
    return { lists, source: 'cloud' };
  }
}

function cacheKeyOf(target: FetchTarget, request: FetchRequest, generations: readonly number[]): string {
  // Every target field, so a field added later cannot silently merge two targets.
  const targetPart: Record<keyof FetchTarget, unknown> = {
    instanceId: target.instanceId,
    clientId: target.clientId,
    scope: target.scope,
    customerId: target.customerId ?? null,
    userId: target.userId ?? null,
    conversationId: target.conversationId ?? null,
    includeClientContext: target.includeClientContext,
  };
  const requestPart: Record<KeyedRequestField, unknown> = {
    search_query: request.search_query,
    // Spellings of the same lists (`fact`, `facts`, `all`) retrieve the same thing.
    types: [...selectedListKeys(request.types)].sort(),
    max_results: request.max_results,
    mode: request.mode,
    precision_level: request.precision_level,
  };
  // JSON escapes every string, so no choice of ids or queries can make two keys collide.
  return JSON.stringify([targetPart, requestPart, generations]);
}
