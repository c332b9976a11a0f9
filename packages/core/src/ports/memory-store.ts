import type { MemoryType } from '../domain/memory.js';
import type {
  EntityEdge,
  EntityLink,
  MemoryDetails,
  StoredDocument,
  StoredEntity,
  StoredMemory,
} from '../domain/stored-memory.js';
import type { OutboxEvent } from './webhook-store.js';

/** A new memory with everything its indexes need. */
export interface MemoryInsert {
  memory: StoredMemory;
  /** Unit-length vector of the memory's text, for the vector index. */
  embedding: Float32Array;
  /** Text for the full-text index: content plus names and speaker, as ingestion chooses. */
  searchText: string;
  /**
   * Text around the memory in its source (neighbouring turns), indexed in a
   * field that weighs less than `searchText`; absent or empty for none.
   */
  contextText?: string;
  /** Entities the memory mentions (ids of entities in the same write or already stored). */
  entityIds: string[];
}

/** A near-duplicate folded into an existing memory: no new row. */
export interface MemoryMerge {
  memoryId: string;
  /** Evidence lines to add (the store de-duplicates against existing ones). */
  addEvidence: string[];
  confidence: number;
  mentionCountDelta: number;
  updatedAt: string;
}

/** A contradicted memory closed for history: it stays, with `valid_until` set. */
export interface MemorySupersession {
  memoryId: string;
  validUntil: string;
  supersededBy: string;
  updatedAt: string;
}

/**
 * Everything one ingestion writes, applied atomically: a crash leaves either
 * the whole result or none of it.
 */
export interface IngestionChanges {
  /**
   * The ingestion (job) writing this: when given, a store refuses (CONFLICT)
   * to write a document erased after that ingestion was queued.
   */
  ingestionId?: string;
  /** Inserted or replaced (same instance and document id). */
  document: StoredDocument;
  /** Memories of an earlier version of the document that re-extraction dropped; deleted with cascades. */
  removedMemoryIds: string[];
  inserts: MemoryInsert[];
  merges: MemoryMerge[];
  supersessions: MemorySupersession[];
  /** New entities, or existing ones with new aliases or mention counts (upsert by id). */
  entities: StoredEntity[];
  edges: EntityEdge[];
}

/** Fields a PATCH may change. */
export interface MemoryEdit {
  content: string;
  details?: MemoryDetails;
  metadata?: Record<string, unknown>;
  embedding: Float32Array;
  searchText: string;
  /** The source context to index with the new text (see {@link MemoryInsert.contextText}). */
  contextText?: string;
  /** The new content's de-duplication key. */
  dedupKey?: string;
  updatedAt: string;
}

/**
 * Storage of memories, their documents, and the vector/text/graph indexes
 * that point at them. Every read takes scope keys and never returns rows
 * outside them; every delete cascades to every index.
 */
export interface MemoryStore {
  /** Applies one ingestion's result atomically. */
  applyIngestion(changes: IngestionChanges): Promise<void>;
  /** The stored document, or undefined. */
  getDocument(instanceId: string, documentId: string): Promise<StoredDocument | undefined>;
  /** Ids of the memories a document produced (for idempotent re-ingestion). */
  memoryIdsOfDocument(instanceId: string, documentId: string): Promise<string[]>;
  /** One memory of this instance, or undefined (another instance's id is undefined too). */
  getMemory(instanceId: string, memoryId: string): Promise<StoredMemory | undefined>;
  /** Memories by id, restricted to `scopeKeys`; order not guaranteed. */
  getMemories(scopeKeys: readonly string[], memoryIds: readonly string[]): Promise<StoredMemory[]>;
  /**
   * {@link getMemories} with each memory's entity links (as
   * {@link GraphStore.entitiesOfMemories} gives them), keyed by memory id:
   * a fetch's candidate load. One read where the store can (a server store
   * pays a round trip per statement); ids outside `scopeKeys` are absent.
   */
  getMemoriesWithLinks(
    scopeKeys: readonly string[],
    memoryIds: readonly string[],
  ): Promise<Map<string, { memory: StoredMemory; links: EntityLink[] }>>;
  /**
   * Optional. A version per scope key of what retrieval loads for a
   * candidate: it changes whenever a memory row of the scope, one of their
   * entity links, or a linked entity changes, whichever process or code path
   * wrote, and never goes back to a value it had. Scopes that never held a
   * memory are absent. Lets retrieval keep loaded candidates across fetches
   * (CandidateCache); a store without it is read afresh on every fetch.
   */
  memoryScopeVersions?(scopeKeys: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /**
   * Current (not superseded) memories of one scope whose `dedupKey` is one of
   * `dedupKeys`: one indexed lookup per key, whatever the scope's size.
   */
  findByDedupKeys(scopeKey: string, dedupKeys: readonly string[]): Promise<StoredMemory[]>;
  /** Current (not superseded) memories with this subject and attribute in one scope. */
  findBySubjectAttribute(scopeKey: string, subject: string, attribute: string): Promise<StoredMemory[]>;
  /** Most recent first (by event date, else extraction time), optionally by type. */
  listRecent(
    scopeKeys: readonly string[],
    limit: number,
    types?: readonly MemoryType[],
  ): Promise<StoredMemory[]>;
  /**
   * Rewrites a memory's content and re-indexes it. Returns false if it does
   * not exist. `events` go to the webhook outbox in the same transaction, and
   * only when the edit happened.
   */
  editMemory(
    instanceId: string,
    memoryId: string,
    edit: MemoryEdit,
    events?: readonly OutboxEvent[],
  ): Promise<boolean>;
  /**
   * Deletes a memory permanently with its vector, text row, entity links and
   * edges. Returns false if it did not exist in this instance. `events` go to
   * the webhook outbox in the same transaction, and only when it was deleted.
   */
  deleteMemory(instanceId: string, memoryId: string, events?: readonly OutboxEvent[]): Promise<boolean>;
  /** Memory count per scope key, for diagnostics and benchmarks. */
  countMemories(scopeKeys: readonly string[]): Promise<number>;
}

/** A scored hit from an index. */
export interface IndexHit {
  memoryId: string;
  /** Higher is better. Vector: cosine similarity; text: BM25 (sign-flipped so higher is better). */
  score: number;
}

/** What {@link VectorIndex.warmCache} copied; `complete` is false when it stopped before the last scope. */
export interface VectorCacheWarmup {
  scopes: number;
  vectors: number;
  bytes: number;
  complete: boolean;
}

/** Exact nearest-neighbour search within scope partitions. */
export interface VectorIndex {
  /** Top `limit` memories by cosine similarity within `scopeKeys`. */
  nearest(scopeKeys: readonly string[], vector: Float32Array, limit: number): Promise<IndexHit[]>;
  /**
   * Optional ability of an index that scores vectors in the application (an
   * in-process copy of hot scopes, see ScopeVectorCache): copies stored
   * vectors of `dimensions` floats into that copy ahead of the first search,
   * yielding to the event loop between scopes and stopping when `signal`
   * aborts. Never evicts; results of `nearest` are the same with or without it.
   * An index without a copy leaves it out, and the server skips the warm-up.
   */
  warmCache?(dimensions: number, options?: { signal?: AbortSignal }): Promise<VectorCacheWarmup>;
}

/** Full-text search within scope partitions. */
export interface TextIndex {
  /**
   * Top `limit` memories matching any of `terms` (plain lowercase words; the
   * adapter escapes them), ranked by BM25, within `scopeKeys`. To bound cost,
   * an adapter may leave out terms that match a very large number of rows
   * of the whole collection when a rarer term remains (their weight is the
   * lowest); small collections are searched with every term.
   */
  search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]>;
}

/** Entities and their edges, per scope partition. */
export interface GraphStore {
  /**
   * Entities in `scopeKeys` whose canonical name or an alias, in the
   * normalizeEntityName form (which is how callers pass `normalizedNames`), is one of them.
   */
  findEntities(scopeKeys: readonly string[], normalizedNames: readonly string[]): Promise<StoredEntity[]>;
  /** Entities of one scope, for resolution during ingestion. */
  listEntities(scopeKey: string): Promise<StoredEntity[]>;
  /**
   * The person entities of one scope, most mentioned first (ties by entity
   * id), as `listEntities` orders them. Optional: with it, ingestion reads
   * the entities its mentions name (`findEntities`) and the people (for
   * nickname matching) instead of every entity of the scope.
   */
  listPeople?(scopeKey: string): Promise<StoredEntity[]>;
  /** Memory ids linked to any of `entityIds`, most recent first, at most `limit`. */
  memoryIdsOfEntities(entityIds: readonly string[], limit: number): Promise<string[]>;
  /**
   * For each of `entityIds`, what `memoryIdsOfEntities([entityId], limit)`
   * gives, in one read where the store can; every requested id is a key.
   */
  memoryIdsPerEntity(entityIds: readonly string[], limit: number): Promise<Map<string, string[]>>;
  /** Entity links of each memory. */
  entitiesOfMemories(
    memoryIds: readonly string[],
  ): Promise<Map<string, { entityId: string; canonicalName: string; type: StoredEntity['type'] }[]>>;
  /** Edges touching any of `entityIds` (either end), at most `limit`. */
  edgesOf(entityIds: readonly string[], limit: number): Promise<EntityEdge[]>;
}
