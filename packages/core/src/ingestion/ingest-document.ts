import { createHash } from 'node:crypto';
import type {
  DocumentType,
  ExtractedMemory,
  IngestMode,
  MemoryType,
  ParsedDocument,
} from '../domain/memory.js';
import { embedTexts } from '../embedding/embed-texts.js';
import type { MemoryChangedListener } from '../memories/memory-service.js';
import type { Clock } from '../ports/clock.js';
import type { EmbeddingModel } from '../ports/embedding-model.js';
import type { MemoryExtractor } from '../ports/memory-extractor.js';
import type { GraphStore, MemoryStore } from '../ports/memory-store.js';
import { deduplicateMemories } from './deduplicate-memories.js';
import type { IngestDocumentPayload, IngestDocumentResult } from './ingestion-job-payload.js';
import { type MemoryCandidate, toCandidates } from './memory-candidates.js';
import { withRawTurns } from './raw-turns.js';
import { reconcileWithPreviousVersion } from './reconcile-previous-version.js';
import { type EntityResolution, resolveEntities } from './resolve-entities.js';
import { supersedeContradictions } from './supersede-contradictions.js';

/** Splits a document into segments by its type (the offline parsers). */
export type DocumentParser = (input: {
  text: string;
  documentType: DocumentType;
  createdAt: string;
}) => ParsedDocument;

/** What the CPU-heavy front half (parse + extract) needs to know about a document. */
export interface AnalysisInput {
  text: string;
  documentType: DocumentType;
  createdAt: string;
  mode: IngestMode;
  hints: string | undefined;
}

/** What an analyzer returns: the extractor's memories and, optionally, their vectors. */
export interface AnalysisResult {
  memories: ExtractedMemory[];
  /**
   * `embeddings[i]` embeds `memories[i].content.trim()` with the configured
   * embedding model; absent when the analyzer does not embed.
   */
  embeddings?: Float32Array[];
}

/**
 * Runs parse + extract (and possibly embedding) somewhere else — a worker
 * thread — returning what `parse` and `extractor` would have returned
 * in-process. Vectors it returns must come from the same model as `embedder`.
 */
export type DocumentAnalyzer = (input: AnalysisInput, abortSignal?: AbortSignal) => Promise<AnalysisResult>;

/** What the ingestion pipeline runs on. */
export interface IngestionDependencies {
  /** Offloaded parse + extract, used instead of `parse`/`extractor.extract` when set. */
  analyze?: DocumentAnalyzer;
  memories: MemoryStore;
  graph: GraphStore;
  parse: DocumentParser;
  extractor: MemoryExtractor;
  /** The embedding model, loaded on first use. */
  embedder: () => Promise<EmbeddingModel>;
  clock: Clock;
  /** Called once per scope key the ingestion changed, after its write committed (caches of those scopes drop). */
  onChanged?: MemoryChangedListener;
  /** The instance's extraction settings (its active configuration); absent: keep everything. */
  policy?: (instanceId: string) => Promise<IngestionPolicy>;
}

/** What an instance's configuration asks of ingestion. */
export interface IngestionPolicy {
  /** The configuration version applied, recorded on each memory written and in the job's result. */
  configVersion: number;
  memoryTypes: readonly MemoryType[];
  minConfidence: number;
  entityResolution: boolean;
}

/**
 * Parse + extract on this thread, then the raw-turn safety net
 * ({@link withRawTurns}): every speaker turn no memory cites gets one of its own words.
 */
export async function analyzeInProcess(
  input: AnalysisInput,
  dependencies: Pick<IngestionDependencies, 'parse' | 'extractor'>,
  abortSignal?: AbortSignal,
): Promise<ExtractedMemory[]> {
  const document = dependencies.parse({
    text: input.text,
    documentType: input.documentType,
    createdAt: input.createdAt,
  });
  const extracted = await dependencies.extractor.extract({
    document,
    mode: input.mode,
    hints: input.hints,
    abortSignal,
  });
  return withRawTurns(document, extracted);
}

/**
 * The ingestion pipeline for one document, stage by stage:
 * parse → extract → reconcile with the previous version → de-duplicate →
 * embed → supersede contradictions → resolve entities (long-range) →
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
  const analysis: AnalysisInput = {
    text: payload.text,
    documentType: payload.documentType,
    createdAt: payload.documentCreatedAt,
    mode: payload.mode,
    hints: payload.hints,
  };
  const analyzed: AnalysisResult = dependencies.analyze
    ? await dependencies.analyze(analysis, abortSignal)
    : { memories: await analyzeInProcess(analysis, dependencies, abortSignal) };
  const policy = await dependencies.policy?.(payload.owner.instanceId);
  // Disabled types and weak memories are dropped before anything is compared or written.
  const extracted = policy
    ? analyzed.memories.filter(
        (memory) => policy.memoryTypes.includes(memory.type) && memory.confidence >= policy.minConfidence,
      )
    : analyzed.memories;
  const precomputed = new Map<ExtractedMemory, Float32Array>();
  analyzed.embeddings?.forEach((vector, index) => {
    const memory = analyzed.memories[index];
    if (memory) precomputed.set(memory, vector);
  });
  const candidates = toCandidates(extracted, payload, ingestionId, dependencies.extractor.name, now);
  const previous = await reconcileWithPreviousVersion(
    dependencies.memories,
    payload.owner.instanceId,
    payload.documentId,
    candidates,
  );
  const changed = candidates.filter((candidate) => !previous.unchanged.has(candidate));
  const deduplication = await deduplicateMemories(changed, {
    memories: dependencies.memories,
    excludedMemoryIds: new Set(previous.removedMemoryIds),
    now,
  });
  // Only memories that will be inserted need vectors; the analyzer may have made them already.
  const missing = deduplication.fresh.filter((candidate) => !precomputed.has(candidate.extracted));
  const vectors = missing.length
    ? await embedTexts(
        await dependencies.embedder(),
        missing.map((candidate) => candidate.embeddingText),
        { abortSignal },
      )
    : [];
  const embeddings = new Map<MemoryCandidate, Float32Array>();
  for (const [index, candidate] of missing.entries())
    embeddings.set(candidate, vectors[index] as Float32Array);
  for (const candidate of deduplication.fresh) {
    const vector = precomputed.get(candidate.extracted);
    if (vector) embeddings.set(candidate, vector);
  }
  const supersessions = await supersedeContradictions(deduplication.fresh, dependencies.memories, now);
  const entities: EntityResolution =
    payload.mode === 'long-range' && policy?.entityResolution !== false
      ? await resolveEntities(deduplication.fresh, dependencies.graph)
      : { entities: [], edges: [], linksOf: new Map() };
  const previousDocument = await dependencies.memories.getDocument(
    payload.owner.instanceId,
    payload.documentId,
  );

  await dependencies.memories.applyIngestion({
    ingestionId,
    document: {
      instanceId: payload.owner.instanceId,
      documentId: payload.documentId,
      owner: {
        ...payload.owner,
        customerId: payload.owner.customerId,
        userId: payload.owner.userId,
        conversationId: payload.owner.conversationId,
      },
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
      memory: policy ? { ...candidate.memory, configVersion: policy.configVersion } : candidate.memory,
      embedding: embeddings.get(candidate) as Float32Array,
      searchText: candidate.searchText,
      contextText: candidate.contextText,
      entityIds: entities.linksOf.get(candidate) ?? [],
    })),
    merges: deduplication.merges,
    supersessions,
    entities: entities.entities,
    edges: entities.edges,
  });
  // Memories dropped from an earlier version live in that version's scope, which may differ.
  const changedScopeKeys = new Set([payload.owner.scopeKey]);
  if (previousDocument) changedScopeKeys.add(previousDocument.owner.scopeKey);
  for (const scopeKey of changedScopeKeys) dependencies.onChanged?.(payload.owner.instanceId, scopeKey);

  const memoryIds = new Set<string>([
    ...previous.unchanged.values(),
    ...deduplication.fresh.map((candidate) => candidate.memory.memoryId),
    ...deduplication.mergedInto.values(),
  ]);
  return {
    documentId: payload.documentId,
    memoriesCreated: deduplication.fresh.length,
    memoryIds: [...memoryIds],
    ...(policy && { configVersion: policy.configVersion }),
  };
}
