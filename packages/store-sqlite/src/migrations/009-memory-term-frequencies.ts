import type { SqliteMigration } from './migration.js';

/**
 * Stores each memory's stem counts per full-text column and its token count
 * over all columns (what FTS5 keeps in memory_text_docsize, read there at
 * about a microsecond a row), so a search can compute BM25 in JavaScript over
 * the tenant's matches with remembered document frequencies, instead of
 * FTS5's bm25(), which counts every posting of every query term across all
 * tenants on each search (docs/decisions/0016). Written beside `memory_text`
 * from now on. Rows indexed before this migration have none (the index is
 * contentless, so their context cannot be read back); a search that meets one
 * ranks with bm25() as before.
 */
export const memoryTermFrequencies: SqliteMigration = {
  version: 9,
  name: 'memory-term-frequencies',
  sql: `
    CREATE TABLE memory_term_frequencies (
      memory_rowid INTEGER PRIMARY KEY,
      tokens INTEGER NOT NULL,
      body TEXT NOT NULL,
      context TEXT NOT NULL
    );
  `,
};
