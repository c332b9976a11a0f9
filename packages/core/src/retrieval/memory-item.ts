import type { MemoryItem, MemoryListKey } from '@engram/protocol';
import type { MemoryType } from '../domain/memory.js';
import type { EntityLink, StoredMemory } from '../domain/stored-memory.js';

const LIST_OF_TYPE: Readonly<Record<MemoryType, MemoryListKey>> = {
  fact: 'facts',
  preference: 'preferences',
  episode: 'episodes',
  emotion: 'emotions',
  temporal_event: 'temporal_events',
};

/**
 * The wire list a memory is returned in. A temporal event without a parseable
 * `event_date` goes to `facts`: the SDK silently drops temporal events that
 * lack one (spec §1.4), and the fact list shows it without the date.
 */
export function listKeyOf(memory: StoredMemory): MemoryListKey {
  if (memory.type === 'temporal_event' && isoDate(memory.eventDate) === undefined) return 'facts';
  return LIST_OF_TYPE[memory.type];
}

/**
 * One retrieved memory as the wire item of its list (spec §1.4): the generic
 * fields always (never null: absent optional values are omitted, unknown
 * strings are ""), plus the fields its list's SDK model reads, with the
 * documented generic fallbacks filled in. `relevance` must already be 0..1.
 */
export function toMemoryItem(
  memory: StoredMemory,
  relevance: number,
  links: readonly EntityLink[],
): MemoryItem {
  const listKey = listKeyOf(memory);
  const item: MemoryItem = {
    id: memory.memoryId,
    memory_type: listKey === 'facts' ? 'fact' : memory.type,
    content: memory.content,
    confidence: unit(memory.confidence),
    relevance_score: unit(relevance),
    scope: memory.owner.scope,
    entities: links.map((link) => ({
      entity_id: link.entityId,
      canonical_name: link.canonicalName,
      type: link.type,
    })),
    source: memory.sourceDocumentId,
    source_evidence: [...memory.sourceEvidence],
    extracted_at: memory.extractedAt,
    metadata: { ...memory.metadata },
    temporal_category: memory.temporalCategory,
    temporal_confidence: unit(memory.temporalConfidence),
  };
  const eventDate = isoDate(memory.eventDate);
  if (eventDate !== undefined) item.event_date = eventDate;
  const validUntil = isoDate(memory.validUntil);
  if (validUntil !== undefined) item.valid_until = validUntil;
  const details = memory.details;
  switch (listKey) {
    case 'preferences':
      item.category = details.category ?? '';
      item.strength = unit(details.strength ?? memory.confidence);
      break;
    case 'episodes':
      item.summary = details.summary ?? memory.content;
      item.occurred_at = isoDate(details.occurredAt) ?? eventDate ?? memory.extractedAt;
      item.significance = unit(details.significance ?? memory.confidence);
      item.participants = [...(details.participants ?? [])];
      break;
    case 'emotions':
      item.emotion_type = details.emotionType ?? '';
      item.intensity = unit(details.intensity ?? memory.confidence);
      item.detected_at = memory.extractedAt;
      item.context = details.emotionContext ?? memory.content;
      break;
    default:
      break;
  }
  return item;
}

/** An ISO-8601 string for a parseable date, else undefined. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
