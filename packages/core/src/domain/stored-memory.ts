import type {
  DocumentType,
  EntityType,
  IngestMode,
  MemoryScope,
  MemoryType,
  TemporalCategory,
} from './memory.js';

/**
 * Who owns a memory. `scopeKey` is one opaque string per owner partition
 * (see `scopeKeyOf`): every storage query filters by it, so a search can
 * never scan another tenant's rows.
 */
export interface MemoryOwner {
  instanceId: string;
  scope: MemoryScope;
  customerId: string | undefined;
  userId: string | undefined;
  /** Only for conversation-scoped memories. */
  conversationId: string | undefined;
  scopeKey: string;
}

/** A memory as stored. Times are ISO-8601 strings. */
export interface StoredMemory {
  memoryId: string;
  owner: MemoryOwner;
  type: MemoryType;
  content: string;
  confidence: number;
  subject: string | undefined;
  attribute: string | undefined;
  value: string | undefined;
  eventDate: string | undefined;
  validUntil: string | undefined;
  temporalCategory: TemporalCategory;
  temporalConfidence: number;
  /** Type-specific fields (category, strength, emotionType, ...), as extracted. */
  details: MemoryDetails;
  sourceDocumentId: string;
  sourceIngestionId: string;
  sourceDocumentType: DocumentType;
  sourceDocumentCreatedAt: string;
  sourceEvidence: string[];
  /** How many extractions merged into this memory (1 = no duplicates seen). */
  mentionCount: number;
  /** The memory that replaced this one on a contradiction, if any. */
  supersededBy: string | undefined;
  /**
   * Order-insensitive key of the content's words (see `dedupKeyOf`): equal
   * keys within a scope and type mean the same statement. Absent on memories
   * written before keys existed.
   */
  dedupKey?: string;
  /** Which extractor produced it ("rules", "llm:<model>"). */
  extractor: string;
  /**
   * The instance configuration version in force when ingestion produced it
   * (0: the defaults). Absent on memories written before it was recorded.
   * Kept as is by an import: it names a version of the source instance.
   */
  configVersion?: number;
  metadata: Record<string, unknown>;
  extractedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** Type-specific fields; each type uses its own subset. */
export interface MemoryDetails {
  category?: string;
  strength?: number;
  emotionType?: string;
  intensity?: number;
  emotionContext?: string;
  summary?: string;
  occurredAt?: string;
  significance?: number;
  participants?: string[];
}

/** A canonical entity within one scope partition. */
export interface StoredEntity {
  entityId: string;
  scopeKey: string;
  canonicalName: string;
  type: EntityType;
  aliases: string[];
  mentionCount: number;
}

/** An entity linked to a memory, as retrieval returns it. */
export interface EntityLink {
  entityId: string;
  canonicalName: string;
  type: EntityType;
}

/** A subject–relation–object edge between entities, with the memory that states it. */
export interface EntityEdge {
  edgeId: string;
  scopeKey: string;
  subjectEntityId: string;
  relation: string;
  objectEntityId: string;
  memoryId: string;
}

/** A source document, kept for idempotent re-ingestion and provenance. */
export interface StoredDocument {
  instanceId: string;
  documentId: string;
  owner: MemoryOwner;
  documentType: DocumentType;
  mode: IngestMode;
  content: string;
  contentHash: string;
  documentCreatedAt: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
