import type { IndexHit, TextIndex } from '@engram/core';
import { fullTextMatchExpression } from './full-text-query.js';
import type { SqliteHandle } from './sqlite-database.js';

/**
 * {@link TextIndex} on SQLite FTS5. The scope is part of the match
 * expression itself (a token per scope key in its own column), so FTS5 only
 * walks the tenant's postings; the join back to `memories` re-checks the
 * scope as a second line of defence.
 */
export class SqliteTextIndex implements TextIndex {
  private readonly searchStatement;

  constructor(database: SqliteHandle) {
    // CROSS JOIN fixes the order: full-text match first, then the rowid lookup.
    // Weight 0 for the scope column: the scope token must not affect ranking.
    this.searchStatement = database.prepare(`
      SELECT memories.memory_id AS memory_id, bm25(memory_text, 0.0, 1.0) AS rank
      FROM memory_text CROSS JOIN memories ON memories.memory_rowid = memory_text.rowid
      WHERE memory_text MATCH @match AND memories.scope_key IN (SELECT value FROM json_each(@scopeKeys))
      ORDER BY rank
      LIMIT @limit`);
  }

  /**
   * Memories matching any term, best first; score = -BM25 (higher is better).
   * Each term is matched as a literal phrase after the index's tokenizer
   * (porter stemming, case and diacritics folded), so operators and quotes
   * in user text are just words. Terms that tokenize to nothing match nothing.
   */
  async search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]> {
    const match = fullTextMatchExpression(scopeKeys, terms);
    if (match === undefined || limit <= 0) return [];
    const rows = this.searchStatement.all({ match, scopeKeys: JSON.stringify(scopeKeys), limit }) as {
      memory_id: string;
      rank: number;
    }[];
    return rows.map((row) => ({ memoryId: row.memory_id, score: -row.rank }));
  }
}
