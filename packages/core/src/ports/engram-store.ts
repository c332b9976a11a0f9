import type { ConversationStore } from './conversation-store.js';
import type { TenancyStore } from './tenancy-store.js';

/** What an adapter can do, declared as data so core can choose strategies. */
export interface StoreCapabilities {
  /** Engine name, for logs and /health. */
  engine: 'sqlite' | 'postgres';
  /** How nearest-neighbour search runs. */
  vector: 'sqlite-vec' | 'pgvector' | 'scan';
  /** How full-text search runs. */
  text: 'fts5' | 'tsvector';
}

/**
 * The storage port, split by domain. Adapters (SQLite, PostgreSQL) implement
 * every part; core never sees SQL. Later domains (memories, entities, jobs)
 * join as further members.
 */
export interface EngramStore {
  readonly capabilities: StoreCapabilities;
  readonly tenancy: TenancyStore;
  readonly conversations: ConversationStore;
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}
