import type { SqliteMigration } from './migration.js';

/**
 * How far background extraction has read each conversation's recorded turns.
 * A row per conversation that has been extracted at least once; a missing row
 * means nothing was extracted yet. Kept apart from `conversations` so the
 * hottest write path (record_message) never rewrites it.
 */
export const conversationExtractionCursors: SqliteMigration = {
  version: 16,
  name: 'conversation-extraction-cursors',
  sql: `
    CREATE TABLE conversation_extractions (
      instance_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      extracted_through INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (instance_id, conversation_id)
    ) WITHOUT ROWID;
  `,
};
