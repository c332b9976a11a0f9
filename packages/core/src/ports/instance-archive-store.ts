import type { EntityEdge, MemoryOwner, StoredDocument, StoredEntity } from '../domain/stored-memory.js';
import type { InstanceConfigVersion } from './instance-config-store.js';
import type { MemoryInsert } from './memory-store.js';

/** Raw conversation and message rows of an archive (see archive-records.ts). */
export interface ArchivedConversation {
  conversationId: string;
  userId: string | null;
  customerId: string | null;
  sessionId: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  /** The last turn background extraction handed to ingestion; absent when none was. */
  extractedThrough?: number;
}

/** One recorded turn. */
export interface ArchivedMessage {
  messageId: string;
  conversationId: string;
  sequence: number;
  role: string;
  content: string;
  userId: string | null;
  customerId: string | null;
  sessionId: string;
  /** JSON text, as stored. */
  metadata: string;
  recordedAt: string;
}

/** Rows shared by export and import. */
interface InstanceRows {
  documents: StoredDocument[];
  entities: (StoredEntity & { owner: MemoryOwner })[];
  edges: (EntityEdge & { owner: MemoryOwner })[];
  conversations: ArchivedConversation[];
  messages: ArchivedMessage[];
}

/**
 * A memory's full-text statistics as the store keeps them (stem counts per
 * column, token count): carried through an archive so that search scores a
 * moved memory exactly as before, which its index text, not stored, could
 * not guarantee.
 */
export interface IndexedTerms {
  tokens: number;
  body: string;
  context: string;
}

/** What export reads for one instance: rows of its scope keys, memories with their vector and entity links. */
export interface InstanceSnapshotPart extends InstanceRows {
  memories: (Pick<MemoryInsert, 'memory' | 'embedding' | 'entityIds'> & { terms?: IndexedTerms })[];
}

/** Everything one import writes, owned by the target instance (scope keys already computed). */
export interface InstanceImport extends InstanceRows {
  /**
   * With the index text built by the importer (the recipe ingestion uses),
   * or the archived statistics, which the store then writes instead.
   */
  memories: (MemoryInsert & { terms?: IndexedTerms })[];
  /** Appended as a new version when given (differs from the active document). */
  config?: Omit<InstanceConfigVersion, 'version'>;
}

/** What an import did, per record type. */
export interface ImportSummary {
  imported: Record<string, number>;
  /** Already present (a repeated import): left as they are. */
  skipped: Record<string, number>;
  /** Scopes that gained memories (their caches must drop). */
  changedScopeKeys: string[];
}

/**
 * Bulk reads and writes for export and import. Export yields one owner's
 * data in chunks so a large instance streams; import is one transaction:
 * it lands whole or not at all, and repeating it changes nothing.
 */
export interface InstanceArchiveStore {
  /**
   * The instance's data (or one user's, with `userId`), in chunks of at most
   * `chunkSize` memories: synchronous where the store reads synchronously
   * (SQLite), asynchronous where each chunk is a round trip (PostgreSQL).
   */
  exportChunks(
    instanceId: string,
    filter: { userId?: string },
    chunkSize: number,
  ): Iterable<Partial<InstanceSnapshotPart>> | AsyncIterable<Partial<InstanceSnapshotPart>>;
  /**
   * Writes `data` into `instanceId` atomically. Ids are kept unless another
   * instance already holds them; those are replaced by ids derived from the
   * target instance and the original, the same on every run, so a repeated
   * import finds its own rows and skips them.
   */
  importInstance(instanceId: string, data: InstanceImport): Promise<ImportSummary>;
}
