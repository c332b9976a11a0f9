/** Valid wire bodies for the scripted server, one per response schema. */

export const CONVERSATION_ID = '0190a8b2-7c1e-7d3a-9f00-0123456789ab';
export const INSTANCE_ID = 'inst_0123456789abcdef';
export const CLIENT_ID = 'cli_fedcba9876543210';
export const API_KEY = 'synap_test_key';

export const healthBody = { status: 'ok', service: 'engram', version: '0.1.0' };

export const whoamiBody = {
  client_id: CLIENT_ID,
  instance_id: INSTANCE_ID,
  relationship: 'b2c',
  key_prefix: 'synap_test_ke',
};

export const recordMessageBody = {
  message_id: 'msg-1',
  conversation_id: CONVERSATION_ID,
  session_id: 'session-1',
  recorded_at: '2025-01-01T00:00:00.000Z',
};

export const batchBody = {
  total: 1,
  succeeded: 1,
  failed: 0,
  results: [{ index: 0, message_id: 'msg-1', status: 'recorded' }],
};

export const contextBody = {
  context: { facts: [], preferences: [], episodes: [], emotions: [], temporal_events: [] },
  facts: [],
  preferences: [],
  episodes: [],
  emotions: [],
  temporal_events: [],
  conversation_context: null,
  items_by_type: {
    facts: { items: [] },
    preferences: { items: [] },
    episodes: { items: [] },
    emotions: { items: [] },
    temporal_events: { items: [] },
  },
  bundle_id: 'bnd_0',
  total_tokens: 0,
  metadata: {
    correlation_id: 'syn_x',
    query_time_ms: 1,
    total_results: 0,
    tokens_used: 0,
    scope: { conversation: CONVERSATION_ID },
    mode: 'fast',
    ttl_seconds: 300,
    source: 'cloud',
    retrieved_at: '2025-01-01T00:00:00.000Z',
  },
  ttl_seconds: 300,
};

export const contextForPromptBody = {
  conversation_id: CONVERSATION_ID,
  formatted_context: null,
  available: false,
  is_stale: false,
  quality_warning: false,
  compression_ratio: null,
  validation_score: null,
  compaction_age_seconds: null,
  compaction_id: null,
  recent_messages: [],
  recent_message_count: 0,
  compacted_message_count: 0,
  total_message_count: 0,
  style: 'structured',
};

/** Retry settings that keep tests fast: millisecond backoff. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

export const INGESTION_ID = '0190a8b2-0000-7000-8000-00000000abcd';
export const MEMORY_ID = '0190a8b2-0000-7000-8000-00000000beef';

export const createMemoryResponseBody = {
  ingestion_id: INGESTION_ID,
  document_id: 'doc-1',
  status: 'queued',
  queued_at: '2025-01-01T00:00:00.000Z',
};

/** An E18 body in the given state. */
export function memoryStatusBody(status: string): Record<string, unknown> {
  return { ...createMemoryResponseBody, status, memories_created: 0, memory_ids: [] };
}

export const memoryBody = {
  memory_id: MEMORY_ID,
  memory_type: 'fact',
  content: 'Alice takes her coffee black.',
  confidence: 0.9,
  created_at: '2025-01-01T00:00:00.000Z',
  category: null,
};

/** A retrieved item valid for the protocol's `memoryItemSchema`, with `extra` fields merged in. */
export function memoryItem(
  id: string,
  content: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    memory_type: 'fact',
    content,
    confidence: 0.5,
    relevance_score: 0.5,
    scope: 'user',
    entities: [],
    source: '',
    source_evidence: [],
    extracted_at: '2025-01-01T00:00:00.000Z',
    metadata: {},
    ...extra,
  };
}

/** A fetch body holding `lists` (both at the top level and in `context`), with `extra` merged in. */
export function contextWith(
  lists: Partial<Record<'facts' | 'preferences' | 'episodes' | 'emotions' | 'temporal_events', unknown[]>>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const full = { facts: [], preferences: [], episodes: [], emotions: [], temporal_events: [], ...lists };
  return { ...contextBody, ...full, context: full, ...extra };
}
