import type { IndexHit, TextIndex } from '@engram/core';
import { matchExpressionOf, quotedTerms } from './full-text-query.js';
import type { SqliteHandle } from './sqlite-database.js';
import { TermDocumentFrequency, type TermDocumentFrequencyOptions } from './term-document-frequency.js';

/** Options of {@link SqliteTextIndex}. */
export interface SqliteTextIndexOptions {
  /**
   * A term matching more rows than this in the whole table (all tenants) is
   * left out of a search that has a term matching fewer (default 10,000;
   * `Infinity` keeps every term); when every term matches more, the rarest
   * one alone is searched. bm25() counts every row of every term on each
   * search, about 30 ns a row: at a million memories a common word costs a
   * millisecond or more while its weight (IDF) is among the query's lowest.
   * A store with fewer rows than this ranks exactly as without the limit.
   */
  maxTermRows?: number;
  /** How long term counts are remembered. */
  termCounts?: TermDocumentFrequencyOptions;
  /**
   * BM25 weight of the context field (the lines around a memory's evidence)
   * against 1 for the memory's own text; 0 ignores context for ranking but
   * still matches on it. Default {@link DEFAULT_CONTEXT_WEIGHT}.
   */
  contextWeight?: number;
}

/** See {@link SqliteTextIndexOptions.contextWeight}; measured in docs/decisions/0012. */
export const DEFAULT_CONTEXT_WEIGHT = 0.75;

/**
 * {@link TextIndex} on SQLite FTS5. The scope is part of the match
 * expression itself (a token per scope key in its own column), so FTS5 only
 * walks the tenant's postings; the join back to `memories` re-checks the
 * scope as a second line of defence.
 */
export class SqliteTextIndex implements TextIndex {
  private readonly searchStatement;
  private readonly termRows: TermDocumentFrequency;
  private readonly maxTermRows: number;

  constructor(database: SqliteHandle, options: SqliteTextIndexOptions = {}) {
    // CROSS JOIN fixes the order: full-text match first, then the rowid lookup.
    // Weight 0 for the scope column: the scope token must not affect ranking.
    const contextWeight = options.contextWeight ?? DEFAULT_CONTEXT_WEIGHT;
    if (!(Number.isFinite(contextWeight) && contextWeight >= 0)) {
      throw new RangeError('contextWeight must be a finite number ≥ 0');
    }
    this.searchStatement = database.prepare(`
      SELECT memories.memory_id AS memory_id, bm25(memory_text, 0.0, 1.0, ${contextWeight}) AS rank
      FROM memory_text CROSS JOIN memories ON memories.memory_rowid = memory_text.rowid
      WHERE memory_text MATCH @match AND memories.scope_key IN (SELECT value FROM json_each(@scopeKeys))
      ORDER BY rank
      LIMIT @limit`);
    this.termRows = new TermDocumentFrequency(database, options.termCounts);
    this.maxTermRows = options.maxTermRows ?? 10_000;
  }

  /**
   * Memories matching any term, best first; score = -BM25 (higher is better).
   * Each term is matched as a literal phrase after the index's tokenizer
   * (porter stemming, case and diacritics folded), so operators and quotes
   * in user text are just words. Terms that tokenize to nothing match nothing.
   * Terms common to more than `maxTermRows` rows of the whole table are left
   * out when a rarer term remains (see {@link SqliteTextIndexOptions}).
   */
  async search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]> {
    if (limit <= 0) return [];
    const match = matchExpressionOf(scopeKeys, this.affordableTerms(quotedTerms(terms)));
    if (match === undefined) return [];
    const rows = this.searchStatement.all({ match, scopeKeys: JSON.stringify(scopeKeys), limit }) as {
      memory_id: string;
      rank: number;
    }[];
    return rows.map((row) => ({ memoryId: row.memory_id, score: -row.rank }));
  }

  /** The terms at or under the row threshold, or the rarest term alone when none is; order kept. */
  private affordableTerms(quoted: readonly string[]): readonly string[] {
    if (!Number.isFinite(this.maxTermRows) || quoted.length === 0) return quoted;
    const rows = quoted.map((term) => this.termRows.rowsMatching(term));
    const kept = quoted.filter((_, index) => (rows[index] as number) <= this.maxTermRows);
    if (kept.length > 0) return kept;
    const rarest = rows.indexOf(Math.min(...rows));
    return [quoted[rarest] as string];
  }
}
