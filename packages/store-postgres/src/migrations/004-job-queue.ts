import type { PostgresMigration } from './postgres-migration.js';

/**
 * The durable job queue and the worker nodes that run it (docs/decisions/0040).
 * Times are ISO-8601 text in `COLLATE "C"`, compared as text exactly as on
 * SQLite. `queued_at` is a job's place in its serial key's order; `retry_at`
 * the end of a released job's back-off, kept apart so a retry never moves a
 * job behind later ones of its key. Payload and result are JSON text, read
 * whole (as on SQLite: no key reordering, no NUL restriction of jsonb).
 */
export const jobQueue: PostgresMigration = {
  version: 4,
  name: 'job-queue',
  sql: `
    CREATE TABLE jobs (
      job_id TEXT COLLATE "C" PRIMARY KEY,
      instance_id TEXT COLLATE "C" NOT NULL,
      kind TEXT COLLATE "C" NOT NULL,
      serial_key TEXT COLLATE "C" NOT NULL,
      status TEXT COLLATE "C" NOT NULL
        CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'partial_success')),
      payload TEXT NOT NULL,
      result TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      error_message TEXT,
      worker_id TEXT COLLATE "C",
      lease_until TEXT COLLATE "C",
      retry_at TEXT COLLATE "C",
      queued_at TEXT COLLATE "C" NOT NULL,
      started_at TEXT COLLATE "C",
      completed_at TEXT COLLATE "C"
    );
    -- Partial indexes: finished jobs pile up, but claiming only ever looks at pending ones.
    CREATE INDEX jobs_pending_by_queued_at ON jobs (queued_at, job_id)
      WHERE status IN ('queued', 'processing');
    CREATE INDEX jobs_pending_by_serial_key ON jobs (serial_key, queued_at, job_id)
      WHERE status IN ('queued', 'processing');
    CREATE INDEX jobs_by_serial_key ON jobs (instance_id, kind, serial_key, queued_at);

    CREATE TABLE worker_nodes (
      node_id TEXT COLLATE "C" PRIMARY KEY,
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      process_start TEXT NOT NULL,
      heartbeat_at TEXT COLLATE "C" NOT NULL
    );
  `,
};
