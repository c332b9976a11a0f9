import type { SqliteMigration } from './migration.js';

/**
 * Processes that run workers, with what proves one gone after a crash (host,
 * pid, process start), so its jobs are retried at once instead of after their
 * leases (docs/decisions/0027).
 */
export const workerNodes: SqliteMigration = {
  version: 12,
  name: 'worker-nodes',
  sql: `
    CREATE TABLE worker_nodes (
      node_id TEXT PRIMARY KEY,
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      process_start TEXT NOT NULL,
      heartbeat_at TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
