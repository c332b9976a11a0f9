// Builders for the memory-store conformance suite: small, valid domain
// objects with only the fields a test cares about spelled out.
import { randomBytes } from 'node:crypto';
import type {
  EntityEdge,
  IngestionChanges,
  MemoryInsert,
  MemoryOwner,
  StoredEntity,
  StoredMemory,
} from '../src/index.js';
import { newUuidV7, scopeKeyOf } from '../src/index.js';

/** Dimension of the suite's test vectors. */
export const TEST_DIMENSIONS = 8;

/** A fresh instance id, so tests sharing one store never see each other's rows. */
export function freshInstanceId(): string {
  return `inst_${randomBytes(8).toString('hex')}`;
}

/** The owner of a user-scoped memory. */
export function userOwner(instanceId: string, userId: string): MemoryOwner {
  return {
    instanceId,
    scope: 'user',
    customerId: userId,
    userId,
    conversationId: undefined,
    scopeKey: scopeKeyOf(instanceId, 'user', { customerId: userId, userId }),
  };
}

/** The owner of a client-scoped memory. */
export function clientOwner(instanceId: string): MemoryOwner {
  return {
    instanceId,
    scope: 'client',
    customerId: undefined,
    userId: undefined,
    conversationId: undefined,
    scopeKey: scopeKeyOf(instanceId, 'client', {}),
  };
}

/** A unit vector from raw components (padded with zeros to {@link TEST_DIMENSIONS}). */
export function unitVector(...components: number[]): Float32Array {
  const vector = new Float32Array(TEST_DIMENSIONS);
  components.forEach((value, index) => {
    vector[index] = value;
  });
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** Everything a test may set on a new memory. */
export interface MemorySpec {
  content: string;
  memoryId?: string;
  documentId?: string;
  type?: StoredMemory['type'];
  subject?: string;
  attribute?: string;
  value?: string;
  eventDate?: string;
  extractedAt?: string;
  evidence?: string[];
  embedding?: Float32Array;
  searchText?: string;
  entityIds?: string[];
}

/** A memory insert with every index input; the search text defaults to the content. */
export function memoryInsert(owner: MemoryOwner, spec: MemorySpec): MemoryInsert {
  const at = spec.extractedAt ?? '2026-01-01T00:00:00.000Z';
  return {
    memory: {
      memoryId: spec.memoryId ?? newUuidV7(),
      owner,
      type: spec.type ?? 'fact',
      content: spec.content,
      confidence: 0.8,
      subject: spec.subject,
      attribute: spec.attribute,
      value: spec.value,
      eventDate: spec.eventDate,
      validUntil: undefined,
      temporalCategory: 'perpetual',
      temporalConfidence: 0.9,
      details: { category: 'test', participants: ['Ann'] },
      sourceDocumentId: spec.documentId ?? 'doc-1',
      sourceIngestionId: 'ing-1',
      sourceDocumentType: 'ai-chat-conversation',
      sourceDocumentCreatedAt: at,
      sourceEvidence: spec.evidence ?? [`User: ${spec.content}`],
      mentionCount: 1,
      supersededBy: undefined,
      extractor: 'rules',
      metadata: { origin: 'conformance' },
      extractedAt: at,
      createdAt: at,
      updatedAt: at,
    },
    embedding: spec.embedding ?? unitVector(1),
    searchText: spec.searchText ?? spec.content,
    entityIds: spec.entityIds ?? [],
  };
}

/** An entity of `owner`'s scope. */
export function entity(owner: MemoryOwner, canonicalName: string, aliases: string[] = []): StoredEntity {
  return {
    entityId: newUuidV7(),
    scopeKey: owner.scopeKey,
    canonicalName,
    type: 'person',
    aliases,
    mentionCount: 1,
  };
}

/** An edge of `owner`'s scope stated by `memoryId`. */
export function edge(
  owner: MemoryOwner,
  subject: StoredEntity,
  object: StoredEntity,
  memoryId: string,
): EntityEdge {
  return {
    edgeId: newUuidV7(),
    scopeKey: owner.scopeKey,
    subjectEntityId: subject.entityId,
    relation: 'knows',
    objectEntityId: object.entityId,
    memoryId,
  };
}

/** One ingestion of document `documentId` by `owner`; unspecified parts are empty. */
export function ingestion(
  owner: MemoryOwner,
  documentId: string,
  parts: Partial<Omit<IngestionChanges, 'document'>> = {},
): IngestionChanges {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    document: {
      instanceId: owner.instanceId,
      documentId,
      owner,
      documentType: 'ai-chat-conversation',
      mode: 'long-range',
      content: 'User: hello',
      contentHash: 'hash',
      documentCreatedAt: at,
      metadata: { source: 'conformance' },
      createdAt: at,
      updatedAt: at,
    },
    removedMemoryIds: parts.removedMemoryIds ?? [],
    inserts: parts.inserts ?? [],
    merges: parts.merges ?? [],
    supersessions: parts.supersessions ?? [],
    entities: parts.entities ?? [],
    edges: parts.edges ?? [],
  };
}
