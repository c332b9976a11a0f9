import type { SqliteMigration } from './migration.js';

/**
 * The instance configuration version in force when ingestion produced each
 * memory. Null for memories written before it was recorded.
 */
export const memoryConfigVersion: SqliteMigration = {
  version: 17,
  name: 'memory-config-version',
  sql: `
    ALTER TABLE memories ADD COLUMN config_version INTEGER;
  `,
};
