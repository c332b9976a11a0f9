import type { ContextScope } from '@engram/protocol';
import {
  type ContextResponse,
  MEMORY_LIST_KEYS,
  type MemoryItem,
  type MemoryListKey,
} from '@engram/protocol';

/** One successful sub-fetch of the unified fetch. */
export interface ScopedContext {
  scope: ContextScope;
  response: ContextResponse;
}

/** The merged part of a unified response. */
export interface MergedContext extends Record<MemoryListKey, MemoryItem[]> {
  scope_map: Record<string, ContextScope>;
  metadata: ContextResponse['metadata'] | null;
  profile: Record<string, unknown> | null;
  conversations: Record<string, unknown>[];
}

/**
 * Merges sub-fetch responses given in merge order (conversation, user,
 * customer, client): each list keeps the order of the scopes, then of the
 * server; an item id seen before is dropped (the first, narrowest scope wins)
 * and `scope_map` records which scope supplied each id. `profile` and
 * `conversations` come from the user sub-fetch, `metadata` from the first.
 * Items come out unchanged (the server's JSON, unknown keys included).
 */
export function mergeContexts(contexts: readonly ScopedContext[]): MergedContext {
  const merged: MergedContext = {
    facts: [],
    preferences: [],
    episodes: [],
    emotions: [],
    temporal_events: [],
    scope_map: {},
    metadata: contexts[0]?.response.metadata ?? null,
    profile: null,
    conversations: [],
  };
  const seen = new Set<string>();
  for (const { scope, response } of contexts) {
    for (const key of MEMORY_LIST_KEYS) {
      for (const item of itemsOf(response, key)) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        merged.scope_map[item.id] = scope;
        merged[key].push(item);
      }
    }
    if (scope === 'user') {
      merged.profile = response.profile ?? null;
      merged.conversations = response.conversations ?? [];
    }
  }
  return merged;
}

/** The top-level list, falling back to the `context` envelope (servers may send either). */
function itemsOf(response: ContextResponse, key: MemoryListKey): MemoryItem[] {
  const top = (response as Partial<ContextResponse>)[key];
  if (Array.isArray(top) && top.length > 0) return top;
  const nested = (response.context as Partial<ContextResponse['context']> | undefined)?.[key];
  return Array.isArray(nested) ? nested : (top ?? []);
}
