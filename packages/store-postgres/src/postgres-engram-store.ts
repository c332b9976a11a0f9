import type {
  CompactionStore,
  ConversationExtractionStore,
  ConversationStore,
  EngramStore,
  ErasureStore,
  GraphStore,
  InstanceArchiveStore,
  InstanceConfigStore,
  InstanceSettingsStore,
  JobStore,
  MemoryAdminStore,
  MemoryStore,
  OperatorConsoleStore,
  StoreCapabilities,
  TenancyStore,
  TextIndex,
  VectorIndex,
  WebhookStore,
} from '@engram/core';
import { type EngramError, isEngramError } from '@engram/core';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { PostgresCompactionStore } from './postgres-compaction-store.js';
import { PostgresConversationExtractionStore } from './postgres-conversation-extraction-store.js';
import { PostgresConversationStore } from './postgres-conversation-store.js';
import { PostgresErasureStore } from './postgres-erasure-store.js';
import { postgresError } from './postgres-error.js';
import { PostgresGraphStore } from './postgres-graph-store.js';
import { PostgresInstanceArchiveStore } from './postgres-instance-archive-store.js';
import { PostgresInstanceConfigStore } from './postgres-instance-config-store.js';
import { PostgresInstanceSettingsStore } from './postgres-instance-settings-store.js';
import { PostgresJobStore } from './postgres-job-store.js';
import { PostgresMemoryAdminStore } from './postgres-memory-admin-store.js';
import { PostgresMemoryStore } from './postgres-memory-store.js';
import { applyPostgresMigrations } from './postgres-migrator.js';
import { PostgresOperatorConsoleStore } from './postgres-operator-console-store.js';
import { openPostgresPool, type PostgresDatabase, type PostgresPoolOptions } from './postgres-pool.js';
import { PostgresTenancyStore } from './postgres-tenancy-store.js';
import { PostgresTextIndex } from './postgres-text-index.js';
import { PostgresVectorIndex } from './postgres-vector-index.js';
import { PostgresWebhookStore } from './postgres-webhook-store.js';
import { StatementBatch } from './statement-batch.js';

/** Options of {@link PostgresEngramStore.open}. */
export interface PostgresEngramStoreOptions {
  /** Pool limits and timeouts. */
  pool?: PostgresPoolOptions;
  /** Most bytes of the in-process vector copy (default 256 MiB); 0 disables it. */
  vectorCacheBytes?: number;
}

/**
 * The scale-out store: every instance's data in one PostgreSQL database
 * (15 or later), shared by any number of API nodes and workers. Nothing is
 * kept per process that another node could make stale without this process
 * noticing (see docs/decisions/0040).
 */
export class PostgresEngramStore implements EngramStore {
  readonly capabilities: StoreCapabilities = { engine: 'postgres', vector: 'scan', text: 'tsvector' };
  readonly tenancy: TenancyStore;
  readonly conversations: ConversationStore;
  readonly memories: MemoryStore;
  readonly vectors: VectorIndex;
  readonly text: TextIndex;
  readonly graph: GraphStore;
  readonly jobs: JobStore;
  readonly compactions: CompactionStore;
  readonly erasure: ErasureStore;
  readonly instanceSettings: InstanceSettingsStore;
  readonly instanceConfigs: InstanceConfigStore;
  readonly memoryAdmin: MemoryAdminStore;
  readonly archive: InstanceArchiveStore;
  readonly webhooks: WebhookStore;
  readonly conversationExtractions: ConversationExtractionStore;
  readonly operatorConsole: OperatorConsoleStore;
  /** LISTEN/NOTIFY on its own connection, opened by the first subscriber (a serving node). */
  readonly changes: PostgresChangeFeed;

  private constructor(
    readonly database: PostgresDatabase,
    url: string,
    options: PostgresEngramStoreOptions,
  ) {
    this.changes = new PostgresChangeFeed(url);
    this.tenancy = new PostgresTenancyStore(database);
    this.conversations = new PostgresConversationStore(database);
    // One batch for the reads a fetch issues back to back through three ports
    // (decisions 0061, 0062): vector version, entity lookup, candidate versions.
    const batch = new StatementBatch(database);
    this.memories = new PostgresMemoryStore(database, batch);
    const cacheBytes = options.vectorCacheBytes;
    this.vectors = new PostgresVectorIndex(
      database,
      { cache: cacheBytes === 0 ? false : { ...(cacheBytes !== undefined && { maxBytes: cacheBytes }) } },
      batch,
    );
    this.text = new PostgresTextIndex(database);
    this.graph = new PostgresGraphStore(database, batch);
    this.jobs = new PostgresJobStore(database);
    this.compactions = new PostgresCompactionStore(database);
    this.conversationExtractions = new PostgresConversationExtractionStore(database);
    this.erasure = new PostgresErasureStore(database);
    this.instanceSettings = new PostgresInstanceSettingsStore(database);
    this.instanceConfigs = new PostgresInstanceConfigStore(database);
    this.memoryAdmin = new PostgresMemoryAdminStore(database);
    this.archive = new PostgresInstanceArchiveStore(database);
    this.webhooks = new PostgresWebhookStore(database);
    this.operatorConsole = new PostgresOperatorConsoleStore(database);
  }

  /**
   * Connects to `url` (`postgres://…`) and brings the schema up to date
   * (under an advisory lock: safe when several nodes start at once).
   * Fails with STORE_UNAVAILABLE when the database cannot be reached.
   */
  static async open(url: string, options: PostgresEngramStoreOptions = {}): Promise<PostgresEngramStore> {
    const database = openPostgresPool(url, options.pool);
    try {
      await applyPostgresMigrations(database, POSTGRES_MIGRATIONS);
    } catch (error) {
      await database.close();
      throw error;
    }
    return new PostgresEngramStore(database, url, options);
  }

  /** A lost or refused connection, a shutdown, exhausted resources or a serialization failure as STORE_UNAVAILABLE; see {@link postgresError}. */
  transientError(error: unknown): EngramError | undefined {
    if (isEngramError(error)) return undefined;
    const mapped = postgresError(error, 'conflict');
    return mapped.code === 'STORE_UNAVAILABLE' ? mapped : undefined;
  }

  async migrate(): Promise<void> {
    await applyPostgresMigrations(this.database, POSTGRES_MIGRATIONS);
  }

  async close(): Promise<void> {
    await this.changes.close();
    await this.database.close();
  }
}
