import type { SqliteMigration } from './migration.js';

/**
 * Adds a `context` column to the full-text index: the lines around a
 * memory's evidence in its document, ranked with a lower weight than the
 * memory's own text (docs/decisions/0012). FTS5 cannot add a column, so the
 * table is rebuilt; being contentless it cannot be read back, so existing
 * rows are re-indexed from `memories` (content and evidence lines) with an
 * empty context. `engram_scope_token` is the connection's SQL function for
 * the scope token (see openSqliteDatabase).
 */
export const memoryTextContext: SqliteMigration = {
  version: 8,
  name: 'memory-text-context',
  sql: `
    DROP TABLE memory_text;
    CREATE VIRTUAL TABLE memory_text USING fts5 (
      scope_token,
      body,
      context,
      tokenize = 'porter unicode61 remove_diacritics 2',
      content = '',
      contentless_delete = 1
    );
    INSERT INTO memory_text (rowid, scope_token, body, context)
      SELECT memory_rowid, engram_scope_token(scope_key),
             content || char(10) || coalesce((SELECT group_concat(value, char(10)) FROM json_each(source_evidence)), ''),
             ''
      FROM memories;
  `,
};
