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
    const known = this.known(query, tableRows);
    if (known !== undefined) return known;
    const rows = count ? await count() : ((await this.countRows([query]))[0] as number);
    this.remember(query, rows, tableRows);
    return rows;
  }

  /**
   * {@link rowsMatching} of each tsquery in `queries` (in their order), the
   * ones not remembered counted in a single statement: a search's terms cost
   * one round trip at most, not one each.
   */
  async rowsMatchingAll(queries: readonly string[], tableRows = 0): Promise<number[]> {
    const counts = queries.map((query) => this.known(query, tableRows));
    const missing = [...new Set(queries.filter((_, index) => counts[index] === undefined))];
    if (missing.length === 0) return counts as number[];
    const counted = new Map<string, number>();
    for (const [index, rows] of (await this.countRows(missing)).entries()) {
      const query = missing[index] as string;
      counted.set(query, rows);
      this.remember(query, rows, tableRows);
    }
    return counts.map((known, index) => known ?? (counted.get(queries[index] as string) as number));
  }

  /** The remembered count of `query` while fresh and within the drift of `tableRows`; marks it recently used. */
  private known(query: string, tableRows: number): number | undefined {
    const known = this.counts.get(query);
    if (known === undefined) return undefined;
    this.counts.delete(query);
    const fresh = this.now() - known.countedAt <= this.maxAgeMs;
    if (!fresh || Math.abs(tableRows - known.tableRows) > known.tableRows * TABLE_DRIFT) return undefined;
    this.counts.set(query, known);
    return known.rows;
  }

  private remember(query: string, rows: number, tableRows: number): void {
    if (this.counts.size >= this.maxEntries) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    this.counts.set(query, { rows, countedAt: this.now(), tableRows });
  }

  /** Each tsquery's rows, in order, in one statement (one GIN lookup per query). */
  private async countRows(queries: readonly string[]): Promise<number[]> {
    const { rows } = await this.database.query<{ count: number }>(
      `SELECT (SELECT count(*) FROM memory_text WHERE lexemes @@ wanted.query::tsquery) AS count
       FROM unnest($1::text[]) WITH ORDINALITY AS wanted (query, position)
       ORDER BY wanted.position`,
      [queries],
    );
    return rows.map((row) => row.count);
  }
}
