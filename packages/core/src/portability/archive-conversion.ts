import { scopeKeyOf } from '../domain/scope-key.js';
import type { MemoryOwner, StoredDocument, StoredMemory } from '../domain/stored-memory.js';
import { EvidenceContext } from '../ingestion/evidence-context.js';
import { readableDate } from '../ingestion/memory-candidates.js';
import type { IndexedTerms, InstanceImport, InstanceSnapshotPart } from '../ports/instance-archive-store.js';
import type { MemoryInsert } from '../ports/memory-store.js';
import type { ArchiveOwner, ArchiveRecord, ArchiveRecordOf } from './archive-records.js';

function archiveOwner(owner: MemoryOwner): ArchiveOwner {
  return {
    scope: owner.scope,
    ...(owner.customerId !== undefined && { customerId: owner.customerId }),
    ...(owner.userId !== undefined && { userId: owner.userId }),
    ...(owner.conversationId !== undefined && { conversationId: owner.conversationId }),
  };
}

function ownerIn(instanceId: string, owner: ArchiveOwner): MemoryOwner {
  return {
    instanceId,
    scope: owner.scope,
    customerId: owner.customerId,
    userId: owner.userId,
    conversationId: owner.conversationId,
    scopeKey: scopeKeyOf(instanceId, owner.scope, owner),
  };
}

/** One chunk of an instance's rows as archive records (instance ids and scope keys left out). */
export function toArchiveRecords(part: Partial<InstanceSnapshotPart>): ArchiveRecord[] {
  const records: ArchiveRecord[] = [];
  for (const document of part.documents ?? []) {
    const { instanceId: _instance, owner, ...rest } = document;
    records.push({ type: 'document', ...rest, owner: archiveOwner(owner) });
  }
  for (const entity of part.entities ?? []) {
    records.push({
      type: 'entity',
      entityId: entity.entityId,
      owner: archiveOwner(entity.owner),
      canonicalName: entity.canonicalName,
      entityType: entity.type,
      aliases: entity.aliases,
      mentionCount: entity.mentionCount,
    });
  }
  for (const { memory, embedding, entityIds, terms } of part.memories ?? []) {
    const { owner, type, ...rest } = memory;
    records.push({
      type: 'memory',
      ...rest,
      owner: archiveOwner(owner),
      memoryType: type,
      embedding: Buffer.from(embedding.buffer, embedding.byteOffset, embedding.byteLength).toString('base64'),
      entityIds,
      ...(terms && { terms }),
    } as ArchiveRecordOf<'memory'>);
  }
  for (const edge of part.edges ?? []) {
    const { scopeKey: _scope, owner, ...rest } = edge;
    records.push({ type: 'edge', ...rest, owner: archiveOwner(owner) });
  }
  for (const conversation of part.conversations ?? [])
    records.push({ type: 'conversation', ...conversation });
  for (const message of part.messages ?? []) records.push({ type: 'message', ...message });
  return records;
}

/**
 * The rows an archive's records become in `instanceId`: scope keys of the
 * target instance, and each memory's index text rebuilt with the recipe
 * ingestion uses (content, evidence, entity names, dates; the source lines'
 * neighbours as context), so search behaves as it did in the source.
 */
export function toInstanceImport(instanceId: string, records: readonly ArchiveRecord[]): InstanceImport {
  const data: InstanceImport = {
    documents: [],
    entities: [],
    memories: [],
    edges: [],
    conversations: [],
    messages: [],
  };
  const documents = new Map<string, StoredDocument>();
  const entityNames = new Map<string, string>();
  for (const record of records) {
    if (record.type === 'document') {
      const { type: _type, owner, ...rest } = record;
      const document = { ...rest, instanceId, owner: ownerIn(instanceId, owner) } as StoredDocument;
      documents.set(document.documentId, document);
      data.documents.push(document);
    } else if (record.type === 'entity') {
      const owner = ownerIn(instanceId, record.owner);
      entityNames.set(record.entityId, record.canonicalName);
      data.entities.push({
        entityId: record.entityId,
        scopeKey: owner.scopeKey,
        canonicalName: record.canonicalName,
        type: record.entityType,
        aliases: record.aliases,
        mentionCount: record.mentionCount,
        owner,
      });
    } else if (record.type === 'edge') {
      const { type: _type, owner, ...rest } = record;
      const resolved = ownerIn(instanceId, owner);
      data.edges.push({ ...rest, scopeKey: resolved.scopeKey, owner: resolved });
    } else if (record.type === 'conversation') {
      const { type: _type, ...rest } = record;
      data.conversations.push(rest);
    } else if (record.type === 'message') {
      const { type: _type, ...rest } = record;
      data.messages.push(rest);
    }
  }
  const contexts = new Map<string, EvidenceContext>();
  for (const record of records) {
    if (record.type !== 'memory') continue;
    const { type: _type, owner, memoryType, embedding, entityIds, terms, ...rest } = record;
    const memory = { ...rest, type: memoryType, owner: ownerIn(instanceId, owner) } as StoredMemory;
    const source = documents.get(memory.sourceDocumentId);
    let context = contexts.get(memory.sourceDocumentId);
    if (!context && source) {
      context = new EvidenceContext(source.content);
      contexts.set(memory.sourceDocumentId, context);
    }
    const names = entityIds.flatMap((id) => entityNames.get(id) ?? []);
    const bytes = Buffer.from(embedding, 'base64');
    const insert: MemoryInsert & { terms?: IndexedTerms } = {
      memory,
      embedding: new Float32Array(new Uint8Array(bytes).buffer, 0, bytes.byteLength / 4),
      searchText: [
        memory.content,
        ...memory.sourceEvidence,
        ...names,
        readableDate(memory.eventDate),
        readableDate(memory.sourceDocumentCreatedAt),
      ].join('\n'),
      contextText: context ? context.around(memory.sourceEvidence).join('\n') : '',
      entityIds,
      ...(terms && { terms }),
    };
    data.memories.push(insert);
  }
  return data;
}
