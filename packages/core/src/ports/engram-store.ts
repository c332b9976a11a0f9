import type { EngramError } from '../errors/engram-error.js';
import type { ChangeFeed } from './change-feed.js';
import type { CompactionStore } from './compaction-store.js';
import type { ConversationExtractionStore } from './conversation-extraction-store.js';
import type { ConversationStore } from './conversation-store.js';
import type { ErasureStore } from './erasure-store.js';
import type { InstanceArchiveStore } from './instance-archive-store.js';
import type { InstanceConfigStore } from './instance-config-store.js';
import type { InstanceSettingsStore } from './instance-settings-store.js';
import type { JobStore } from './job-store.js';
import type { MemoryAdminStore } from './memory-admin-store.js';
import type { GraphStore, MemoryStore, TextIndex, VectorIndex } from './memory-store.js';
import type { OperatorConsoleStore } from './operator-console-store.js';
import type { TenancyStore } from './tenancy-store.js';
import type { WebhookStore } from './webhook-store.js';

/** What an adapter can do, declared as data so core can choose strategies. */
export interface StoreCapabilities {
  /** Engine name, for logs and /health. */
  engine: 'sqlite' | 'postgres';
  /** How nearest-neighbour search runs. */
  vector: 'sqlite-vec' | 'pgvector' | 'scan';
  /** How full-text search runs. */
  text: 'fts5' | 'tsvector';
  /**
   * Whether a second store opened from the same configuration, in another
   * thread, sees every write this one commits (a SQLite file in WAL mode, a
   * database server). Retrieval threads each open such a reader; absent or
   * false, the server ranks on the main thread whatever `retrievalThreads` says.
   */
  sharedReaders?: boolean;
}

/**
 * The storage port, split by domain. Adapters (SQLite, PostgreSQL) implement
 * every part; core never sees SQL.
 */
export interface EngramStore {
  readonly capabilities: StoreCapabilities;
  readonly tenancy: TenancyStore;
  readonly conversations: ConversationStore;
  /** How far background extraction has read each conversation. */
  readonly conversationExtractions: ConversationExtractionStore;
  readonly memories: MemoryStore;
  readonly vectors: VectorIndex;
  readonly text: TextIndex;
  readonly graph: GraphStore;
  readonly jobs: JobStore;
  readonly compactions: CompactionStore;
  /** Erasure across every table (and the files) of memories, documents, users and customers. */
  readonly erasure: ErasureStore;
  /** Per-instance setting overrides (stored with the instance). */
  readonly instanceSettings: InstanceSettingsStore;
  /** Versioned per-instance configuration documents. */
  readonly instanceConfigs: InstanceConfigStore;
  /** Operator listing, history and retention reads over memories. */
  readonly memoryAdmin: MemoryAdminStore;
  /** Bulk export and atomic import of an instance. */
  readonly archive: InstanceArchiveStore;
  /** Webhook endpoints and the delivery outbox. */
  readonly webhooks: WebhookStore;
  /** Counts, owners, job listings and graphs for the operator console. */
  readonly operatorConsole: OperatorConsoleStore;
  /**
   * Changes committed by any process, for dropping per-process caches; only
   * stores that several hosts share have one (PostgreSQL). Without it, a
   * process sees only its own writes at once.
   */
  readonly changes?: ChangeFeed;
  /**
   * The store's own driver error that means "retry later" (a lock another
   * connection holds, a lost connection) as STORE_UNAVAILABLE (503,
   * retryable); undefined for anything else. Lets callers that catch raw
   * errors (the job pool, the HTTP error handler) retry or answer 503
   * instead of failing for good with a 500.
   */
  transientError?(error: unknown): EngramError | undefined;
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
