import type { SqliteMigration } from './migration.js';

/**
 * Numbered compaction versions per conversation, per-instance settings
 * (compaction threshold), and transcript pushes for E13 idempotency.
 */
export const compactionsAndInstanceSettings: SqliteMigration = {
  version: 3,
  name: 'compactions-and-instance-settings',
  sql: `
    -- The result is one JSON document (the engine's CompactionResult): it is
    -- always read whole, and only the cutoff is ever compared in SQL.
    CREATE TABLE compactions (
      compaction_id TEXT PRIMARY KEY,
      instance_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('manual_api', 'threshold', 'scheduled', 'transcript')),
      result TEXT NOT NULL,
      cutoff_sequence INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (instance_id, conversation_id, version)
    );

    ALTER TABLE instances ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE transcripts (
      instance_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      transcript_hash TEXT NOT NULL,
      ingestion_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    ) WITHOUT ROWID;
  `,
};
