import { z } from 'zod';

/**
 * One memory as Synap's TypeScript integrations read it (spec §5, the proto's
 * `RawContextItem`): flat strings and numbers, `""` for none, never null.
 * `item_id` is the memory id of the matching §2 item.
 */
export const bundleItemSchema = z.object({
  item_id: z.string(),
  content: z.string(),
  /** The memory type: fact, preference, episode, emotion or temporal_event. */
  context_type: z.string(),
  source: z.string(),
  confidence: z.number().min(0).max(1),
  /** Engram ranks by one fused score, so this carries the same 0..1 relevance as `relevance_score`. */
  similarity_score: z.number().min(0).max(1),
  relevance_score: z.number().min(0).max(1),
  scope: z.string(),
  /** The first entity the memory mentions, or "". */
  entity_id: z.string(),
  event_date: z.string(),
  valid_until: z.string(),
  temporal_category: z.string(),
  temporal_confidence: z.number().min(0).max(1),
});

/** A {@link bundleItemSchema} item. */
export type BundleItem = z.infer<typeof bundleItemSchema>;

const bundleListSchema = z.object({ items: z.array(bundleItemSchema) });

/** `items_by_type` (spec §5): the five typed lists, each `{ items: [...] }`, in the §2 lists' order. */
export const itemsByTypeSchema = z.object({
  facts: bundleListSchema,
  preferences: bundleListSchema,
  episodes: bundleListSchema,
  emotions: bundleListSchema,
  temporal_events: bundleListSchema,
});

/** An `items_by_type` object. */
export type ItemsByType = z.infer<typeof itemsByTypeSchema>;
