import type { ContextResponse, MemoryItem, RetrievalMode } from '@engram/protocol';
import { MEMORY_LIST_KEYS } from '@engram/protocol';
import type { MemoryType } from '../domain/memory.js';
import type { IngestionPolicy } from '../ingestion/ingest-document.js';
import type { InstanceConfigDocument } from './instance-config-schema.js';
import type { ActiveInstanceConfig } from './instance-config-service.js';

const DAY_MS = 86_400_000;

const TYPE_OF_LIST: Readonly<Record<(typeof MEMORY_LIST_KEYS)[number], MemoryType>> = {
  facts: 'fact',
  preferences: 'preference',
  episodes: 'episode',
  emotions: 'emotion',
  temporal_events: 'temporal_event',
};

/** What ingestion keeps under `active` (see IngestionPolicy). */
export function ingestionPolicyOf(active: ActiveInstanceConfig): IngestionPolicy {
  const extraction = active.document.extraction;
  return {
    configVersion: active.version,
    memoryTypes: extraction.memory_types,
    minConfidence: extraction.min_confidence,
    entityResolution: extraction.entity_resolution,
  };
}

/**
 * Fills a fetch request's `mode` and `max_results` from the configuration
 * when the caller named none, and clamps `max_results` to the limit.
 */
export function fetchDefaultsOf<Request extends { mode?: RetrievalMode; max_results?: number }>(
  request: Request,
  config: InstanceConfigDocument,
): Request & { mode: RetrievalMode; max_results: number } {
  const retrieval = config.retrieval;
  const wanted = request.max_results ?? retrieval.default_max_results;
  return {
    ...request,
    mode: request.mode ?? retrieval.default_mode,
    max_results: Math.min(wanted, retrieval.max_results_limit),
  };
}

/** The instant a memory of `type` extracted at `extractedAt` expires, or undefined when its type has no TTL. */
export function expiryOf(
  config: InstanceConfigDocument,
  type: MemoryType,
  extractedAt: string,
): number | undefined {
  const days = config.retention.ttl_days[type];
  return days === undefined ? undefined : Date.parse(extractedAt) + days * DAY_MS;
}

/**
 * Applies retention and ranking settings to a fetch response, in place:
 * drops expired memories (so a TTL holds between retention sweeps), scales
 * relevance by type weight and recency half-life, and re-sorts each list.
 */
export function shapeFetchResponse(
  response: ContextResponse,
  config: InstanceConfigDocument,
  now: Date,
): void {
  const { type_weights: weights, recency_half_life_days: halfLife } = config.retrieval;
  const untouched =
    Object.keys(config.retention.ttl_days).length === 0 &&
    Object.keys(weights).length === 0 &&
    halfLife === null;
  if (untouched) return;
  let removed = 0;
  for (const key of MEMORY_LIST_KEYS) {
    const type = TYPE_OF_LIST[key];
    const before = response[key].length;
    const kept = response[key]
      .filter((item) => {
        const expiry = expiryOf(config, type, item.extracted_at);
        return expiry === undefined || expiry > now.getTime();
      })
      .map((item) => reweighted(item, weights[type] ?? 1, halfLife, now));
    if (weights[type] !== undefined || halfLife !== null) {
      kept.sort((a, b) => b.relevance_score - a.relevance_score);
    }
    removed += before - kept.length;
    response[key] = kept;
    response.context[key] = kept;
  }
  response.metadata.total_results -= removed;
}

function reweighted(item: MemoryItem, weight: number, halfLife: number | null, now: Date): MemoryItem {
  if (weight === 1 && halfLife === null) return item;
  let score = item.relevance_score * weight;
  if (halfLife !== null) {
    const ageDays = Math.max(0, now.getTime() - Date.parse(item.event_date ?? item.extracted_at)) / DAY_MS;
    score *= 0.5 ** (ageDays / halfLife);
  }
  return { ...item, relevance_score: Math.min(1, Math.max(0, score)) };
}
