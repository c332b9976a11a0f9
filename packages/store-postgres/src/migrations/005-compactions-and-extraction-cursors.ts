import type { PostgresMigration } from './postgres-migration.js';

/**
 * Numbered compaction versions per conversation (the result is the engine's
 * CompactionResult as JSON text, read whole; only the cutoff is compared in
 * SQL), and how far background extraction has read each conversation's
 * turns (a row once a conversation was extracted; none means 0). The cursor
 * is its own table so that record_message, the hottest write, never
 * rewrites it.
 */
export const compactionsAndExtractionCursors: PostgresMigration = {
  version: 5,
  name: 'compactions-and-extraction-cursors',
  sql: `
    CREATE TABLE compactions (
      compaction_id TEXT COLLATE "C" PRIMARY KEY,
      instance_id TEXT COLLATE "C" NOT NULL,
      conversation_id TEXT COLLATE "C" NOT NULL,
      version INTEGER NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('manual_api', 'threshold', 'scheduled', 'transcript')),
      result TEXT NOT NULL,
      cutoff_sequence INTEGER NOT NULL,
      created_at TEXT COLLATE "C" NOT NULL,
      UNIQUE (instance_id, conversation_id, version)
    );
    -- Scheduled compaction walks idle conversations oldest first.
    CREATE INDEX conversations_by_last_message ON conversations (last_message_at, instance_id, conversation_id);

    CREATE TABLE conversation_extractions (
      instance_id TEXT COLLATE "C" NOT NULL,
      conversation_id TEXT COLLATE "C" NOT NULL,
      extracted_through INTEGER NOT NULL,
      updated_at TEXT COLLATE "C" NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    );
  `,
};
