import type { PostgresMigration } from './postgres-migration.js';

/**
 * The platform stores (decision 0042): per-instance settings (a JSON text
 * column on `instances`, as on SQLite), versioned configuration documents,
 * webhook endpoints with the delivery outbox, and the configuration version
 * each memory was written under.
 *
 * - `instance_config_versions`: append-only; the primary key makes two
 *   writers racing for the same number fail instead of both succeeding.
 * - `webhook_deliveries` is the queue and its log; pending rows are found by
 *   due time through a partial index, so delivered history never slows the
 *   claim. Unique on (endpoint, event id): writing an event twice queues it once.
 * - `memories_by_superseded_by` serves the supersession chain of the memory
 *   admin reads (one index probe per link instead of an instance scan).
 */
export const platformStores: PostgresMigration = {
  version: 10,
  name: 'platform-stores',
  sql: `
    ALTER TABLE instances ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE memories ADD COLUMN config_version INTEGER;
    CREATE INDEX memories_by_superseded_by ON memories (instance_id, superseded_by)
      WHERE superseded_by IS NOT NULL;

    CREATE TABLE instance_config_versions (
      instance_id TEXT COLLATE "C" NOT NULL,
      version INTEGER NOT NULL,
      document TEXT NOT NULL,
      author TEXT NOT NULL,
      diff TEXT NOT NULL,
      rolled_back_to INTEGER,
      created_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, version)
    );

    CREATE TABLE webhook_endpoints (
      endpoint_id TEXT COLLATE "C" PRIMARY KEY,
      instance_id TEXT COLLATE "C" NOT NULL,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      secret TEXT NOT NULL,
      description TEXT NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX webhook_endpoints_by_instance ON webhook_endpoints (instance_id, created_at);

    CREATE TABLE webhook_deliveries (
      delivery_id TEXT COLLATE "C" PRIMARY KEY,
      endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
      instance_id TEXT COLLATE "C" NOT NULL,
      event_id TEXT COLLATE "C" NOT NULL,
      event_type TEXT NOT NULL,
      body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT COLLATE "C" NOT NULL,
      last_error TEXT,
      last_status_code INTEGER,
      created_at TEXT COLLATE "C" NOT NULL,
      delivered_at TEXT COLLATE "C",
      UNIQUE (endpoint_id, event_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, delivery_id)
      WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_by_instance ON webhook_deliveries (instance_id, created_at);
    CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id);
  `,
};
