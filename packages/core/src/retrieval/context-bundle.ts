import { createHash } from 'node:crypto';
import { type BundleItem, type ItemsByType, MEMORY_LIST_KEYS, type MemoryItem } from '@engram/protocol';
import type { RankedLists } from './memory-retrieval.js';

/** The fields of a fetch response that Synap's TypeScript integrations read (spec §5). */
export interface ContextBundle {
  items_by_type: ItemsByType;
  bundle_id: string;
  /** Estimated tokens of every item's content, at ~4 characters per token. */
  total_tokens: number;
}

/**
 * The §5 view of one ranking: every item of `lists`, in the same lists and
 * order, as a flat `RawContextItem`; a `bundle_id` that is a digest of the
 * item ids in order (so equal rankings, a cached one and the fetch that
 * stored it, share an id, and no tenant's id reveals another's items); and
 * the token estimate. Pure: reads nothing but `lists`.
 */
export function contextBundleOf(lists: RankedLists): ContextBundle {
  const digest = createHash('sha256');
  let totalTokens = 0;
  const itemsByType = {} as ItemsByType;
  for (const key of MEMORY_LIST_KEYS) {
    digest.update(`${key}\u0000`);
    itemsByType[key] = {
      items: lists[key].map((item) => {
        digest.update(`${item.id}\u0000`);
        totalTokens += tokensOf(item.content);
        return toBundleItem(item);
      }),
    };
  }
  return {
    items_by_type: itemsByType,
    bundle_id: `bnd_${digest.digest('hex').slice(0, 32)}`,
    total_tokens: totalTokens,
  };
}

/** The token estimate the SDK uses: ~4 characters per token, rounded up per item. */
export function tokensOf(content: string): number {
  return Math.ceil(content.length / 4);
}

function toBundleItem(item: MemoryItem): BundleItem {
  return {
    item_id: item.id,
    content: item.content,
    context_type: item.memory_type,
    source: item.source,
    confidence: item.confidence,
    similarity_score: item.relevance_score,
    relevance_score: item.relevance_score,
    scope: item.scope,
    entity_id: item.entities[0]?.entity_id ?? '',
    event_date: item.event_date ?? '',
    valid_until: item.valid_until ?? '',
    temporal_category: item.temporal_category ?? '',
    temporal_confidence: item.temporal_confidence ?? 0,
  };
}
