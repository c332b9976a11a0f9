import type { SqliteMigration } from './migration.js';

/**
 * One row per erased document: when, so that an ingestion queued before the
 * erasure cannot write the document back (docs/decisions/0026). The row
 * holds ids only, never text.
 */
export const documentTombstones: SqliteMigration = {
  version: 11,
  name: 'document-tombstones',
  sql: `
    CREATE TABLE document_tombstones (
      instance_id TEXT NOT NULL,
      document_id TEXT NOT NULL,
      erased_at TEXT NOT NULL,
      PRIMARY KEY (instance_id, document_id)
    ) WITHOUT ROWID;
  `,
};
