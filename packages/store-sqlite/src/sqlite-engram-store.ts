import { type EngramError, type EngramStore, isEngramError, type StoreCapabilities } from '@engram/core';
import { SQLITE_MIGRATIONS } from './migrations/index.js';
import { SqliteCompactionStore } from './sqlite-compaction-store.js';
import { SqliteConversationExtractionStore } from './sqlite-conversation-extraction-store.js';
import { SqliteConversationStore } from './sqlite-conversation-store.js';
import { applyMigrations, openSqliteDatabase, type SqliteHandle } from './sqlite-database.js';
import { SqliteErasureStore } from './sqlite-erasure-store.js';
import { SqliteGraphStore } from './sqlite-graph-store.js';
import { SqliteInstanceArchiveStore } from './sqlite-instance-archive-store.js';
import { SqliteInstanceConfigStore } from './sqlite-instance-config-store.js';
import { SqliteInstanceSettingsStore } from './sqlite-instance-settings-store.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { SqliteMemoryAdminStore } from './sqlite-memory-admin-store.js';
import { SqliteMemoryStore } from './sqlite-memory-store.js';
import { SqliteOperatorConsoleStore } from './sqlite-operator-console-store.js';
import { SqliteTenancyStore } from './sqlite-tenancy-store.js';
import { SqliteTextIndex } from './sqlite-text-index.js';
import { SqliteVectorIndex } from './sqlite-vector-index.js';
import { SqliteWebhookStore } from './sqlite-webhook-store.js';
import { storageError } from './storage-error.js';
import { WalCheckpointer, type WalCheckpointOptions } from './wal-checkpointer.js';

/** Options of {@link SqliteEngramStore.open}. */
export interface SqliteEngramStoreOptions {
  /** Most bytes of the in-process vector copy (see ScopeVectorCache; default 256 MiB); 0 disables it. */
  vectorCacheBytes?: number;
  /**
   * Checkpoint the WAL from a worker thread instead of inside commits (see
   * {@link WalCheckpointer}); for a long-running writer (the server). Off by
   * default: a short-lived process (a CLI command, a test) keeps SQLite's
   * automatic checkpoints.
   */
  backgroundCheckpoints?: boolean | WalCheckpointOptions;
}

/** The embedded default store: one SQLite file holds every instance's data. */
export class SqliteEngramStore implements EngramStore {
  /** WAL mode: a second connection to the file, in another thread, reads every committed write. */
  readonly capabilities: StoreCapabilities = {
    engine: 'sqlite',
    vector: 'sqlite-vec',
    text: 'fts5',
    sharedReaders: true,
  };
  readonly tenancy: SqliteTenancyStore;
  readonly conversations: SqliteConversationStore;
  readonly conversationExtractions: SqliteConversationExtractionStore;
  readonly memories: SqliteMemoryStore;
  readonly vectors: SqliteVectorIndex;
  readonly text: SqliteTextIndex;
  readonly graph: SqliteGraphStore;
  readonly jobs: SqliteJobStore;
  readonly compactions: SqliteCompactionStore;
  readonly instanceSettings: SqliteInstanceSettingsStore;
  readonly erasure: SqliteErasureStore;
  readonly instanceConfigs: SqliteInstanceConfigStore;
  readonly webhooks: SqliteWebhookStore;
  readonly memoryAdmin: SqliteMemoryAdminStore;
  readonly archive: SqliteInstanceArchiveStore;
  readonly operatorConsole: SqliteOperatorConsoleStore;
  /** The background checkpointer, when {@link SqliteEngramStoreOptions.backgroundCheckpoints} started one. */
  readonly checkpointer: WalCheckpointer | undefined;

  private constructor(
    readonly database: SqliteHandle,
    options: SqliteEngramStoreOptions = {},
    path?: string,
  ) {
    this.tenancy = new SqliteTenancyStore(database);
    this.conversations = new SqliteConversationStore(database);
    this.conversationExtractions = new SqliteConversationExtractionStore(database);
    const cacheBytes = options.vectorCacheBytes;
    this.vectors = new SqliteVectorIndex(database, {
      cache: cacheBytes === 0 ? false : { ...(cacheBytes !== undefined && { maxBytes: cacheBytes }) },
    });
    this.text = new SqliteTextIndex(database);
    this.graph = new SqliteGraphStore(database);
    this.memories = new SqliteMemoryStore(database, (memoryIds) => this.graph.entitiesOfMemories(memoryIds));
    this.jobs = new SqliteJobStore(database);
    this.compactions = new SqliteCompactionStore(database);
    this.instanceSettings = new SqliteInstanceSettingsStore(database);
    this.erasure = new SqliteErasureStore(database);
    this.instanceConfigs = new SqliteInstanceConfigStore(database);
    this.webhooks = new SqliteWebhookStore(database);
    this.memoryAdmin = new SqliteMemoryAdminStore(database);
    this.archive = new SqliteInstanceArchiveStore(database);
    this.operatorConsole = new SqliteOperatorConsoleStore(database);
    const checkpoints = options.backgroundCheckpoints;
    this.checkpointer =
      checkpoints && path !== undefined && path !== ':memory:'
        ? WalCheckpointer.start(database, path, checkpoints === true ? {} : checkpoints)
        : undefined;
  }

  /**
   * Opens the file at `path` and brings its schema up to date. Statements are
   * prepared against the migrated schema, so migration happens here, before
   * the domain stores exist.
   */
  static open(path: string, options: SqliteEngramStoreOptions = {}): SqliteEngramStore {
    const database = openSqliteDatabase(path);
    applyMigrations(database, SQLITE_MIGRATIONS);
    return new SqliteEngramStore(database, options, path);
  }

  /** SQLITE_BUSY, SQLITE_LOCKED, a full disk or an I/O error as STORE_UNAVAILABLE; see {@link storageError}. */
  transientError(error: unknown): EngramError | undefined {
    if (isEngramError(error)) return undefined;
    const mapped = storageError(error, 'conflict');
    return mapped.code === 'STORE_UNAVAILABLE' ? mapped : undefined;
  }

  async migrate(): Promise<void> {
    applyMigrations(this.database, SQLITE_MIGRATIONS);
  }

  /** Stops the checkpointer first; closing the writer then checkpoints what is left. */
  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.database.open) this.database.close();
  }
}
