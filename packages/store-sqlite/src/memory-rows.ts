import type {
  EntityEdge,
  MemoryDetails,
  MemoryOwner,
  StoredDocument,
  StoredEntity,
  StoredMemory,
} from '@engram/core';

/** Owner columns shared by `documents` and `memories`. */
export interface OwnerColumns {
  instance_id: string;
  scope: MemoryOwner['scope'];
  customer_id: string | null;
  user_id: string | null;
  conversation_id: string | null;
  scope_key: string;
}

/** A `memories` row as SQLite returns it. */
export interface MemoryRow extends OwnerColumns {
  memory_rowid: number;
  memory_id: string;
  type: StoredMemory['type'];
  content: string;
  confidence: number;
  subject: string | null;
  attribute: string | null;
  value: string | null;
  event_date: string | null;
  valid_until: string | null;
  temporal_category: StoredMemory['temporalCategory'];
  temporal_confidence: number;
  details: string;
  source_document_id: string;
  source_ingestion_id: string;
  source_document_type: StoredMemory['sourceDocumentType'];
  source_document_created_at: string;
  source_evidence: string;
  mention_count: number;
  superseded_by: string | null;
  extractor: string;
  metadata: string;
  extracted_at: string;
  created_at: string;
  updated_at: string;
  recency: string;
  dedup_key: string | null;
  /** Absent when a query selected named columns without it. */
  config_version?: number | null;
}

/** A `documents` row as SQLite returns it. */
export interface DocumentRow extends OwnerColumns {
  document_id: string;
  document_type: StoredDocument['documentType'];
  mode: StoredDocument['mode'];
  content: string;
  content_hash: string;
  document_created_at: string;
  metadata: string;
  created_at: string;
  updated_at: string;
}

/** An `entities` row as SQLite returns it. */
export interface EntityRow {
  entity_id: string;
  scope_key: string;
  canonical_name: string;
  normalized_name: string;
  type: StoredEntity['type'];
  aliases: string;
  mention_count: number;
}

/** An `entity_edges` row as SQLite returns it. */
export interface EdgeRow {
  edge_id: string;
  scope_key: string;
  subject_entity_id: string;
  relation: string;
  object_entity_id: string;
  memory_id: string;
}

/** The owner of a row with owner columns. */
export function ownerOf(row: OwnerColumns): MemoryOwner {
  return {
    instanceId: row.instance_id,
    scope: row.scope,
    customerId: row.customer_id ?? undefined,
    userId: row.user_id ?? undefined,
    conversationId: row.conversation_id ?? undefined,
    scopeKey: row.scope_key,
  };
}

function ownerParameters(owner: MemoryOwner) {
  return {
    instanceId: owner.instanceId,
    scope: owner.scope,
    customerId: owner.customerId ?? null,
    userId: owner.userId ?? null,
    conversationId: owner.conversationId ?? null,
    scopeKey: owner.scopeKey,
  };
}

// The JSON columns below are written only by this adapter, from typed values.
const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** Rebuilds the domain memory from its row. */
export function toStoredMemory(row: MemoryRow): StoredMemory {
  return {
    memoryId: row.memory_id,
    owner: ownerOf(row),
    type: row.type,
    content: row.content,
    confidence: row.confidence,
    subject: row.subject ?? undefined,
    attribute: row.attribute ?? undefined,
    value: row.value ?? undefined,
    eventDate: row.event_date ?? undefined,
    validUntil: row.valid_until ?? undefined,
    temporalCategory: row.temporal_category,
    temporalConfidence: row.temporal_confidence,
    details: parseJson<MemoryDetails>(row.details),
    sourceDocumentId: row.source_document_id,
    sourceIngestionId: row.source_ingestion_id,
    sourceDocumentType: row.source_document_type,
    sourceDocumentCreatedAt: row.source_document_created_at,
    sourceEvidence: parseJson<string[]>(row.source_evidence),
    mentionCount: row.mention_count,
    supersededBy: row.superseded_by ?? undefined,
    extractor: row.extractor,
    metadata: parseJson<Record<string, unknown>>(row.metadata),
    extractedAt: row.extracted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.dedup_key === null ? {} : { dedupKey: row.dedup_key }),
    ...(row.config_version === null || row.config_version === undefined
      ? {}
      : { configVersion: row.config_version }),
  };
}

/** Named parameters for inserting a memory row (`@name` in the SQL). */
export function memoryParameters(memory: StoredMemory) {
  // Owner columns last: a literal that starts with a spread and then adds
  // two dozen properties drops into V8's slow dictionary mode (an order of
  // magnitude slower: docs/decisions/0044). No key overlaps, so order is free.
  return {
    memoryId: memory.memoryId,
    type: memory.type,
    content: memory.content,
    confidence: memory.confidence,
    subject: memory.subject ?? null,
    attribute: memory.attribute ?? null,
    value: memory.value ?? null,
    eventDate: memory.eventDate ?? null,
    validUntil: memory.validUntil ?? null,
    temporalCategory: memory.temporalCategory,
    temporalConfidence: memory.temporalConfidence,
    details: JSON.stringify(memory.details),
    sourceDocumentId: memory.sourceDocumentId,
    sourceIngestionId: memory.sourceIngestionId,
    sourceDocumentType: memory.sourceDocumentType,
    sourceDocumentCreatedAt: memory.sourceDocumentCreatedAt,
    sourceEvidence: JSON.stringify(memory.sourceEvidence),
    mentionCount: memory.mentionCount,
    supersededBy: memory.supersededBy ?? null,
    extractor: memory.extractor,
    metadata: JSON.stringify(memory.metadata),
    extractedAt: memory.extractedAt,
    createdAt: memory.createdAt,
    updatedAt: memory.updatedAt,
    dedupKey: memory.dedupKey ?? null,
    configVersion: memory.configVersion ?? null,
    ...ownerParameters(memory.owner),
  };
}

/** Rebuilds the domain document from its row. */
export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    instanceId: row.instance_id,
    documentId: row.document_id,
    owner: ownerOf(row),
    documentType: row.document_type,
    mode: row.mode,
    content: row.content,
    contentHash: row.content_hash,
    documentCreatedAt: row.document_created_at,
    metadata: parseJson<Record<string, unknown>>(row.metadata),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Named parameters for upserting a document row. */
export function documentParameters(document: StoredDocument) {
  return {
    ...ownerParameters(document.owner),
    // The document's own instance wins over its owner's, which should never differ.
    instanceId: document.instanceId,
    documentId: document.documentId,
    documentType: document.documentType,
    mode: document.mode,
    content: document.content,
    contentHash: document.contentHash,
    documentCreatedAt: document.documentCreatedAt,
    metadata: JSON.stringify(document.metadata),
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** Rebuilds the domain entity from its row. */
export function toStoredEntity(row: EntityRow): StoredEntity {
  return {
    entityId: row.entity_id,
    scopeKey: row.scope_key,
    canonicalName: row.canonical_name,
    type: row.type,
    aliases: parseJson<string[]>(row.aliases),
    mentionCount: row.mention_count,
  };
}

/** Rebuilds the domain edge from its row. */
export function toEntityEdge(row: EdgeRow): EntityEdge {
  return {
    edgeId: row.edge_id,
    scopeKey: row.scope_key,
    subjectEntityId: row.subject_entity_id,
    relation: row.relation,
    objectEntityId: row.object_entity_id,
    memoryId: row.memory_id,
  };
}
