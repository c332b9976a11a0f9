import type { SqliteMigration } from './migration.js';

/**
 * Webhook endpoints and the delivery outbox. A delivery row is both the
 * queue entry and its log: pending rows are found by due time through a
 * partial index, so delivered history never slows the claim.
 */
export const webhooks: SqliteMigration = {
  version: 15,
  name: 'webhooks',
  sql: `
    CREATE TABLE webhook_endpoints (
      endpoint_id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      secret TEXT NOT NULL,
      description TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX webhook_endpoints_by_instance ON webhook_endpoints (instance_id, created_at);

    CREATE TABLE webhook_deliveries (
      delivery_id TEXT PRIMARY KEY,
      endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (endpoint_id) ON DELETE CASCADE,
      instance_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      last_status_code INTEGER,
      created_at TEXT NOT NULL,
      delivered_at TEXT,
      UNIQUE (endpoint_id, event_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_by_instance ON webhook_deliveries (instance_id, created_at);
  `,
};
