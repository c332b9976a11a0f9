import type { IndexHit, TextIndex } from '@engram/core';
import {
  DEFAULT_CONTEXT_WEIGHT,
  fts5Tokens,
  inverseDocumentFrequency,
  quotedTerms,
  type ScoredRow,
  scoreBm25,
  unquotedTerm,
  type WeightedStem,
} from '@engram/store-sqlite/portable';
import { DocumentFrequencyCache, type DocumentFrequencyCacheOptions } from './document-frequency-cache.js';
import type { PostgresDatabase } from './postgres-pool.js';
import { anyFieldOperand, queryLexeme, scopeLexemeOf } from './text-lexemes.js';

/** Options of {@link PostgresTextIndex}; the same meaning and defaults as SQLite's. */
export interface PostgresTextIndexOptions {
  /** A term matching more rows than this (whole table, body only) is left out when a rarer one remains (default 10,000). */
  maxTermRows?: number;
  /** BM25 weight of the context field against 1 for the memory's own text (default 0.75). */
  contextWeight?: number;
  /** How long document frequencies are remembered. */
  termCounts?: DocumentFrequencyCacheOptions;
}

interface MatchRow {
  memory_rowid: number;
  memory_id: string;
  tokens: number;
  body: string;
  context: string;
}

/** One searched term: its quoted form (as SQLite keys it) and its stems. */
interface SearchTerm {
  quoted: string;
  stems: string[];
}

/**
 * {@link TextIndex} on PostgreSQL: a GIN index over a tsvector per memory,
 * whose lexemes are the stems SQLite's FTS5 tokenizer produces (the same
 * tokenizer, run here) plus a scope lexeme, so a search ANDs the tenant's
 * scope into the index lookup itself and walks only the tenant's postings;
 * the join to `memories` re-checks the scope.
 *
 * Ranking is SQLite's BM25 (docs/decisions/0016, 0040), computed in
 * JavaScript from the stored stem counts with the collection's row and token
 * totals and whole-table document frequencies, and the same rule for
 * leaving out very common terms, so both stores rank the same data the same.
 * One difference: a term the tokenizer splits into several words ("o'neil")
 * is matched and scored as its words, where FTS5 matches the phrase.
 */
export class PostgresTextIndex implements TextIndex {
  private readonly maxTermRows: number;
  private readonly contextWeight: number;
  private readonly bodyRows: DocumentFrequencyCache;
  private readonly anyFieldRows: DocumentFrequencyCache;

  constructor(
    private readonly database: PostgresDatabase,
    options: PostgresTextIndexOptions = {},
  ) {
    const contextWeight = options.contextWeight ?? DEFAULT_CONTEXT_WEIGHT;
    if (!(Number.isFinite(contextWeight) && contextWeight >= 0)) {
      throw new RangeError('contextWeight must be a finite number ≥ 0');
    }
    this.contextWeight = contextWeight;
    this.maxTermRows = options.maxTermRows ?? 10_000;
    this.bodyRows = new DocumentFrequencyCache(database, options.termCounts);
    this.anyFieldRows = new DocumentFrequencyCache(database, options.termCounts);
  }

  /**
   * Memories matching any term, best first; score = BM25 (higher is better).
   * Terms are tokenized like the index (operators and quotes are just
   * characters); a term that tokenizes to nothing matches nothing.
   */
  async search(scopeKeys: readonly string[], terms: readonly string[], limit: number): Promise<IndexHit[]> {
    if (limit <= 0 || scopeKeys.length === 0) return [];
    const searchTerms = quotedTerms(terms).map((quoted) => ({
      quoted,
      stems: fts5Tokens(unquotedTerm(quoted)),
    }));
    const kept = (await this.affordableTerms(searchTerms)).filter((term) => term.stems.length > 0);
    if (kept.length === 0) return [];
    const scopes = [...new Set(scopeKeys.map(scopeLexemeOf))].map(queryLexeme).join(' | ');
    const stems = kept.flatMap((term) => term.stems);
    const query = `(${scopes}) & (${[...new Set(stems)].map(anyFieldOperand).join(' | ')})`;
    const { rows: matched } = await this.database.query<MatchRow>(
      `SELECT t.memory_rowid, m.memory_id, t.tokens, t.body, t.context
       FROM memory_text t JOIN memories m ON m.memory_rowid = t.memory_rowid
       WHERE t.lexemes @@ $1::tsquery AND t.scope_key = ANY($2::text[]) AND m.scope_key = ANY($2::text[])`,
      [query, scopeKeys],
    );
    if (matched.length === 0) return [];
    const { rows: tableRows, averageLength } = await this.totals();
    const weighted: WeightedStem[] = await Promise.all(
      stems.map(async (stem) => ({
        stem,
        idf: inverseDocumentFrequency(
          await this.anyFieldRows.rowsMatching(anyFieldOperand(stem), tableRows),
          tableRows,
        ),
      })),
    );
    const memoryIds = new Map<number, string>();
    const rows: ScoredRow[] = matched.map((row) => {
      memoryIds.set(row.memory_rowid, row.memory_id);
      return { rowid: row.memory_rowid, tokens: row.tokens, body: row.body, context: row.context };
    });
    return scoreBm25(rows, weighted, averageLength, this.contextWeight, limit).map(({ rowid, score }) => ({
      memoryId: memoryIds.get(rowid) as string,
      score,
    }));
  }

  /** Rows and mean tokens per row of the whole index (BM25's N and avgdl). */
  private async totals(): Promise<{ rows: number; averageLength: number }> {
    const { rows } = await this.database.query<{ rows: number | null; tokens: number | null }>(
      'SELECT sum(rows)::bigint AS rows, sum(tokens)::bigint AS tokens FROM text_totals',
    );
    const total = rows[0]?.rows ?? 0;
    return { rows: total, averageLength: total > 0 ? (rows[0]?.tokens ?? 0) / total : 0 };
  }

  /** The terms at or under the row threshold (body only), or the rarest alone when none is; order kept. */
  private async affordableTerms(terms: readonly SearchTerm[]): Promise<readonly SearchTerm[]> {
    if (!Number.isFinite(this.maxTermRows) || terms.length === 0) return terms;
    const rows = await Promise.all(
      terms.map((term) =>
        term.stems.length === 0
          ? 0
          : this.bodyRows.rowsMatching(term.stems.map((stem) => queryLexeme(stem)).join(' & ')),
      ),
    );
    const kept = terms.filter((_, index) => (rows[index] as number) <= this.maxTermRows);
    if (kept.length > 0) return kept;
    return [terms[rows.indexOf(Math.min(...rows))] as SearchTerm];
  }
}
