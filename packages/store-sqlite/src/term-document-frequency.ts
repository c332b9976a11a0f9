import type { SqliteHandle } from './sqlite-database.js';

/** Options of {@link TermDocumentFrequency}. */
export interface TermDocumentFrequencyOptions {
  /** How long a count is trusted (default 10 minutes): counts only steer which terms are searched. */
  maxAgeMs?: number;
  /** Most terms remembered (default 20,000); the least recently used go first. */
  maxTerms?: number;
  /** Milliseconds since some epoch; injectable for tests. */
  now?: () => number;
  /**
   * The FTS5 column filter counted (default `body`: the memories' own text;
   * `{body context}` counts what bm25() counts for a term of a search).
   */
  columns?: string;
}

/**
 * A remembered count stays in use while the table has grown or shrunk by at
 * most this share of its rows since the count, so small, young tables are
 * counted afresh (cheap: the cost is one step per posting) and large ones
 * are not (a few more rows barely move a count of thousands).
 */
const TABLE_DRIFT = 0.01;

/**
 * How many full-text rows of the whole table (every tenant) match a phrase:
 * the document frequency FTS5's bm25() counts for that phrase on every search
 * that uses it, one posting at a time. Counted once here and remembered for a
 * while, so a search can leave out the phrases that would cost most. The
 * count is not tenant data: it is the same number bm25() already folds into
 * every tenant's scores.
 */
export class TermDocumentFrequency {
  private readonly countStatement;
  private readonly maxAgeMs: number;
  private readonly maxTerms: number;
  private readonly now: () => number;
  /** Insertion order is recency order. */
  private readonly counts = new Map<string, { rows: number; countedAt: number; tableRows: number }>();
  private readonly columns: string;

  constructor(database: SqliteHandle, options: TermDocumentFrequencyOptions = {}) {
    this.countStatement = database
      .prepare('SELECT count(*) FROM memory_text WHERE memory_text MATCH ?')
      .pluck();
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.maxTerms = options.maxTerms ?? 20_000;
    this.now = options.now ?? Date.now;
    this.columns = options.columns ?? 'body';
  }

  /**
   * Rows whose counted columns match `quotedPhrase` (an FTS5 string literal,
   * as full-text-query.ts builds them). Pass the table's current row count as
   * `tableRows` to have the count renewed once the table has changed by more
   * than 1 % since it was taken.
   */
  rowsMatching(quotedPhrase: string, tableRows = 0): number {
    const now = this.now();
    const known = this.counts.get(quotedPhrase);
    if (known !== undefined) {
      this.counts.delete(quotedPhrase);
      const fresh = now - known.countedAt <= this.maxAgeMs;
      if (fresh && Math.abs(tableRows - known.tableRows) <= known.tableRows * TABLE_DRIFT) {
        this.counts.set(quotedPhrase, known);
        return known.rows;
      }
    }
    // The memories' own text only: context repeats every line as its
    // neighbours' context, which would triple a term's count and change which
    // term a search of common words keeps (a name in every memory of a large
    // scope instead of a rarer word, several times slower: docs/decisions/0044).
    const rows = this.countStatement.get(`${this.columns} : ${quotedPhrase}`) as number;
    if (this.counts.size >= this.maxTerms) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    this.counts.set(quotedPhrase, { rows, countedAt: now, tableRows });
    return rows;
  }
}
