import type { SqliteMigration } from './migration.js';

/**
 * Versioned per-instance configuration documents (MACA): append-only, one
 * row per version; the active one is the highest. The primary key makes two
 * writers racing for the same number fail instead of both succeeding.
 */
export const instanceConfigVersions: SqliteMigration = {
  version: 14,
  name: 'instance-config-versions',
  sql: `
    CREATE TABLE instance_config_versions (
      instance_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      document TEXT NOT NULL,
      author TEXT NOT NULL,
      diff TEXT NOT NULL,
      rolled_back_to INTEGER,
      created_at TEXT NOT NULL,
      PRIMARY KEY (instance_id, version)
    ) WITHOUT ROWID;
  `,
};
