import type { SqliteMigration } from './migration.js';

/**
 * De-duplication keys: ingestion finds a candidate's stored twins with one
 * indexed lookup instead of a similarity scan over the whole scope.
 */
export const memoryDedupKeys: SqliteMigration = {
  version: 5,
  name: 'memory-dedup-keys',
  sql: `
    ALTER TABLE memories ADD COLUMN dedup_key TEXT;
    CREATE INDEX memories_by_dedup_key ON memories(scope_key, dedup_key)
      WHERE superseded_by IS NULL AND dedup_key IS NOT NULL;
  `,
};
