import type { MemoryResponse } from '@engram/protocol';
import type { EntityLink, StoredMemory } from '../domain/stored-memory.js';

/** The E19/E20 shape of a stored memory. */
export function toMemoryResponse(memory: StoredMemory, entities: readonly EntityLink[]): MemoryResponse {
  const response: MemoryResponse = {
    memory_id: memory.memoryId,
    memory_type: memory.type,
    content: memory.content,
    confidence: memory.confidence,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
    source_document_id: memory.sourceDocumentId,
    source_evidence: memory.sourceEvidence,
    scope: memory.owner.scope,
    temporal_category: memory.temporalCategory,
    temporal_confidence: memory.temporalConfidence,
    entities: entities.map((entity) => ({
      entity_id: entity.entityId,
      canonical_name: entity.canonicalName,
      type: entity.type,
    })),
    metadata: memory.metadata,
    mention_count: memory.mentionCount,
  };
  const { details } = memory;
  const typed: Record<string, unknown> = {
    category: details.category,
    strength: details.strength,
    emotion_type: details.emotionType,
    intensity: details.intensity,
    context: details.emotionContext,
    summary: details.summary,
    occurred_at: details.occurredAt,
    significance: details.significance,
    participants: details.participants,
    subject: memory.subject,
    attribute: memory.attribute,
    value: memory.value,
  };
  for (const [key, value] of Object.entries(typed)) if (value !== undefined) response[key] = value;
  if (memory.eventDate !== undefined) response.event_date = memory.eventDate;
  if (memory.validUntil !== undefined) response.valid_until = memory.validUntil;
  if (memory.supersededBy !== undefined) response.superseded_by = memory.supersededBy;
  return response;
}
