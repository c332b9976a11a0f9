import type { PostgresMigration } from './postgres-migration.js';

/**
 * The indexed text itself beside its stems, so a search term the tokenizer
 * splits into several words ("hadn't" → `hadn t`) is matched and counted as
 * a phrase, exactly as FTS5 does on SQLite (the stems alone carry no
 * positions). Read only for such terms, and only for the rows holding all
 * their words. Rows written before this migration hold '' and so never
 * match a phrase; re-indexing rewrites them.
 */
export const memoryTextPhrases: PostgresMigration = {
  version: 3,
  name: 'memory-text-phrases',
  sql: `
    ALTER TABLE memory_text ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
    ALTER TABLE memory_text ADD COLUMN context_text TEXT NOT NULL DEFAULT '';
  `,
};
