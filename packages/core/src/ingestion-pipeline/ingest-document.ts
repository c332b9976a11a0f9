import { createHash } from 'node:crypto';
import type { DocumentType, ParsedDocument } from '../domain/memory.js';
import { embedTexts } from '../embedding/embed-texts.js';
import type { Clock } from '../ports/clock.js';
import type { EmbeddingModel } from '../ports/embedding-model.js';
import type { MemoryExtractor } from '../ports/memory-extractor.js';
import type { GraphStore, MemoryStore, VectorIndex } from '../ports/memory-store.js';
import { deduplicateMemories } from './deduplicate-memories.js';
import type { IngestDocumentPayload, IngestDocumentResult } from './ingestion-job-payload.js';
import { toCandidates } from './memory-candidates.js';
import { reconcileWithPreviousVersion } from './reconcile-previous-version.js';
import { type EntityResolution, resolveEntities } from './resolve-entities.js';
import { supersedeContradictions } from './supersede-contradictions.js';

/** Splits a document into segments by its type (the offline parsers). */
export type DocumentParser = (input: { text: string; documentType: DocumentType; createdAt: string }) => ParsedDocument;

/** What the ingestion pipeline runs on. */
export interface IngestionDependencies {
  memories: MemoryStore;
  vectors: VectorIndex;
  graph: GraphStore;
  parse: DocumentParser;
  extractor: MemoryExtractor;
  /** The embedding model, loaded on first use. */
  embedder: () => Promise<EmbeddingModel>;
  clock: Clock;
}

/**
 * The ingestion pipeline for one document, stage by stage:
 * parse → extract → reconcile with the previous version → embed →
 * de-duplicate → supersede contradictions → resolve entities (long-range) →
 * write atomically. Idempotent: running it twice for the same payload leaves
 * one copy of every memory, so a job retried after a crash is safe.
 */
export async function ingestDocument(
  ingestionId: string,
  payload: IngestDocumentPayload,
  dependencies: IngestionDependencies,
  abortSignal?: AbortSignal,
): Promise<IngestDocumentResult> {
  const now = dependencies.clock.now().toISOString();
  const parsed = dependencies.parse({
    text: payload.text,
    documentType: payload.documentType,
    createdAt: payload.documentCreatedAt,
  });
  const extracted = await dependencies.extractor.extract({
    document: parsed,
    mode: payload.mode,
    hints: payload.hints,
    abortSignal,
  });
  const candidates = toCandidates(extracted, payload, ingestionId, dependencies.extractor.name, now);
  const previous = await reconcileWithPreviousVersion(
    dependencies.memories,
    payload.owner.instanceId,
    payload.documentId,
    candidates,
  );
  const changed = candidates.filter((candidate) => !previous.unchanged.has(candidate));
  const vectors = await embedTexts(
    await dependencies.embedder(),
    changed.map((candidate) => candidate.embeddingText),
    { abortSignal },
  );
  const embeddings = new Map(changed.map((candidate, index) => [candidate, vectors[index] as Float32Array]));
  const deduplication = await deduplicateMemories(changed, embeddings, {
    memories: dependencies.memories,
    vectors: dependencies.vectors,
    excludedMemoryIds: new Set(previous.removedMemoryIds),
    now,
  });
  const supersessions = await supersedeContradictions(deduplication.fresh, dependencies.memories, now);
  const entities: EntityResolution =
    payload.mode === 'long-range'
      ? await resolveEntities(deduplication.fresh, dependencies.graph)
      : { entities: [], edges: [], linksOf: new Map() };
  const previousDocument = await dependencies.memories.getDocument(payload.owner.instanceId, payload.documentId);

  await dependencies.memories.applyIngestion({
    document: {
      instanceId: payload.owner.instanceId,
      documentId: payload.documentId,
      owner: { ...payload.owner, customerId: payload.owner.customerId, userId: payload.owner.userId, conversationId: payload.owner.conversationId },
      documentType: payload.documentType,
      mode: payload.mode,
      content: payload.text,
      contentHash: createHash('sha256').update(payload.text).digest('hex'),
      documentCreatedAt: payload.documentCreatedAt,
      metadata: payload.metadata,
      createdAt: previousDocument?.createdAt ?? now,
      updatedAt: now,
    },
    removedMemoryIds: previous.removedMemoryIds,
    inserts: deduplication.fresh.map((candidate) => ({
      memory: candidate.memory,
      embedding: embeddings.get(candidate) as Float32Array,
      searchText: candidate.searchText,
      entityIds: entities.linksOf.get(candidate) ?? [],
    })),
    merges: deduplication.merges,
    supersessions,
    entities: entities.entities,
    edges: entities.edges,
  });

  const memoryIds = new Set<string>([
    ...previous.unchanged.values(),
    ...deduplication.fresh.map((candidate) => candidate.memory.memoryId),
    ...deduplication.mergedInto.values(),
  ]);
  return {
    documentId: payload.documentId,
    memoriesCreated: deduplication.fresh.length,
    memoryIds: [...memoryIds],
  };
}
