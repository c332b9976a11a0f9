import type { SqliteHandle } from './sqlite-database.js';

/** Options of {@link TermDocumentFrequency}. */
export interface TermDocumentFrequencyOptions {
  /** How long a count is trusted (default 10 minutes): counts only steer which terms are searched. */
  maxAgeMs?: number;
  /** Most terms remembered (default 20,000); the least recently used go first. */
  maxTerms?: number;
  /** Milliseconds since some epoch; injectable for tests. */
  now?: () => number;
}

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
  private readonly counts = new Map<string, { rows: number; countedAt: number }>();

  constructor(database: SqliteHandle, options: TermDocumentFrequencyOptions = {}) {
    this.countStatement = database
      .prepare('SELECT count(*) FROM memory_text WHERE memory_text MATCH ?')
      .pluck();
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.maxTerms = options.maxTerms ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /** Rows whose body matches `quotedPhrase` (an FTS5 string literal, as full-text-query.ts builds them). */
  rowsMatching(quotedPhrase: string): number {
    const now = this.now();
    const known = this.counts.get(quotedPhrase);
    if (known !== undefined) {
      this.counts.delete(quotedPhrase);
      if (now - known.countedAt <= this.maxAgeMs) {
        this.counts.set(quotedPhrase, known);
        return known.rows;
      }
    }
    // The memories' own text only: context repeats every line as its
    // neighbours' context, which would triple a term's count and change which
    // term a search of common words keeps (a name in every memory of a 50k
    // scope instead of a rarer word: 10 → 47 ms).
    const rows = this.countStatement.get(`body : ${quotedPhrase}`) as number;
    if (this.counts.size >= this.maxTerms) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    this.counts.set(quotedPhrase, { rows, countedAt: now });
    return rows;
  }
}
