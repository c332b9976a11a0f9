import { z } from 'zod';
import { itemsByTypeSchema } from './bundle-schemas.js';
import { conversationIdSchema, optionalExternalIdSchema } from './identifiers.js';
import { CONTEXT_MODES, CONTEXT_SCOPES, RETRIEVAL_MODES } from './wire-enums.js';

/** Most items one fetch may return (the `as_tool` schema's bound). */
export const MAX_FETCH_RESULTS = 50;
/** Most separate queries one fetch may carry. */
export const MAX_SEARCH_QUERIES = 10;
/** Longest single query, in characters. */
export const MAX_QUERY_CHARS = 2_000;

/** Wire keys of the five typed lists, in response order. */
export const MEMORY_LIST_KEYS = ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'] as const;
/** One of {@link MEMORY_LIST_KEYS}. */
export type MemoryListKey = (typeof MEMORY_LIST_KEYS)[number];

/**
 * Accepted spellings of the `types` filter: the SDK enum (`temporal`), the tool
 * schema (`temporal_events`), the REST docs' singulars (`fact`, `temporal_event`)
 * and `all`. Each maps to a list key, or to every list for `all`.
 */
export const TYPE_FILTER_ALIASES: Readonly<Record<string, MemoryListKey | 'all'>> = {
  all: 'all',
  facts: 'facts',
  fact: 'facts',
  preferences: 'preferences',
  preference: 'preferences',
  episodes: 'episodes',
  episode: 'episodes',
  emotions: 'emotions',
  emotion: 'emotions',
  temporal: 'temporal_events',
  temporal_events: 'temporal_events',
  temporal_event: 'temporal_events',
};

const typeFilterSchema = z.string().refine((value) => value in TYPE_FILTER_ALIASES, {
  message: `types entries must be one of ${Object.keys(TYPE_FILTER_ALIASES).join(', ')}`,
});

const searchQuerySchema = z
  .union([
    z.string().max(MAX_QUERY_CHARS, `a query is at most ${MAX_QUERY_CHARS} characters`),
    z
      .array(z.string().max(MAX_QUERY_CHARS, `a query is at most ${MAX_QUERY_CHARS} characters`))
      .max(MAX_SEARCH_QUERIES, `search_query holds at most ${MAX_SEARCH_QUERIES} queries`),
  ])
  .nullish()
  // A string becomes a one-element list; blank queries are dropped; no query left means "no filter".
  .transform((value) => {
    const list = value === null || value === undefined ? [] : typeof value === 'string' ? [value] : value;
    return list.map((query) => query.trim()).filter((query) => query.length > 0);
  });

/** Fields shared by the four scoped fetch routes (E3–E6). */
export const baseFetchRequestSchema = z.object({
  conversation_id: z
    .string()
    .nullish()
    .transform((value) =>
      value === null || value === undefined || value === '' ? undefined : value.toLowerCase(),
    ),
  user_id: optionalExternalIdSchema,
  customer_id: optionalExternalIdSchema,
  search_query: searchQuerySchema,
  max_results: z
    .number({ message: 'max_results must be an integer from 1 to 50' })
    .int('max_results must be an integer from 1 to 50')
    .min(1, 'max_results must be at least 1')
    .max(MAX_FETCH_RESULTS, `max_results must be at most ${MAX_FETCH_RESULTS}`)
    .default(10),
  types: z
    .array(typeFilterSchema)
    .nullish()
    .transform((value) => (value === null || value === undefined || value.length === 0 ? ['all'] : value)),
  mode: z.enum(RETRIEVAL_MODES, { message: 'mode must be "fast" or "accurate"' }).default('fast'),
  precision_level: z
    .enum(['high', 'medium'], { message: 'precision_level must be "high" or "medium"' })
    .default('high'),
  include_conversation_context: z.boolean().default(true),
  include_client_context: z.boolean().default(true),
  context_mode: z
    .enum(CONTEXT_MODES, {
      message: 'context_mode must be "in-conversation" or "conversation-summary"',
    })
    .default('in-conversation'),
  include_profile: z.boolean().default(true),
  last_n_conversations: z.number().int().min(0).max(20).default(1),
});

/** Conversation scope (E3): `conversation_id` must be a UUID. */
export const conversationFetchRequestSchema = baseFetchRequestSchema.extend({
  conversation_id: conversationIdSchema,
});

/** Validated fetch input (any scope). */
export type FetchRequest = z.infer<typeof baseFetchRequestSchema>;

/** An entity mentioned by a memory. */
export const entityRefSchema = z.object({
  entity_id: z.string(),
  canonical_name: z.string(),
  type: z.string(),
});

/**
 * One retrieved memory. The generic fields are always present; the
 * type-specific ones (`strength`, `summary`, `emotion_type`, ...) appear on
 * their types. `source` is a string (the SDK's models declare it `str`).
 */
export const memoryItemSchema = z
  .object({
    id: z.string(),
    memory_type: z.string(),
    content: z.string(),
    confidence: z.number().min(0).max(1),
    relevance_score: z.number().min(0).max(1),
    scope: z.enum(CONTEXT_SCOPES),
    entities: z.array(entityRefSchema),
    source: z.string(),
    source_evidence: z.array(z.string()),
    extracted_at: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    event_date: z.string().optional(),
    valid_until: z.string().optional(),
    temporal_category: z.string().optional(),
    temporal_confidence: z.number().min(0).max(1).optional(),
  })
  .catchall(z.unknown());

/** A retrieved memory item. */
export type MemoryItem = z.infer<typeof memoryItemSchema>;

/** A recent turn in `conversation_context.recent_turns`. */
export const recentTurnSchema = z.object({
  role: z.string(),
  content: z.string(),
  timestamp: z.string(),
  message_id: z.string().optional(),
});

/**
 * `conversation_context` of a fetch response; every `key_extractions` value
 * is a list of objects. `current_state_json` and `key_extractions_json` carry
 * the same two objects as JSON strings, which is how Synap's TypeScript
 * integrations read them (spec §5).
 */
export const conversationContextSchema = z.object({
  conversation_id: z.string(),
  summary: z.string().nullable(),
  current_state: z.record(z.string(), z.unknown()),
  key_extractions: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  current_state_json: z.string(),
  key_extractions_json: z.string(),
  recent_turns: z.array(recentTurnSchema),
  compaction_id: z.string().nullable(),
  compacted_at: z.string().nullable(),
});

/** Response metadata of a fetch. */
export const responseMetadataSchema = z.object({
  correlation_id: z.string(),
  query_time_ms: z.number(),
  total_results: z.number().int(),
  tokens_used: z.number().int(),
  scope: z.record(z.string(), z.string()),
  mode: z.enum(RETRIEVAL_MODES),
  ttl_seconds: z.number().int(),
  source: z.enum(['cache', 'cloud']),
  retrieved_at: z.string(),
});

/**
 * Fetch response (E3–E6). Beside the §2 shape (`context`, the top-level
 * lists, `metadata`) it carries the fields Synap's TypeScript integrations
 * read (spec §5): `items_by_type`, `bundle_id`, `total_tokens` and
 * `metadata.source`, all drawn from the same ranking as the §2 lists.
 */
export const contextResponseSchema = z.object({
  context: z.object({
    facts: z.array(memoryItemSchema),
    preferences: z.array(memoryItemSchema),
    episodes: z.array(memoryItemSchema),
    emotions: z.array(memoryItemSchema),
    temporal_events: z.array(memoryItemSchema),
  }),
  facts: z.array(memoryItemSchema),
  preferences: z.array(memoryItemSchema),
  episodes: z.array(memoryItemSchema),
  emotions: z.array(memoryItemSchema),
  temporal_events: z.array(memoryItemSchema),
  conversation_context: conversationContextSchema.nullable().optional(),
  /** The same items as the §2 lists, list by list, in the shape of spec §5. */
  items_by_type: itemsByTypeSchema,
  /** Names this ranking: equal for equal rankings (a cache hit repeats the id of the fetch it stored). */
  bundle_id: z.string(),
  /** Estimated tokens of the items' content (~4 characters per token), as `metadata.tokens_used`. */
  total_tokens: z.number().int(),
  metadata: responseMetadataSchema,
  ttl_seconds: z.number().int(),
  profile: z.record(z.string(), z.unknown()).optional(),
  conversations: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** Fetch response body. */
export type ContextResponse = z.infer<typeof contextResponseSchema>;
/** `conversation_context` body. */
export type ConversationContext = z.infer<typeof conversationContextSchema>;
