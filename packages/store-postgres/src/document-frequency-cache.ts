import type { PostgresDatabase } from './postgres-pool.js';

/** Options of {@link DocumentFrequencyCache}. */
export interface DocumentFrequencyCacheOptions {
  /** How long a count is trusted (default 10 minutes). */
  maxAgeMs?: number;
  /** Most queries remembered (default 20,000); the least recently used go first. */
  maxEntries?: number;
  /** Milliseconds since some epoch; injectable for tests. */
  now?: () => number;
}

/** A count stays in use while the table has changed by at most this share of its rows (as on SQLite). */
const TABLE_DRIFT = 0.01;

/**
 * How many `memory_text` rows of the whole table (every tenant) match a
 * tsquery: BM25's document frequency. Counted through the GIN index and
 * remembered with the same rules as SQLite's TermDocumentFrequency (age,
 * and drift of the table's row count), so both stores rank with the same
 * numbers. The count is not tenant data: it folds into every tenant's scores
 * alike. Per process; a count another node made stale is renewed by the
 * drift rule, because `tableRows` is read fresh from the database.
 */
export class DocumentFrequencyCache {
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Insertion order is recency order. */
  private readonly counts = new Map<string, { rows: number; countedAt: number; tableRows: number }>();

  constructor(
    private readonly database: PostgresDatabase,
    options: DocumentFrequencyCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.maxEntries = options.maxEntries ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Rows matching `query` (tsquery text; or, with `count`, whatever `count`
   * counts, remembered under `query`); pass the current row count as
   * `tableRows` to renew on drift.
   */
  async rowsMatching(query: string, tableRows = 0, count?: () => Promise<number>): Promise<number> {
    const now = this.now();
    const known = this.counts.get(query);
    if (known !== undefined) {
      this.counts.delete(query);
      const fresh = now - known.countedAt <= this.maxAgeMs;
      if (fresh && Math.abs(tableRows - known.tableRows) <= known.tableRows * TABLE_DRIFT) {
        this.counts.set(query, known);
        return known.rows;
      }
    }
    const rows = count ? await count() : await this.countRows(query);
    if (this.counts.size >= this.maxEntries) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    this.counts.set(query, { rows, countedAt: now, tableRows });
    return rows;
  }

  private async countRows(query: string): Promise<number> {
    const { rows } = await this.database.query<{ count: number }>(
      'SELECT count(*) AS count FROM memory_text WHERE lexemes @@ $1::tsquery',
      [query],
    );
    return rows[0]?.count ?? 0;
  }
}
